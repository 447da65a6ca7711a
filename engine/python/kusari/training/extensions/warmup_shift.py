"""WarmupShift: optimizer.<attr> rises linearly from warmup_start to init over the first
warmup_iter calls, then stays at init (the optimizer's value at initialize by default)."""
from kusari.training.extensions._attribute_shift import AttributeShift


class WarmupShift(AttributeShift):
    def __init__(self, attr, warmup_start, warmup_iter, init=None, optimizer=None):
        super().__init__(attr, optimizer, init)
        if warmup_iter <= 0:
            raise ValueError("WarmupShift: warmup_iter must be positive")
        self._warmup_start = warmup_start
        self._warmup_iter = warmup_iter

    def _first_value(self):
        return self._warmup_start

    def _value_at(self, t):
        if t < self._warmup_iter:
            return self._warmup_start + (self._init - self._warmup_start) * t / self._warmup_iter
        return self._init

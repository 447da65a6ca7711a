"""WarmupShift: optimizer.<attr> rises linearly from warmup_start to init over the first
warmup_iter calls, then stays at init (the optimizer's value at initialize by default)."""
from kusari.training.extensions._attribute_shift import AttributeShift


class WarmupShift(AttributeShift):
    def __init__(self, attr, warmup_start, warmup_iter, init=None, optimizer=None):
        super().__init__(attr, optimizer)
        if warmup_iter <= 0:
            raise ValueError("WarmupShift: warmup_iter must be positive")
        self._warmup_start = warmup_start
        self._warmup_iter = warmup_iter
        self._init = init

    def initialize(self, trainer):
        optimizer = self._get_optimizer(trainer)
        if self._init is None:
            self._init = getattr(optimizer, self._attr)
        self._update_value(optimizer, self._warmup_start if self._last_value is None else self._last_value)

    def __call__(self, trainer):
        self._t += 1
        if self._t < self._warmup_iter:
            value = self._warmup_start + (self._init - self._warmup_start) * self._t / self._warmup_iter
        else:
            value = self._init
        self._update_value(self._get_optimizer(trainer), value)

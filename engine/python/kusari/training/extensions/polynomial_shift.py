"""PolynomialShift: optimizer.<attr> = init * (1 - t / max_count) ** rate after t calls (0 once
t passes max_count), stopped at target; init is the optimizer's value at initialize."""
from kusari.training.extensions._attribute_shift import AttributeShift, clip_to_target


class PolynomialShift(AttributeShift):
    def __init__(self, attr, rate, max_count, target=None, optimizer=None):
        super().__init__(attr, optimizer)
        if max_count <= 0:
            raise ValueError("PolynomialShift: max_count must be positive")
        self._rate = rate
        self._max_count = max_count
        self._target = target

    def initialize(self, trainer):
        optimizer = self._get_optimizer(trainer)
        if self._init is None:
            self._init = getattr(optimizer, self._attr)
        if self._last_value is not None:  # resuming from a snapshot
            self._update_value(optimizer, self._last_value)

    def _value_at(self, t):
        decay = max(1 - t / self._max_count, 0)
        value = self._init * decay ** self._rate
        # the value shrinks for rate > 0 and grows for rate < 0
        return clip_to_target(value, self._target, 0.5 if self._rate > 0 else 2.)

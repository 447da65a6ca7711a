"""ExponentialShift: optimizer.<attr> = init * rate ** t after t calls, stopped at target."""
from kusari.training.extensions._attribute_shift import AttributeShift, clip_to_target


class ExponentialShift(AttributeShift):
    def __init__(self, attr, rate, init=None, target=None, optimizer=None):
        super().__init__(attr, optimizer)
        if rate < 0:
            raise ValueError("ExponentialShift does not support negative rate")
        self._rate = rate
        self._init = init
        self._target = target

    def initialize(self, trainer):
        optimizer = self._get_optimizer(trainer)
        if self._init is None:
            self._init = getattr(optimizer, self._attr)
        self._update_value(optimizer, self._init if self._last_value is None else self._last_value)

    def __call__(self, trainer):
        self._t += 1
        value = clip_to_target(self._init * self._rate ** self._t, self._target, self._rate)
        self._update_value(self._get_optimizer(trainer), value)

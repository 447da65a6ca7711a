"""ExponentialShift: optimizer.<attr> = init * rate ** t after t calls, stopped at target."""
from kusari.training.extensions._attribute_shift import AttributeShift, clip_to_target


class ExponentialShift(AttributeShift):
    def __init__(self, attr, rate, init=None, target=None, optimizer=None):
        super().__init__(attr, optimizer, init)
        if rate < 0:
            raise ValueError("ExponentialShift does not support negative rate")
        self._rate = rate
        self._target = target

    def _value_at(self, t):
        return clip_to_target(self._init * self._rate ** t, self._target, self._rate)

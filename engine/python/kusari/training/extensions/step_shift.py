"""StepShift: optimizer.<attr> = init * gamma ** floor(t / step) after t calls, stopped at target."""
from kusari.training.extensions._attribute_shift import AttributeShift, clip_to_target


class StepShift(AttributeShift):
    def __init__(self, attr, gamma, step, init=None, target=None, optimizer=None):
        super().__init__(attr, optimizer, init)
        if gamma < 0:
            raise ValueError("StepShift does not support negative gamma")
        if step <= 0:
            raise ValueError("StepShift: step must be positive")
        self._gamma = gamma
        self._step = step
        self._target = target

    def _value_at(self, t):
        return clip_to_target(self._init * self._gamma ** (t // self._step), self._target, self._gamma)

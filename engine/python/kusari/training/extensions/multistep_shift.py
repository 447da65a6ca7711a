"""MultistepShift: optimizer.<attr> = init * gamma ** k after t calls, where k counts the
entries of step_value reached (step_value[i] <= t), as in Chainer."""
from kusari.training.extensions._attribute_shift import AttributeShift


class MultistepShift(AttributeShift):
    def __init__(self, attr, gamma, step_value, init, optimizer=None):
        super().__init__(attr, optimizer, init)
        if gamma < 0:
            raise ValueError("MultistepShift does not support negative gamma")
        self._gamma = gamma
        self._step_value = sorted(step_value)

    def _value_at(self, t):
        reached = sum(1 for s in self._step_value if s <= t)
        return self._init * self._gamma ** reached

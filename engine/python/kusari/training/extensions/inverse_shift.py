"""InverseShift: optimizer.<attr> = init * (1 + gamma * t) ** (-power) after t calls, stopped at
target (Caffe's "inv" policy, Chainer's InverseShift)."""
from kusari.training.extensions._attribute_shift import AttributeShift, clip_to_target


class InverseShift(AttributeShift):
    def __init__(self, attr, gamma, power, init=None, target=None, optimizer=None):
        super().__init__(attr, optimizer, init)
        if gamma < 0:
            raise ValueError("InverseShift does not support negative gamma")
        self._gamma = gamma
        self._power = power
        self._target = target

    def _value_at(self, t):
        value = self._init * (1 + self._gamma * t) ** (-self._power)
        # the value grows for power < 0 and shrinks for power > 0
        return clip_to_target(value, self._target, 2. if self._power < 0 else 0.5)

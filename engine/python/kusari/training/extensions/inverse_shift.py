"""InverseShift: optimizer.<attr> = init * (1 + gamma * t) ** (-power) after t calls, stopped at
target (Caffe's "inv" policy, Chainer's InverseShift)."""
from kusari.training.extensions._attribute_shift import AttributeShift, clip_to_target


class InverseShift(AttributeShift):
    def __init__(self, attr, gamma, power, init=None, target=None, optimizer=None):
        super().__init__(attr, optimizer)
        if gamma < 0:
            raise ValueError("InverseShift does not support negative gamma")
        self._gamma = gamma
        self._power = power
        self._init = init
        self._target = target

    def initialize(self, trainer):
        optimizer = self._get_optimizer(trainer)
        if self._init is None:
            self._init = getattr(optimizer, self._attr)
        self._update_value(optimizer, self._init if self._last_value is None else self._last_value)

    def __call__(self, trainer):
        self._t += 1
        value = self._init * (1 + self._gamma * self._t) ** (-self._power)
        # the value grows for power < 0 and shrinks for power > 0
        value = clip_to_target(value, self._target, 2. if self._power < 0 else 0.5)
        self._update_value(self._get_optimizer(trainer), value)

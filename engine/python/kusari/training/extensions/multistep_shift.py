"""MultistepShift: optimizer.<attr> = init * gamma ** k after t calls, where k counts the
entries of step_value reached (step_value[i] <= t), as in Chainer."""
from kusari.training.extensions._attribute_shift import AttributeShift


class MultistepShift(AttributeShift):
    def __init__(self, attr, gamma, step_value, init, optimizer=None):
        super().__init__(attr, optimizer)
        if gamma < 0:
            raise ValueError("MultistepShift does not support negative gamma")
        self._gamma = gamma
        self._step_value = sorted(step_value)
        self._init = init

    def initialize(self, trainer):
        optimizer = self._get_optimizer(trainer)
        if self._init is None:
            self._init = getattr(optimizer, self._attr)
        self._update_value(optimizer, self._init if self._last_value is None else self._last_value)

    def __call__(self, trainer):
        self._t += 1
        reached = sum(1 for s in self._step_value if s <= self._t)
        self._update_value(self._get_optimizer(trainer), self._init * self._gamma ** reached)

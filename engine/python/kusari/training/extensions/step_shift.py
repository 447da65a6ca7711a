"""StepShift: optimizer.<attr> = init * gamma ** floor(t / step) after t calls, stopped at target."""
from kusari.training.extensions._attribute_shift import AttributeShift, clip_to_target


class StepShift(AttributeShift):
    def __init__(self, attr, gamma, step, init=None, target=None, optimizer=None):
        super().__init__(attr, optimizer)
        if gamma < 0:
            raise ValueError("StepShift does not support negative gamma")
        if step <= 0:
            raise ValueError("StepShift: step must be positive")
        self._gamma = gamma
        self._step = step
        self._init = init
        self._target = target

    def initialize(self, trainer):
        optimizer = self._get_optimizer(trainer)
        if self._init is None:
            self._init = getattr(optimizer, self._attr)
        self._update_value(optimizer, self._init if self._last_value is None else self._last_value)

    def __call__(self, trainer):
        self._t += 1
        value = clip_to_target(self._init * self._gamma ** (self._t // self._step), self._target, self._gamma)
        self._update_value(self._get_optimizer(trainer), value)

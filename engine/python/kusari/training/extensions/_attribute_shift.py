"""What the hyperparameter schedules (ExponentialShift, LinearShift, ...) share: they set an
optimizer attribute (optimizer.lr, optimizer.alpha) once per call, counting calls in `_t`,
and remember the last value so a resumed run starts from it."""
import numpy

from kusari.training import extension


class AttributeShift(extension.Extension):
    """Subclasses with a starting value pass ``init`` (None: the optimizer's value at initialize)
    and give the value after t calls in ``_value_at(t)``; ``_first_value()`` is what initialize
    sets on a fresh (not resumed) run."""

    def __init__(self, attr, optimizer=None, init=None):
        self._attr = attr
        self._optimizer = optimizer
        self._init = init
        self._t = 0
        self._last_value = None

    def initialize(self, trainer):
        optimizer = self._get_optimizer(trainer)
        if self._init is None:
            self._init = getattr(optimizer, self._attr)
        self._update_value(optimizer, self._first_value() if self._last_value is None else self._last_value)

    def __call__(self, trainer):
        self._t += 1
        self._update_value(self._get_optimizer(trainer), self._value_at(self._t))

    def _first_value(self):
        return self._init

    def _value_at(self, t):
        raise NotImplementedError

    def _get_optimizer(self, trainer):
        return self._optimizer or trainer.updater.get_optimizer("main")

    def _update_value(self, optimizer, value):
        setattr(optimizer, self._attr, value)
        self._last_value = value

    def serialize(self, serializer):
        self._t = serializer("_t", self._t)
        last = serializer("_last_value", self._last_value)
        self._last_value = last.item() if isinstance(last, numpy.ndarray) else last


def clip_to_target(value, target, rate):
    """``value`` stopped at ``target`` as it grows (rate > 1) or shrinks (rate < 1); the ratio
    form also holds for negative values."""
    if target is None:
        return value
    if rate > 1:
        return target if value / target > 1 else value
    return target if value / target < 1 else value

"""What the hyperparameter schedules (ExponentialShift, LinearShift, ...) share: they set an
optimizer attribute (optimizer.lr, optimizer.alpha) once per call, counting calls in `_t`,
and remember the last value so a resumed run starts from it."""
import numpy

from kusari.training import extension


class AttributeShift(extension.Extension):
    def __init__(self, attr, optimizer=None):
        self._attr = attr
        self._optimizer = optimizer
        self._t = 0
        self._last_value = None

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

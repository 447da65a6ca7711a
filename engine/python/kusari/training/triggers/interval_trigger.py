"""IntervalTrigger: fires each time the iteration count or the epoch crosses a multiple of period."""
from kusari._kusari import FormatError


class IntervalTrigger:
    def __init__(self, period, unit):
        if unit not in ("epoch", "iteration"):
            raise ValueError(f"IntervalTrigger: unit must be 'epoch' or 'iteration', got {unit!r}")
        self.period = period
        self.unit = unit
        self._previous_iteration = 0
        self._previous_epoch_detail = 0.
        self.count = 0  # Chainer keeps it for old code that reads it

    def __call__(self, trainer):
        updater = trainer.updater
        if self.unit == "epoch":
            epoch_detail = updater.epoch_detail
            previous = self._previous_epoch_detail
            if previous < 0:  # restored from a snapshot that lacked it
                previous = updater.previous_epoch_detail or 0.
            self.count = epoch_detail // self.period
            fire = previous // self.period != epoch_detail // self.period
        else:
            iteration = updater.iteration
            previous = self._previous_iteration
            if previous < 0:
                previous = iteration - 1
            fire = previous // self.period != iteration // self.period
        self._previous_iteration = updater.iteration
        self._previous_epoch_detail = getattr(updater, "epoch_detail", self._previous_epoch_detail)
        return fire

    def get_training_length(self):
        return self.period, self.unit

    def serialize(self, serializer):
        # A snapshot taken before this trigger existed lacks its keys: then the updater's own
        # previous position stands in (-1 marks it), as Chainer does.
        try:
            self._previous_iteration = serializer("previous_iteration", self._previous_iteration)
        except (KeyError, FormatError):
            self._previous_iteration = -1
        try:
            self._previous_epoch_detail = serializer("previous_epoch_detail", self._previous_epoch_detail)
        except (KeyError, FormatError):
            self._previous_epoch_detail = -1.

    def __str__(self):
        return f"IntervalTrigger({self.period}, '{self.unit}')"

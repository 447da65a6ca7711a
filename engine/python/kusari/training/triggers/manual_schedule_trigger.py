"""ManualScheduleTrigger: fires when the iteration or epoch reaches one of the given points."""


class ManualScheduleTrigger:
    def __init__(self, points, unit):
        if unit not in ("epoch", "iteration"):
            raise ValueError(f"ManualScheduleTrigger: unit must be 'epoch' or 'iteration', got {unit!r}")
        self.points = list(points) if isinstance(points, (list, tuple)) else [points]
        self.unit = unit
        self.finished = False
        self._previous_iteration = 0
        self._previous_epoch_detail = 0.

    def __call__(self, trainer):
        updater = trainer.updater
        if self.unit == "epoch":
            now, previous = updater.epoch_detail, self._previous_epoch_detail
            if previous < 0:
                previous = updater.previous_epoch_detail or 0.
        else:
            now, previous = updater.iteration, self._previous_iteration
            if previous < 0:
                previous = now - 1
        fire = any(previous < p <= now for p in self.points)
        if fire and now >= max(self.points):
            self.finished = True
        self._previous_iteration = updater.iteration
        self._previous_epoch_detail = getattr(updater, "epoch_detail", self._previous_epoch_detail)
        return fire

    def serialize(self, serializer):
        self._previous_iteration = serializer("previous_iteration", self._previous_iteration)
        self._previous_epoch_detail = serializer("previous_epoch_detail", self._previous_epoch_detail)
        self.finished = serializer("finished", self.finished)

"""BestValueTrigger, MaxValueTrigger, MinValueTrigger: fire when the mean of an observed value
over each interval is the best seen so far (e.g. snapshot the best validation accuracy)."""
from kusari import reporter
from kusari.training import _trigger_util


class BestValueTrigger:
    def __init__(self, key, compare, trigger=(1, "epoch")):
        self._key = key
        self._compare = compare
        self._best_value = None
        self._interval_trigger = _trigger_util.get_trigger(trigger)
        self._summary = reporter.DictSummary()

    def __call__(self, trainer):
        key = self._key
        if key in trainer.observation:
            self._summary.add({key: trainer.observation[key]})
        if not self._interval_trigger(trainer):
            return False
        stats = self._summary.compute_mean()
        if key not in stats:
            raise KeyError(f"Key \"{key}\" not found in the observation (current available keys are "
                           f"{list(stats.keys())})")
        value = float(stats[key])
        self._summary = reporter.DictSummary()
        if self._best_value is None or self._compare(self._best_value, value):
            self._best_value = value
            return True
        return False

    def serialize(self, serializer):
        if hasattr(self._interval_trigger, "serialize"):
            self._interval_trigger.serialize(serializer["interval_trigger"])
        self._summary.serialize(serializer["summary"])
        best = serializer("best_value", self._best_value)
        self._best_value = None if best is None else float(best)


class MaxValueTrigger(BestValueTrigger):
    def __init__(self, key, trigger=(1, "epoch")):
        super().__init__(key, lambda best, new: new > best, trigger)


class MinValueTrigger(BestValueTrigger):
    def __init__(self, key, trigger=(1, "epoch")):
        super().__init__(key, lambda best, new: new < best, trigger)

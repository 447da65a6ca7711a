"""EarlyStoppingTrigger: a stop trigger that fires when the monitored value has not improved
for `patience` checks, or at max_trigger."""
import operator
import warnings

from kusari import reporter
from kusari.training import _trigger_util


class EarlyStoppingTrigger:
    def __init__(self, check_trigger=(1, "epoch"), monitor="main/loss", patience=None, mode="auto",
                 verbose=False, max_trigger=(100, "epoch"), patients=None):
        if patience is None:
            patience = 3 if patients is None else patients
        elif patients is not None:
            raise TypeError("EarlyStoppingTrigger: give patience or patients (its old name), not both")
        self.count = 0
        self.patience = patience
        self.monitor = monitor
        self.verbose = verbose
        self.already_warning = False
        self._max_trigger = _trigger_util.get_trigger(max_trigger)
        self._interval_trigger = _trigger_util.get_trigger(check_trigger)
        self._summary = reporter.DictSummary()
        if mode == "auto":
            mode = "max" if "accuracy" in monitor else "min"
        if mode == "max":
            self._compare, self.best = operator.gt, float("-inf")
        elif mode == "min":
            self._compare, self.best = operator.lt, float("inf")
        else:
            raise ValueError(f"EarlyStoppingTrigger: mode must be 'auto', 'max' or 'min', got {mode!r}")

    def __call__(self, trainer):
        observation = trainer.observation
        if self.monitor in observation:
            self._summary.add({self.monitor: observation[self.monitor]})
        if self._max_trigger(trainer):
            return True
        if not self._interval_trigger(trainer):
            return False
        if self.monitor not in observation:
            warnings.warn(f"{self.monitor} is not in observation")
            return False
        current = float(self._summary.compute_mean()[self.monitor])
        self._summary = reporter.DictSummary()
        if self._compare(current, self.best):
            self.best, self.count = current, 0
        else:
            self.count += 1
        if self.count >= self.patience:
            if self.verbose:
                print(f"Epoch {trainer.updater.epoch}: early stopping")
            return True
        return False

    def get_training_length(self):
        return self._max_trigger.get_training_length()

    def serialize(self, serializer):
        for name in ("_max_trigger", "_interval_trigger"):
            trigger = getattr(self, name)
            if hasattr(trigger, "serialize"):
                trigger.serialize(serializer[name])
        self.count = serializer("count", self.count)
        self.best = serializer("best", self.best)

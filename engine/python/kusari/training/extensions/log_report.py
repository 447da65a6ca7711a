"""LogReport: means of the observations over each interval, appended to a JSON log in out/.

The file (default 'log') is Chainer's: a JSON list of dicts, each with the mean of every
reported scalar plus 'epoch', 'iteration' and 'elapsed_time'.
"""
import json
import os
import tempfile

from kusari import reporter
from kusari.training import _trigger_util, extension


class LogReport(extension.Extension):
    def __init__(self, keys=None, trigger=(1, "epoch"), postprocess=None, filename=None, log_name="log"):
        self._keys = keys
        self._trigger = _trigger_util.get_trigger(trigger)
        self._postprocess = postprocess
        self._log_name = log_name if filename is None else filename
        self._log = []
        self._summary = reporter.DictSummary()

    def __call__(self, trainer):
        observation = trainer.observation
        if self._keys is None:
            self._summary.add(observation)
        else:
            self._summary.add({k: observation[k] for k in self._keys if k in observation})
        if not (trainer.is_before_training or self._trigger(trainer)):
            return
        entry = {name: float(value) for name, value in self._summary.compute_mean().items()}
        updater = trainer.updater
        entry["epoch"] = updater.epoch
        entry["iteration"] = updater.iteration
        entry["elapsed_time"] = trainer.elapsed_time
        if self._postprocess is not None:
            self._postprocess(entry)
        self._log.append(entry)
        if self._log_name:
            self._write(os.path.join(trainer.out, self._log_name.format(**entry)))
        self._summary = reporter.DictSummary()

    def _write(self, path):
        # Written aside and renamed, so a reader never sees half a file.
        directory = os.path.dirname(path) or "."
        fd, tmp = tempfile.mkstemp(prefix=os.path.basename(path), dir=directory)
        with os.fdopen(fd, "w") as f:
            json.dump(self._log, f, indent=4)
        os.replace(tmp, path)

    @property
    def log(self):
        """The entries so far: a list of dicts."""
        return self._log

    def serialize(self, serializer):
        if hasattr(self._trigger, "serialize"):
            self._trigger.serialize(serializer["_trigger"])
        self._summary.serialize(serializer["_summary"])
        self._log = json.loads(serializer("_log", json.dumps(self._log)))

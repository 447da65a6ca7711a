"""PlotReport: a PNG line plot of observed values (means over each interval) against
'iteration' or 'epoch'. Uses matplotlib when importable, else kusari's own PNG writer."""
import json
import os

from kusari import reporter
from kusari.training import _trigger_util, extension
from kusari.training.extensions import _png_line_plot


def _matplotlib_pyplot():
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        return plt
    except ImportError:
        return None


class PlotReport(extension.Extension):
    def __init__(self, y_keys, x_key="iteration", trigger=(1, "epoch"), postprocess=None, filename=None,
                 marker="x", grid=True, file_name=None):
        self._y_keys = [y_keys] if isinstance(y_keys, str) else list(y_keys)
        self._x_key = x_key
        self._trigger = _trigger_util.get_trigger(trigger)
        self._postprocess = postprocess
        self._file_name = filename or file_name or "plot.png"
        self._marker = marker
        self._grid = grid
        self._data = {k: [] for k in self._y_keys}
        self._summary = reporter.DictSummary()

    @staticmethod
    def available():
        return True  # the built-in writer needs nothing beyond the standard library

    def __call__(self, trainer):
        observation = trainer.observation
        self._summary.add({k: observation[k] for k in self._y_keys if k in observation})
        if not (trainer.is_before_training or self._trigger(trainer)):
            return
        stats = {k: float(v) for k, v in self._summary.compute_mean().items()}
        stats["epoch"] = trainer.updater.epoch
        stats["iteration"] = trainer.updater.iteration
        x = stats[self._x_key]
        for k in self._y_keys:
            if k in stats:
                self._data[k].append((x, stats[k]))
        self._summary = reporter.DictSummary()
        self._write(os.path.join(trainer.out, self._file_name))

    def _write(self, path):
        plt = _matplotlib_pyplot()
        if plt is not None:
            figure, axes = plt.subplots()
            for k, points in self._data.items():
                if points:
                    axes.plot([p[0] for p in points], [p[1] for p in points], marker=self._marker, label=k)
            axes.legend(loc="best")
            axes.set_xlabel(self._x_key)
            axes.grid(self._grid)
            if self._postprocess is not None:
                self._postprocess(figure, axes, self._summary)
            figure.savefig(path)
            plt.close(figure)
            return
        png = _png_line_plot.plot_lines([self._data[k] for k in self._y_keys], grid=self._grid, marker=self._marker)
        with open(path, "wb") as f:
            f.write(png)

    def serialize(self, serializer):
        if hasattr(self._trigger, "serialize"):
            self._trigger.serialize(serializer["_trigger"])
        data = json.loads(serializer("_plot_" + self._file_name, json.dumps(self._data)))
        self._data = {k: [tuple(p) for p in points] for k, points in data.items()}

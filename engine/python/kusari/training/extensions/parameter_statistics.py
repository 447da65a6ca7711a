"""ParameterStatistics: mean/std/min/max/zeros/percentiles of every parameter and gradient,
reported under Chainer's keys '{link name}/{param path}/{data|grad}/{statistic}' (the
percentile statistic gives '.../percentile/0' ... '/6'), averaged over each trigger interval."""
import numpy

from kusari import reporter
from kusari.training import _trigger_util, extension

_SIGMA_PERCENTILES = (0.13, 2.28, 15.87, 50, 84.13, 97.72, 99.87)


class ParameterStatistics(extension.Extension):
    default_name = "parameter_statistics"
    priority = extension.PRIORITY_WRITER
    report_key_template = "{prefix}{link_name}{param_name}/{attr_name}/{function_name}"
    default_statistics = {
        "mean": numpy.mean,
        "std": numpy.std,
        "min": numpy.min,
        "max": numpy.max,
        "zeros": lambda x: numpy.count_nonzero(x == 0),
        "percentile": lambda x: numpy.percentile(x, _SIGMA_PERCENTILES),
    }

    def __init__(self, links, statistics="default", report_params=True, report_grads=True, prefix=None,
                 trigger=(1, "epoch"), skip_nan_params=False):
        self._links = links if isinstance(links, (list, tuple)) else (links,)
        if statistics is None:
            statistics = {}
        elif isinstance(statistics, str) and statistics == "default":
            statistics = self.default_statistics
        self._statistics = dict(statistics)
        self._attrs = (["data"] if report_params else []) + (["grad"] if report_grads else [])
        self._prefix = prefix
        self._trigger = _trigger_util.get_trigger(trigger)
        self._summary = reporter.DictSummary()
        self._skip_nan_params = skip_nan_params

    def __call__(self, trainer):
        statistics = {}
        prefix = self._prefix + "/" if self._prefix else ""
        for link in self._links:
            link_name = getattr(link, "name", "None")
            for param_name, param in link.namedparams():
                for attr_name in self._attrs:
                    values = param.array if attr_name == "data" else param.grad
                    if values is None:
                        continue
                    values = numpy.asarray(values).ravel()
                    for function_name, function in self._statistics.items():
                        if values.size == 0 or (self._skip_nan_params and numpy.isnan(values).any()):
                            value = numpy.nan
                        else:
                            value = function(values)
                        key = self.report_key_template.format(prefix=prefix, link_name=link_name,
                                                              param_name=param_name, attr_name=attr_name,
                                                              function_name=function_name)
                        if isinstance(value, numpy.ndarray) and value.size > 1:
                            statistics.update({f"{key}/{i}": v for i, v in enumerate(value)})
                        else:
                            statistics[key] = value
        self._summary.add(statistics)
        if self._trigger(trainer):
            reporter.report(self._summary.compute_mean())
            self._summary = reporter.DictSummary()

    def register_statistics(self, name, function):
        self._statistics[name] = function

"""chainer.reporter: observations reported by links and extensions, and their summaries.

Bookkeeping of Python objects (names, dicts, running sums of scalars), so it lives in Python.
Links implemented in the engine report through ``_report_from_link(link, values)``.
"""
import collections
import contextlib
import json
import math

import numpy

from kusari._kusari import Variable

_reporters = []

keep_graph_on_report = False  # chainer.config.keep_graph_on_report


def _copy_variable(value):
    # A reported Variable keeps its array but not its graph (unless keep_graph_on_report).
    if isinstance(value, Variable):
        return Variable(value.array)
    return value


class Reporter:
    """Collects observations: ``reporter.observation`` maps names to reported values."""

    def __init__(self):
        self._observer_names = {}
        self.observation = {}

    def __enter__(self):
        _reporters.append(self)
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        _reporters.pop()

    @contextlib.contextmanager
    def scope(self, observation):
        """Makes this reporter current and reports into ``observation`` within the block."""
        old = self.observation
        self.observation = observation
        self.__enter__()
        try:
            yield
        finally:
            self.__exit__(None, None, None)
            self.observation = old

    # Observers are matched by identity, as in Chainer; the reporter keeps each one alive so
    # that a collected observer's id() cannot be reused by a new, unregistered object.
    def add_observer(self, name, observer):
        self._observer_names[id(observer)] = (name, observer)

    def add_observers(self, prefix, observers):
        for name, observer in observers:
            self._observer_names[id(observer)] = (prefix + name, observer)

    def report(self, values, observer=None):
        if not keep_graph_on_report:
            values = {k: _copy_variable(v) for k, v in values.items()}
        if observer is None:
            self.observation.update(values)
            return
        entry = self._observer_names.get(id(observer))
        if entry is None:
            raise KeyError("Given observer is not registered to the reporter.")
        name = entry[0]
        for key, value in values.items():
            self.observation[f"{name}/{key}"] = value


def get_current_reporter():
    return _reporters[-1]


def report(values, observer=None):
    """Reports ``values`` (a dict) to the current reporter, if any; ``observer`` prefixes its name."""
    if _reporters:
        _reporters[-1].report(values, observer)


def _report_from_link(link, values):
    """The hook engine-implemented links (L.Classifier) call with their loss and accuracy:
    ``report(values, link)`` as Chainer's Classifier does, so the current reporter must know the
    link (``reporter.add_observer('main', model)``) and names the keys 'main/loss', ...
    """
    report(values, link)


@contextlib.contextmanager
def report_scope(observation):
    """Reports within the block go into ``observation`` (a dict)."""
    with _reporters[-1].scope(observation):
        yield


def _scalar(value):
    if isinstance(value, Variable):
        value = value.array
    return value


class Summary:
    """Running weighted mean and standard deviation of scalars."""

    def __init__(self):
        self._x = 0.
        self._x2 = 0.
        self._n = 0

    def add(self, value, weight=1):
        value = _scalar(value)
        self._x += weight * value
        self._x2 += weight * value * value
        self._n += weight

    def compute_mean(self):
        return self._x / self._n

    def make_statistics(self):
        mean = self._x / self._n
        var = self._x2 / self._n - mean * mean
        return mean, math.sqrt(max(float(var), 0.))

    def serialize(self, serializer):
        self._x = serializer("_x", self._x)
        self._x2 = serializer("_x2", self._x2)
        self._n = serializer("_n", self._n)


class DictSummary:
    """Summaries of dicts of scalars, key by key (what LogReport averages)."""

    def __init__(self):
        self._summaries = collections.defaultdict(Summary)

    def add(self, d):
        for k, v in d.items():
            w = 1
            if isinstance(v, tuple):
                v, w = v
                w = _scalar(w)
                if not numpy.isscalar(w) and getattr(w, "ndim", -1) != 0:
                    raise ValueError(f"Given weight to {k} was not scalar.")
            v = _scalar(v)
            if numpy.isscalar(v) or getattr(v, "ndim", -1) == 0:
                self._summaries[k].add(v, weight=w)

    def compute_mean(self):
        return {name: s.compute_mean() for name, s in self._summaries.items()}

    def make_statistics(self):
        stats = {}
        for name, s in self._summaries.items():
            stats[name], stats[name + ".std"] = s.make_statistics()
        return stats

    def serialize(self, serializer):
        names = list(self._summaries.keys())
        names = json.loads(str(serializer("_names", json.dumps(names))))
        for name in names:
            self._summaries[name].serialize(serializer[name])

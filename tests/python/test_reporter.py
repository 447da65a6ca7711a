"""kusari.reporter: observers, scopes, Variables kept without their graph, (Dict)Summary statistics."""
import math

import numpy as np
import pytest

import kusari
from kusari import reporter as R


class Observer:
    pass


def test_report_into_scopes_with_observer_names():
    rep = kusari.Reporter()
    model = Observer()
    rep.add_observer("main", model)
    rep.add_observers("main/", [("predictor", Observer())])
    observation = {}
    with rep.scope(observation):
        kusari.report({"x": 1.0})
        kusari.report({"loss": 2.0}, model)
        inner = {}
        with kusari.report_scope(inner):
            kusari.report({"y": 3.0})
        kusari.reporter._report_from_link(model, {"accuracy": 0.5})
    assert observation == {"x": 1.0, "main/loss": 2.0, "main/accuracy": 0.5}
    assert inner == {"y": 3.0}
    assert rep.observation == {}  # restored after the scope
    kusari.report({"z": 1})  # no current reporter: ignored
    with rep:
        assert R.get_current_reporter() is rep
        with pytest.raises(KeyError):
            kusari.report({"a": 1}, Observer())


def test_reported_variable_is_kept_without_graph():
    rep = kusari.Reporter()
    x = kusari.Variable(np.array([1.0, 2.0], dtype=np.float32))
    loss = kusari.functions.sum(x * x)
    obs = {}
    with rep.scope(obs):
        kusari.report({"loss": loss})
    assert isinstance(obs["loss"], kusari.Variable)
    assert float(obs["loss"].array) == 5.0
    assert obs["loss"].creator is None and loss.creator is not None


def test_summary_mean_and_std():
    s = R.Summary()
    values = [1.0, 2.0, 4.0, 9.0]
    for v in values:
        s.add(v)
    assert s.compute_mean() == pytest.approx(np.mean(values))
    mean, std = s.make_statistics()
    assert mean == pytest.approx(np.mean(values)) and std == pytest.approx(np.std(values))
    w = R.Summary()
    w.add(1.0, weight=3)
    w.add(5.0, weight=1)
    assert w.compute_mean() == pytest.approx(2.0)


def test_dict_summary_means_of_scalars_variables_and_weights():
    d = R.DictSummary()
    d.add({"loss": 1.0, "acc": kusari.Variable(np.array(0.5, dtype=np.float32)), "vec": np.ones(3)})
    d.add({"loss": np.float32(3.0), "acc": (kusari.Variable(np.array(1.0, dtype=np.float32)), 3)})
    means = d.compute_mean()
    assert set(means) == {"loss", "acc"}  # non-scalars are not summarized
    assert means["loss"] == pytest.approx(2.0)
    assert float(means["acc"]) == pytest.approx((0.5 + 3 * 1.0) / 4)
    stats = d.make_statistics()
    assert stats["loss.std"] == pytest.approx(1.0)
    with pytest.raises(ValueError):
        d.add({"loss": (1.0, np.ones(2))})


def test_dict_summary_serialize_round_trip():
    class Saver:
        def __init__(self, target, path=""):
            self.target, self.path = target, path

        def __getitem__(self, name):
            return type(self)(self.target, self.path + name + "/")

        def __call__(self, key, value):
            self.target[self.path + key] = value
            return value

    class Loader(Saver):
        def __call__(self, key, value):
            return self.target[self.path + key]

    d = R.DictSummary()
    d.add({"loss": 1.0})
    d.add({"loss": 2.0})
    state = {}
    d.serialize(Saver(state))
    e = R.DictSummary()
    e.serialize(Loader(state))
    assert e.compute_mean() == {"loss": pytest.approx(1.5)}
    assert math.isclose(e.make_statistics()["loss.std"], 0.5)


def test_classifier_reports_loss_and_accuracy_to_the_observer_name():
    import kusari.links as L
    model = L.Classifier(L.Linear(3, 2))
    reporter = kusari.Reporter()
    reporter.add_observer("main", model)
    observation = {}
    with reporter.scope(observation):
        model(np.ones((4, 3), np.float32), np.zeros(4, np.int32))
    assert set(observation) == {"main/loss", "main/accuracy"}
    assert float(observation["main/loss"].array) == float(model.loss.array)

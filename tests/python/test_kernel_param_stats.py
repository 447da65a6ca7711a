"""The kernel's parameter sampler (app/kernel/python/param_stats.py) without a kernel: its
histogram agrees with numpy.histogram, statistics skip NaN/Inf, and the sampling schedule keeps
to its time budget (a fake clock drives it)."""
import importlib.util
import pathlib
import sys
import types

import numpy as np
import pytest

SOURCE = pathlib.Path(__file__).resolve().parents[2] / "app" / "kernel" / "python" / "param_stats.py"


@pytest.fixture
def ps(monkeypatch):
    io = types.ModuleType("_kusari_kernel_io")
    io.sent = []
    io.param_stats = lambda run, iteration, epoch, layers: io.sent.append((run, iteration, epoch, layers))
    monkeypatch.setitem(sys.modules, "_kusari_kernel_io", io)
    spec = importlib.util.spec_from_file_location("_kusari_kernel_param_stats_under_test", SOURCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.io = io
    return module


@pytest.mark.parametrize("values", [np.random.RandomState(0).randn(10000), np.linspace(-1, 1, 1001),
                                    np.random.RandomState(1).rand(777) * 1e-30, np.array([3.0, 3.0, 4.0])])
def test_histogram_matches_numpy(ps, values):
    lo, hi, counts = ps.histogram(values, float(values.min()), float(values.max()))
    expected, edges = np.histogram(values, bins=ps.BINS)
    assert counts == expected.tolist()
    assert (lo, hi) == (edges[0], edges[-1])


def test_histogram_of_a_constant_and_of_extreme_values(ps):
    lo, hi, counts = ps.histogram(np.full(5, 2.0), 2.0, 2.0)
    assert (lo, hi) == (1.5, 2.5) and sum(counts) == 5 and counts[ps.BINS // 2] == 5
    lo, hi, counts = ps.histogram(np.array([-1e308, 0.0, 1e308]), -1e308, 1e308)  # hi - lo overflows
    assert counts[0] == counts[ps.BINS // 2] == counts[-1] == 1 and sum(counts) == 3


def test_summarize_skips_and_counts_nan_and_inf(ps):
    a = np.array([1.0, np.nan, -2.0, np.inf, 2.0, -np.inf, np.nan], dtype=np.float32)
    s = ps.summarize(a)
    assert (s["nan"], s["inf"]) == (2, 2)
    assert s["norm"] == pytest.approx(3.0)
    assert s["mean"] == pytest.approx(1 / 3)
    assert sum(s["histogram"][2]) == 3
    empty = ps.summarize(np.array([np.nan]))
    assert empty["norm"] == 0 and empty["histogram"] == (0.0, 0.0, []) and empty["nan"] == 1


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


class Param:
    def __init__(self, shape):
        self.array = np.ones(shape, np.float32)
        self.grad = np.full(shape, 0.5, np.float32)


class Trainer:  # what the sampler reads of a kusari Trainer
    def __init__(self, params):
        target = types.SimpleNamespace(namedparams=lambda: list(params.items()))
        optimizer = types.SimpleNamespace(target=target)
        self.updater = types.SimpleNamespace(get_optimizer=lambda name: optimizer)


def train(ps, monkeypatch, iterations, iteration_time, sample_time):
    clock = FakeClock()
    monkeypatch.setattr(ps.time, "monotonic", clock)
    real_layer_stats = ps.layer_stats

    def timed_layer_stats(*args):
        clock.now += sample_time
        return real_layer_stats(*args)
    monkeypatch.setattr(ps, "layer_stats", timed_layer_stats)
    params = {"/l/W": Param((4, 3)), "/l/b": Param((4,))}
    trainer = Trainer(params)
    sampler = ps.ParamStatsSampler()
    for i in range(1, iterations + 1):
        clock.now += iteration_time
        params["/l/W"].array = params["/l/W"].array * np.float32(0.99)  # the update of iteration i: ||ΔW|| = 1% ||W||
        sampler.observe(trainer, "run", i, i / 10)
    sampler.finish()
    return [s[1] for s in ps.io.sent], ps.io.sent


def test_cheap_samples_are_taken_every_100_ms(ps, monkeypatch):
    iterations, sent = train(ps, monkeypatch, 1000, 0.001, 0.0)
    assert iterations[0] == 1 and iterations[-1] == 1000
    gaps = np.diff(iterations[:-1])
    assert len(gaps) >= 8 and all(95 <= g <= 101 for g in gaps), gaps  # 100 ms at 1 ms an iteration
    layers = {l["path"]: l for l in sent[3][3]}
    assert set(layers) == {"l/W", "l/b"}
    # The snapshot before the sampled update gives ||ΔW|| / ||W before||.
    w = layers["l/W"]
    assert w["update_ratio"] == pytest.approx(0.01, rel=1e-4)
    assert w["grad_norm"] == pytest.approx(0.5 * np.sqrt(12))
    assert layers["l/b"]["update_ratio"] == 0  # not updated
    # Every sample but the first and the run's end was predicted, so all of them have it.
    assert all(l["update_ratio"] is not None for s in sent[1:-1] for l in s[3])


def test_expensive_samples_keep_to_two_percent(ps, monkeypatch):
    sample_time = 0.005  # per layer: 10 ms a sample
    iterations, _ = train(ps, monkeypatch, 5000, 0.001, sample_time)
    sampling = len(iterations) * 2 * sample_time
    training = 5000 * 0.001
    assert sampling / training <= ps.COST_FRACTION * 1.1
    assert len(iterations) >= 8  # but it does sample: ~every 500 iterations

"""FailOnNonNumber, DumpGraph and ParameterStatistics in real runs."""
import numpy as np
import pytest

import kusari
from kusari import reporter, training
from kusari.training import extensions
from training_support import make_trainer


def test_fail_on_nonnumber_raises_when_a_parameter_becomes_nan(tmp_path):
    trainer, model = make_trainer(tmp_path, epochs=2)

    @training.make_extension(trigger=(4, "iteration"), priority=training.PRIORITY_WRITER)
    def poison(t):
        model.predictor.l1.W.array[0, 0] = np.nan
    trainer.extend(poison)
    trainer.extend(extensions.FailOnNonNumber())
    with pytest.raises(RuntimeError, match="diverge"):
        trainer.run(show_loop_exception_msg=False)
    assert trainer.updater.iteration == 4


def test_fail_on_nonnumber_quiet_on_a_healthy_run(tmp_path):
    trainer, _ = make_trainer(tmp_path, epochs=1)
    trainer.extend(extensions.FailOnNonNumber())
    trainer.run()
    assert trainer.updater.iteration == 6


def test_dump_graph_writes_dot_of_the_loss(tmp_path):
    trainer, _ = make_trainer(tmp_path, epochs=1)
    trainer.extend(extensions.DumpGraph("main/loss"))
    trainer.run()
    dot = (tmp_path / "cg.dot").read_text()
    assert dot.lstrip().startswith("digraph")
    for op in ("linear", "relu", "softmax_cross_entropy"):
        assert op in dot, op
    assert reporter.keep_graph_on_report is False  # restored after the dump


def test_parameter_statistics_keys_and_values(tmp_path):
    trainer, model = make_trainer(tmp_path, epochs=1)
    trainer.extend(extensions.ParameterStatistics(model, trigger=(6, "iteration")))
    trainer.extend(extensions.LogReport(trigger=(6, "iteration")))
    trainer.run()
    entry = trainer.get_extension("LogReport").log[0]
    stats = {k: v for k, v in entry.items() if k.startswith("None/")}
    expected = set()
    for param in ("predictor/l1/W", "predictor/l1/b", "predictor/l2/W", "predictor/l2/b"):
        for attr in ("data", "grad"):
            for fn in ("mean", "std", "min", "max", "zeros"):
                expected.add(f"None/{param}/{attr}/{fn}")
            expected.update(f"None/{param}/{attr}/percentile/{i}" for i in range(7))
    assert set(stats) == expected
    # per-iteration statistics averaged over the interval: the last iteration's min/max bound them
    w = model.predictor.l1.W.array
    assert stats["None/predictor/l1/W/data/min"] <= stats["None/predictor/l1/W/data/mean"] <= \
        stats["None/predictor/l1/W/data/max"]
    assert abs(stats["None/predictor/l1/W/data/mean"] - w.mean()) < 0.1
    assert stats["None/predictor/l1/W/data/percentile/0"] <= stats["None/predictor/l1/W/data/percentile/6"]


def test_parameter_statistics_custom_statistics_and_prefix(tmp_path):
    trainer, model = make_trainer(tmp_path, epochs=1)
    ext = extensions.ParameterStatistics(model.predictor.l2, statistics={"sum": np.sum}, report_grads=False,
                                         prefix="stats", trigger=(1, "iteration"))
    trainer.extend(ext)
    trainer.extend(extensions.LogReport(trigger=(6, "iteration")))
    trainer.run()
    entry = trainer.get_extension("LogReport").log[0]
    name = model.predictor.l2.name
    assert {k for k in entry if k.startswith("stats/")} == {f"stats/{name}/W/data/sum", f"stats/{name}/b/data/sum"}


def test_extension_base_defaults():
    ext = training.Extension()
    assert ext.default_name == "Extension" and ext.trigger == (1, "iteration")
    assert ext.priority == training.PRIORITY_READER
    with pytest.raises(NotImplementedError):
        ext(None)
    assert kusari.training.extensions.PlotReport.available()

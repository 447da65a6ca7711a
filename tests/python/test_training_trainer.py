"""A full Trainer run on a small synthetic classification problem: Evaluator, LogReport's
JSON log, PrintReport's table, ProgressBar's bar and records, PlotReport's PNG, and the
extension protocol (trigger, priority, initialize/finalize/on_error, names)."""
import io
import json
import re
import struct
import zlib

import pytest

from kusari import training
from kusari.training import extensions
from kusari.training.extensions import progress_bar
from training_support import make_trainer, validation_iterator

ITERS_PER_EPOCH = 6  # 120 examples, batches of 20


def test_run_with_evaluator_and_log_report(tmp_path):
    trainer, model = make_trainer(tmp_path, epochs=4)
    trainer.extend(extensions.Evaluator(validation_iterator(), model))
    trainer.extend(extensions.LogReport())
    trainer.run()
    assert trainer.updater.iteration == 4 * ITERS_PER_EPOCH and trainer.updater.epoch == 4
    log = json.loads((tmp_path / "log").read_text())
    assert [e["epoch"] for e in log] == [1, 2, 3, 4]
    assert [e["iteration"] for e in log] == [6, 12, 18, 24]
    assert all(type(e["epoch"]) is int and type(e["iteration"]) is int for e in log)
    for entry in log:
        assert set(entry) == {"main/loss", "main/accuracy", "validation/main/loss", "validation/main/accuracy",
                              "epoch", "iteration", "elapsed_time"}
    times = [e["elapsed_time"] for e in log]
    assert times == sorted(times) and times[0] > 0
    assert log[-1]["main/loss"] < log[0]["main/loss"]
    assert log[-1]["validation/main/accuracy"] > 0.9  # the blobs are well separated
    assert trainer.get_extension("LogReport").log == log
    assert trainer.elapsed_time >= times[-1]


def test_evaluator_means_over_the_whole_iterator_in_test_mode(tmp_path):
    trainer, model = make_trainer(tmp_path)
    seen = []

    def eval_func(x, t):
        import kusari
        seen.append((len(x), kusari.config.train, kusari.config.enable_backprop))
        return model(x, t)

    evaluator = extensions.Evaluator(validation_iterator(n=60, batch_size=25), model, eval_func=eval_func)
    evaluator.name = "validation"
    result = evaluator()
    assert seen == [(25, False, False), (25, False, False), (10, False, False)]
    # the reported mean is the mean of the per-batch means (Chainer's DictSummary)
    assert set(result) == {"validation/main/loss", "validation/main/accuracy"}
    assert 0. <= result["validation/main/accuracy"] <= 1.


def test_print_report_prints_a_row_per_log_entry(tmp_path):
    out = io.StringIO()
    trainer, model = make_trainer(tmp_path, epochs=3)
    trainer.extend(extensions.LogReport())
    trainer.extend(extensions.PrintReport(["epoch", "iteration", "main/loss", "validation/main/loss"], out=out))
    trainer.run()
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["epoch", "iteration", "main/loss", "validation/main/loss"]
    rows = [line.split() for line in lines[1:]]
    assert [r[:2] for r in rows] == [["1", "6"], ["2", "12"], ["3", "18"]]
    log = trainer.get_extension("LogReport").log
    assert [float(r[2]) for r in rows] == pytest.approx([e["main/loss"] for e in log], rel=1e-5)
    assert all(len(r) == 3 for r in rows)  # validation/main/loss was never reported: blank column


def test_progress_bar_writes_bar_and_machine_readable_records(tmp_path):
    out = io.StringIO()
    trainer, _ = make_trainer(tmp_path, epochs=2)
    trainer.extend(extensions.ProgressBar(update_interval=3, out=out))
    trainer.run()
    text = out.getvalue()
    records = [json.loads(r) for r in re.findall(re.escape(progress_bar.PROGRESS_RECORD_PREFIX) + r"(.*?)" +
                                                 re.escape(progress_bar.PROGRESS_RECORD_END), text)]
    assert [r["iteration"] for r in records] == [3, 6, 9, 12, 12]  # every 3 iterations, then finalize
    assert records[-1]["fraction"] == 1.0 and records[-1]["length"] == [2, "epoch"]
    assert records[1]["epoch"] == 1 and records[1]["epoch_detail"] == pytest.approx(1.0)
    assert records[-1]["iters_per_sec"] > 0 and records[-1]["eta_seconds"] == 0
    visible = re.sub(re.escape(progress_bar.PROGRESS_RECORD_PREFIX) + ".*?" +
                     re.escape(progress_bar.PROGRESS_RECORD_END), "", text)
    assert visible.count("\r") == 5 and visible.endswith("\n")
    assert "100.00% [" + "#" * 50 + "] 12 iter, 2 epoch / 2 epochs" in visible
    assert " 25.00% [" + "#" * 12 + "." * 38 + "] 3 iter" in visible
    assert "iters/sec" in visible and "ETA" in visible


def _png_size(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    assert struct.unpack(">I", data[29:33])[0] == zlib.crc32(data[12:29]) & 0xffffffff
    return struct.unpack(">II", data[16:24])


def test_plot_report_writes_a_png(tmp_path):
    trainer, model = make_trainer(tmp_path, epochs=3)
    trainer.extend(extensions.Evaluator(validation_iterator(), model))
    trainer.extend(extensions.PlotReport(["main/loss", "validation/main/loss"], "epoch", file_name="loss.png"))
    trainer.run()
    data = (tmp_path / "loss.png").read_bytes()
    assert _png_size(data) == (640, 480)
    assert data[-12:] == b"\x00\x00\x00\x00IEND\xaeB`\x82"


def test_png_line_plot_draws_each_series_in_its_colour():
    from kusari.training.extensions import _png_line_plot as P
    png = P.plot_lines([[(0, 0), (1, 1)], [(0, 1), (1, 0)]], width=120, height=100)
    assert _png_size(png) == (120, 100)
    # decode: IDAT follows IHDR; rows are filter byte 0 + RGB
    idat_len = struct.unpack(">I", png[33:37])[0]
    raw = zlib.decompress(png[41:41 + idat_len])
    rows = [raw[y * 361 + 1:(y + 1) * 361] for y in range(100)]
    pixels = {tuple(row[i:i + 3]) for row in rows for i in range(0, 360, 3)}
    assert P.PALETTE[0] in pixels and P.PALETTE[1] in pixels and (0, 0, 0) in pixels


def test_make_extension_trigger_priority_and_protocol(tmp_path):
    calls = []
    trainer, _ = make_trainer(tmp_path, epochs=1)

    @training.make_extension(trigger=(2, "iteration"), priority=training.PRIORITY_READER,
                             initializer=lambda t: calls.append("init"), finalizer=lambda: calls.append("final"))
    def reader(t):
        calls.append(("reader", t.updater.iteration))

    @training.make_extension(trigger=(3, "iteration"), priority=training.PRIORITY_WRITER)
    def writer(t):
        calls.append(("writer", t.updater.iteration))

    trainer.extend(reader)
    trainer.extend(writer)
    trainer.extend(writer, name="writer")  # a second one under the same name gets a suffix
    trainer.run()
    assert reader.name == "reader" and trainer.get_extension("writer_1") is writer
    assert calls == ["init", ("reader", 2), ("writer", 3), ("writer", 3), ("reader", 4),
                     ("writer", 6), ("writer", 6), ("reader", 6), "final"]


def test_on_error_and_finalize_are_called_and_the_error_propagates(tmp_path):
    events = []

    class Failing(training.Extension):
        trigger = 2, "iteration"

        def __call__(self, trainer):
            raise ValueError("boom")

        def on_error(self, trainer, exc, tb):
            events.append(("on_error", str(exc)))

        def finalize(self):
            events.append("finalize")

    trainer, _ = make_trainer(tmp_path)
    trainer.extend(Failing())
    with pytest.raises(ValueError, match="boom"):
        trainer.run(show_loop_exception_msg=False)
    assert events == [("on_error", "boom"), "finalize"]
    assert trainer.updater.iteration == 2


def test_call_before_training_and_reserved_name(tmp_path):
    trainer, _ = make_trainer(tmp_path, epochs=1)
    seen = []
    trainer.extend(lambda t: seen.append(t.updater.iteration), name="probe", trigger=(3, "iteration"),
                   call_before_training=True)
    with pytest.raises(ValueError, match="training"):
        trainer.extend(lambda t: None, name="training")
    trainer.run()
    assert seen == [0, 3, 6]
    with pytest.raises(RuntimeError, match="multiple times"):
        trainer.run()


def test_default_output_is_the_current_sys_stdout(tmp_path, capsys):
    # A notebook kernel swaps sys.stdout per cell: the extensions must write to the current one.
    trainer, _ = make_trainer(tmp_path, epochs=1)
    trainer.extend(extensions.LogReport())
    trainer.extend(extensions.PrintReport(["epoch", "main/loss"]))
    trainer.extend(extensions.ProgressBar(update_interval=2))
    trainer.run()
    out = capsys.readouterr().out
    assert "main/loss" in out and "6 iter, 1 epoch / 1 epochs" in out

"""examples/python/train_mnist_trainer.py (Chainer's Trainer MNIST script, only the imports
changed) for a short run on Fashion-MNIST: the log, the graph, a snapshot and the plots exist,
and the test accuracy after one epoch on 30000 examples is above 75%."""
import json
import os
import subprocess
import sys

SCRIPT = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "python", "train_mnist_trainer.py")


def test_trainer_script_short_run(tmp_path):
    out = tmp_path / "result"
    result = subprocess.run([sys.executable, SCRIPT, "--epoch", "1", "--unit", "50", "--subset", "30000",
                             "--out", str(out)], capture_output=True, text=True, timeout=300, env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    log = json.loads((out / "log").read_text())
    assert [e["epoch"] for e in log] == [0, 1]  # LogReport called before training, then each epoch
    assert log[-1]["iteration"] == 300
    assert log[-1]["validation/main/accuracy"] > 0.75, log
    assert log[-1]["main/loss"] < log[0]["validation/main/loss"]
    assert "digraph" in (out / "cg.dot").read_text()
    assert (out / "snapshot_iter_300").is_file()
    assert (out / "loss.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (out / "accuracy.png").is_file()
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split()[:2] == ["epoch", "main/loss"])
    assert lines[header].split() == ["epoch", "main/loss", "validation/main/loss", "main/accuracy",
                                     "validation/main/accuracy", "elapsed_time"]
    assert "iters/sec" in result.stdout

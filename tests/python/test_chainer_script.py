"""The Chainer MNIST MLP script (examples/python/train_mnist.py) from a plain python3:
one epoch on Fashion-MNIST must reach 85% test accuracy."""
import os
import re
import subprocess
import sys

SCRIPT = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "python", "train_mnist.py")


def test_chainer_style_mlp_reaches_85_percent_after_one_epoch():
    result = subprocess.run([sys.executable, SCRIPT, "--epoch", "1"], capture_output=True, text=True,
                            timeout=600, env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    match = re.search(r"test accuracy ([0-9.]+)", result.stdout)
    assert match, result.stdout
    assert float(match.group(1)) >= 0.85, result.stdout

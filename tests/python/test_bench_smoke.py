"""The benchmark scripts still run: Kusari's side of every benchmark for 2 iterations (no PyTorch
needed), and the runner's summary of a record."""
import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, "bench")
sys.path.insert(0, BENCH)
import common  # noqa: E402
import run_benchmarks  # noqa: E402


@pytest.mark.parametrize("name", common.BENCHMARKS)
def test_kusari_side_runs(name):
    extra = ["--epoch-steps", "2", "--iters", "1"] if name == "mlp_epoch" else ["--iters", "2"]
    proc = subprocess.run([sys.executable, os.path.join(BENCH, "kusari_bench.py"), name, "--threads", "1",
                           "--warmup", "0"] + extra, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    rec = json.loads(proc.stdout.strip().splitlines()[-1])
    assert rec["framework"] == "kusari" and rec["name"] == name
    assert len(rec["times"]) == (1 if name == "mlp_epoch" else 2)
    assert all(t > 0 for t in rec["times"])
    assert rec["maxrss_mib"] > 0
    if name == "mlp_epoch":
        assert 0.0 <= rec["accuracy"] <= 1.0


def test_summary_and_units():
    unit, convert = run_benchmarks.metric("gemm_1024")
    s = run_benchmarks.summarize([2.0 * 1024 ** 3 / 1e9, 2.0 * 1024 ** 3 / 2e9], convert)
    assert unit == "GFLOP/s" and s["median"] == pytest.approx(1.5) and s["min"] == pytest.approx(1.0)
    unit, convert = run_benchmarks.metric("op_overhead")
    assert unit == "us/op" and convert(common.OP_CHAIN * 1e-6) == pytest.approx(1.0)
    text = run_benchmarks.line("mlp_step", 1, "ms", {"median": 20.0, "min": 19.0, "max": 22.0},
                               {"median": 10.0, "min": 9.0, "max": 11.0})
    assert "K/P  2.00" in text
    assert "n/a" in run_benchmarks.line("mlp_step", 1, "ms", {"median": 20.0, "min": 19.0, "max": 22.0}, None)

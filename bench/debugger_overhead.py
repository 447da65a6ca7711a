#!/usr/bin/env python3
"""What the debugger costs a training loop that does not stop: the MLP step of kusari_bench.py
(784-1000-1000-10, Adam, real Fashion-MNIST batches of 100; 5 warm-up + 50 timed iterations)
run in kusari-kernel through kusari-debug, with

  kernel            no debugger (nothing set)
  line bps, no hit  a line breakpoint in another file (sys.settrace installed, never stops)
  op watch, idle    an op breakpoint on an op that never runs (the OpWatch looks at every op)
  nan watch         break nan: every op's outputs are scanned for NaN/Inf
  graph recording   record_graph: every node is recorded and streamed (1 pass/s)

and, for reference, plain python3 without a kernel. Prints the median seconds per iteration and
the ratio to "kernel" (goal: <= 1.5x for the first three). Needs <build>/bin/kusari-debug and
<build>/python (a Release build); no PyTorch.

    python3 bench/debugger_overhead.py [--build-dir build] [--threads 1] [--rounds 3] [--iters 50]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
WORKLOAD = os.path.join(HERE, "kusari_bench.py")

# label -> (kusari-debug options, commands before "run"); None = plain python3
CONFIGS = {
    "python3 (no kernel)": None,
    "kernel": (["--no-graph"], []),
    "line bps, no hit": (["--no-graph"], ["break {other}:2"]),
    "op watch, idle": (["--no-graph"], ["break op no_such_op"]),
    "nan watch": (["--no-graph"], ["break nan"]),
    "graph recording": ([], []),
}
GOAL = 1.5
GOAL_CONFIGS = ("line bps, no hit", "op watch, idle")


def run_once(label, a, other):
    env = dict(os.environ, OMP_NUM_THREADS=str(a.threads), OPENBLAS_NUM_THREADS=str(a.threads))
    workload = [WORKLOAD, "mlp_step", "--threads", str(a.threads), "--warmup", "5", "--iters", str(a.iters)]
    config = CONFIGS[label]
    if config is None:
        env["PYTHONPATH"] = os.path.join(a.build_dir, "python")
        proc = subprocess.run([sys.executable] + workload, env=env, capture_output=True, text=True, timeout=600)
    else:
        options, commands = config
        script = "".join(c.format(other=other) + "\n" for c in commands) + "run\n"
        exe = os.path.join(a.build_dir, "bin", "kusari-debug")
        proc = subprocess.run([exe] + options + workload, input=script, env=env, capture_output=True, text=True,
                              timeout=600)
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            return statistics.median(json.loads(line)["times"])
    raise RuntimeError(f"{label}: no result (status {proc.returncode})\n{proc.stdout}\n{proc.stderr}")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--build-dir", default=os.environ.get("KUSARI_BUILD_DIR", "build"))
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--rounds", type=int, default=3, help="runs per configuration (interleaved)")
    p.add_argument("--iters", type=int, default=50)
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        other = os.path.join(tmp, "other_cell.py")  # a file with a breakpoint that never runs
        with open(other, "w") as f:
            f.write("def never_called():\n    return 1\n")
        results = {label: [] for label in CONFIGS}
        for _ in range(a.rounds):
            for label in CONFIGS:
                results[label].append(run_once(label, a, other))
    base = statistics.median(results["kernel"])
    print(f"MLP step (784-1000-1000-10, batch 100, Fashion-MNIST), {a.iters} iterations, "
          f"{a.threads} thread(s), median of {a.rounds} runs")
    print(f"{'configuration':<22} {'ms/iter':>8} {'vs kernel':>10}")
    failed = False
    for label, times in results.items():
        t = statistics.median(times)
        ratio = t / base
        mark = ""
        if label in GOAL_CONFIGS:
            mark = "  ok" if ratio <= GOAL else f"  over the {GOAL}x goal"
            failed |= ratio > GOAL
        print(f"{label:<22} {t * 1e3:8.2f} {ratio:9.2f}x{mark}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Runs every benchmark for Kusari and PyTorch, alternately, in separate processes, at 1 thread and
at all cores; prints one line per benchmark (medians, min-max, ratio Kusari/PyTorch) and writes
bench/results.json.

    PYTHONPATH=build-release/python python3 bench/run_benchmarks.py [--quick] [--only mlp_step,gemm_1024]

Each process runs one benchmark's warm-up and timed iterations (common.py) and prints one JSON line
of per-iteration times; a benchmark runs in `--rounds` pairs of processes, Kusari and PyTorch taking
turns to go first, and the medians are over all timed iterations of all rounds.
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import common  # noqa: E402

FRAMEWORKS = ("kusari", "torch")
PEAK_MEMORY_STEPS = 20


def machine():
    info = {"platform": platform.platform(), "python": platform.python_version(), "cpus": os.cpu_count()}
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in lscpu.splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("Model name", "CPU(s)", "Thread(s) per core", "Flags"):
                info[key.strip()] = value.strip() if key.strip() != "Flags" else \
                    " ".join(f for f in value.split() if f.startswith(("avx", "fma")))
        with open("/proc/meminfo") as f:
            info["MemTotal"] = f.readline().split(":")[1].strip()
    except OSError:
        pass
    return info


def run_one(framework, name, threads, extra, build_dir):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
    env["PYTHONPATH"] = os.path.join(build_dir, "python") + os.pathsep + env.get("PYTHONPATH", "")
    if framework == "kusari_cpp":
        cmd = [os.path.join(build_dir, "bench", "op_overhead"), "--threads", str(threads)]
    else:
        cmd = [sys.executable, os.path.join(HERE, framework + "_bench.py"), name, "--threads", str(threads)]
    proc = subprocess.run(cmd + extra, capture_output=True, text=True, env=env, timeout=1800)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"error": (proc.stderr or proc.stdout).strip().splitlines()[-3:] or ["exit %d" % proc.returncode]}
    return json.loads(lines[-1])


def summarize(times, convert):
    values = [convert(t) for t in times]
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


# How a benchmark's seconds per iteration become the number shown, and its unit.
def metric(name):
    if name == "op_overhead":
        return "us/op", lambda t: t / common.OP_CHAIN * 1e6
    if name.startswith("gemm_"):
        n = int(name.split("_")[1])
        return "GFLOP/s", lambda t: 2.0 * n ** 3 / t / 1e9
    if name == "mlp_epoch":
        return "s", lambda t: t
    return "ms", lambda t: t * 1e3


def fmt(s):
    if s is None:
        return "%-24s" % "n/a"
    return "%-24s" % ("%.3g [%.3g-%.3g]" % (s["median"], s["min"], s["max"]))


def line(label, threads, unit, k, p, note=""):
    ratio = "%.2f" % (k["median"] / p["median"]) if k and p else "n/a"
    return "%-18s %3d  %-8s kusari %s torch %s K/P %5s %s" % (label, threads, unit, fmt(k), fmt(p), ratio, note)


def run_benchmark(name, threads, rounds, extra, build_dir, have_cpp):
    runs = {f: [] for f in FRAMEWORKS}
    if name == "op_overhead" and have_cpp:
        runs["kusari_cpp"] = []
    for r in range(rounds):
        order = list(runs) if r % 2 == 0 else list(reversed(runs))
        for f in order:
            runs[f].append(run_one(f, name, threads, extra, build_dir))
    return runs


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="a short smoke run (few iterations, one round)")
    p.add_argument("--only", default="", help="comma-separated benchmarks (default: all)")
    p.add_argument("--threads", default="", help="comma-separated thread counts (default: 1 and all cores)")
    p.add_argument("--rounds", type=int, default=None, help="process pairs per benchmark (default 3, 1 with --quick)")
    p.add_argument("--build-dir", default=os.environ.get("KUSARI_BUILD_DIR", os.path.join(ROOT, "build-release")))
    p.add_argument("--out", default=os.path.join(HERE, "results.json"))
    a = p.parse_args()
    names = [n for n in a.only.split(",") if n] or list(common.BENCHMARKS)
    threads = [int(t) for t in a.threads.split(",") if t] or sorted({1, os.cpu_count() or 1})
    rounds = a.rounds or (1 if a.quick else 3)
    extra = ["--quick"] if a.quick else []
    have_cpp = os.path.exists(os.path.join(a.build_dir, "bench", "op_overhead"))

    results = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"), "machine": machine(),
               "loadavg_start": os.getloadavg(), "quick": a.quick, "rounds": rounds, "benchmarks": []}
    print("load average at start: %.2f %.2f %.2f" % os.getloadavg(), flush=True)
    print("%-18s %3s  %-8s %-31s %-30s %s" % ("benchmark", "thr", "unit", "kusari median [min-max]",
                                             "torch median [min-max]", "ratio"), flush=True)
    for name in names:
        unit, convert = metric(name)
        for t in threads:
            load = os.getloadavg()[0]
            bench_rounds = 1 if name == "mlp_epoch" else rounds
            runs = run_benchmark(name, t, bench_rounds, extra, a.build_dir, have_cpp)
            entry = {"name": name, "threads": t, "unit": unit, "loadavg_1min": load, "runs": runs}
            summary = {}
            for f, recs in runs.items():
                ok = [r for r in recs if "times" in r]
                summary[f] = summarize([x for r in ok for x in r["times"]], convert) if ok else None
                if f != "kusari_cpp" and recs and not ok:
                    print("  %s %s: %s" % (f, name, " | ".join(recs[0]["error"])), flush=True)
            entry["summary"] = summary
            note = ""
            if name == "mlp_epoch":
                acc = {f: recs[0].get("accuracy") for f, recs in runs.items() if recs and "accuracy" in recs[0]}
                entry["accuracy"] = acc
                note = "accuracy " + " / ".join("%s %.4f" % kv for kv in acc.items())
            print(line(name, t, unit, summary["kusari"], summary["torch"], note), flush=True)
            if summary.get("kusari_cpp"):
                print(line("op_overhead(C++)", t, unit, summary["kusari_cpp"], summary["torch"],
                           "(Kusari from C++ vs PyTorch from Python)"), flush=True)
            results["benchmarks"].append(entry)
            if name in ("mlp_step", "cnn_step"):
                results["benchmarks"].append(peak_memory(name, t, a.build_dir))
    results["loadavg_end"] = os.getloadavg()
    with open(a.out, "w") as f:
        json.dump(results, f, indent=1)
    print("load average at end: %.2f %.2f %.2f; wrote %s" % (os.getloadavg() + (a.out,)), flush=True)
    failed = [e["name"] for e in results["benchmarks"] if e["summary"].get("kusari") is None]
    return 1 if failed else 0


def peak_memory(name, threads, build_dir):
    """ru_maxrss of one fresh process per framework running PEAK_MEMORY_STEPS steps (no warm-up)."""
    extra = ["--warmup", "0", "--iters", str(PEAK_MEMORY_STEPS)]
    runs = {f: [run_one(f, name, threads, extra, build_dir)] for f in FRAMEWORKS}
    summary = {}
    for f, recs in runs.items():
        rss = recs[0].get("maxrss_mib")
        summary[f] = {"median": rss, "min": rss, "max": rss, "n": 1} if rss is not None else None
    label = name + "_peak_mem"
    print(line(label, threads, "MiB", summary["kusari"], summary["torch"], "(%d steps)" % PEAK_MEMORY_STEPS), flush=True)
    return {"name": label, "threads": threads, "unit": "MiB", "runs": runs, "summary": summary}


if __name__ == "__main__":
    sys.exit(main())

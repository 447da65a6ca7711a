"""Sets OMP_NUM_THREADS and OPENBLAS_NUM_THREADS from a benchmark's `--threads N` before anything
loads OpenMP or OpenBLAS. It must run before `import common`: common imports NumPy, whose
OpenBLAS sizes its thread pool when it loads, so a benchmark started by hand (not through
run_benchmarks.py, which sets both) ran PyTorch's "1-thread" GEMMs on every core."""
import os
import sys


def set_from_argv(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    threads = "1"
    for i, a in enumerate(argv):
        if a == "--threads" and i + 1 < len(argv):
            threads = argv[i + 1]
        elif a.startswith("--threads="):
            threads = a.split("=", 1)[1]
    os.environ["OMP_NUM_THREADS"] = threads
    os.environ["OPENBLAS_NUM_THREADS"] = threads

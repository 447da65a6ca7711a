"""What both sides of a benchmark share: arguments, data (in the same order), initial weights,
the timing loop and the one JSON line a benchmark process prints.

Nothing here imports Kusari or PyTorch, so each side loads only its own framework.
"""
import argparse
import gzip
import json
import os
import resource
import time

import numpy as np

FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist"
SEED = 0

# name -> (warm-up iterations, timed iterations) of a full run; --quick and --iters override.
ITERATIONS = {
    "mlp_step": (5, 40),
    "cnn_step": (5, 30),
    "lstm_step": (2, 6),
    "op_overhead": (5, 30),
    "gemm_1024": (3, 20),
    "gemm_2048": (2, 8),
    "mlp_epoch": (0, 1),
}
BENCHMARKS = tuple(ITERATIONS)

MLP_UNITS = (784, 1000, 1000, 10)
MLP_BATCH = 100
CNN_BATCH = 64
CNN_FLAT = 64 * 5 * 5  # 28 -conv3-> 26 -pool2-> 13 -conv3-> 11 -pool2-> 5
LSTM_VOCAB, LSTM_HIDDEN, LSTM_LAYERS, LSTM_SEQ, LSTM_BATCH = 1000, 256, 2, 35, 20
OP_CHAIN = 1000
ADAM_ALPHA = 5e-4


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="One benchmark of one framework; prints one JSON line.")
    p.add_argument("name", choices=BENCHMARKS)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--warmup", type=int, default=None, help="warm-up iterations (excluded)")
    p.add_argument("--iters", type=int, default=None, help="timed iterations")
    p.add_argument("--quick", action="store_true", help="few iterations (smoke run)")
    p.add_argument("--epoch-steps", type=int, default=None, help="mlp_epoch: stop after this many steps")
    a = p.parse_args(argv)
    warmup, iters = ITERATIONS[a.name]
    if a.quick:
        warmup, iters = min(warmup, 1), min(iters, 3)
    a.warmup = warmup if a.warmup is None else a.warmup
    a.iters = iters if a.iters is None else a.iters
    return a


def _read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * ndim).reshape(dims)


def fashion_mnist(split="train"):
    """Images as uint8 (N, 784) and labels as int32; batches() standardizes only what it picks, so
    the data adds little to a benchmark's peak memory."""
    prefix = "train" if split == "train" else "t10k"
    images = _read_idx(os.path.join(FASHION_MNIST_DIR, prefix + "-images-idx3-ubyte.gz"))
    labels = _read_idx(os.path.join(FASHION_MNIST_DIR, prefix + "-labels-idx1-ubyte.gz"))
    return images.reshape(len(images), -1), labels.astype(np.int32)


def standardize(images):
    """float32 pixels in [0, 1] standardized by the Fashion-MNIST training set's mean and std."""
    mean, std = 0.2860406, 0.3530242
    return ((images.astype(np.float32) / 255.0 - mean) / std).astype(np.float32)


def batches(x, t, batch, count, seed=SEED):
    """`count` standardized batches in one seeded order (epoch permutations, repeated as needed)."""
    rng = np.random.RandomState(seed)
    order = np.concatenate([rng.permutation(len(x)) for _ in range(count * batch // len(x) + 1)])
    return [(standardize(x[order[i * batch:(i + 1) * batch]]), t[order[i * batch:(i + 1) * batch]])
            for i in range(count)]


def token_batches(count, seed=SEED):
    """Random token ids (seq, batch) and next-token targets; LSTM cost does not depend on the text."""
    rng = np.random.RandomState(seed)
    out = []
    for _ in range(count):
        seq = rng.randint(0, LSTM_VOCAB, size=(LSTM_SEQ + 1, LSTM_BATCH)).astype(np.int32)
        out.append((seq[:-1], seq[1:]))
    return out


def dense_weights(sizes, seed=SEED):
    """(W, b) per layer with W (out, in) in both frameworks' layout, LeCun normal as Chainer."""
    rng = np.random.RandomState(seed)
    return [((rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)).astype(np.float32), np.zeros(n_out, np.float32))
            for n_in, n_out in zip(sizes[:-1], sizes[1:])]


def time_loop(step, warmup, iters):
    """Per-iteration seconds of `step(i)` after `warmup` untimed calls."""
    for i in range(warmup):
        step(i)
    times = []
    for i in range(warmup, warmup + iters):
        t0 = time.perf_counter()
        step(i)
        times.append(time.perf_counter() - t0)
    return times


def emit(framework, args, times, unit="s", **extra):
    """Print the benchmark's one JSON line (times per iteration, peak RSS in MiB)."""
    rec = {"framework": framework, "name": args.name, "threads": args.threads, "unit": unit,
           "warmup": args.warmup, "times": times,
           "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}
    rec.update(extra)
    print(json.dumps(rec), flush=True)

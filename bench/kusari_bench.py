#!/usr/bin/env python3
"""Kusari's side of one benchmark: `kusari_bench.py NAME --threads N` prints one JSON line.

The models, data order and timing loop mirror torch_bench.py line for line (see common.py).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import thread_env  # noqa: E402

thread_env.set_from_argv()  # before common imports NumPy (and so OpenBLAS)
import common  # noqa: E402

args = common.parse_args()

import numpy as np  # noqa: E402

import kusari as chainer  # noqa: E402
import kusari.functions as F  # noqa: E402
import kusari.links as L  # noqa: E402
from kusari import optimizers  # noqa: E402

chainer.seed(common.SEED)


class MLP(chainer.Chain):
    def __init__(self):
        super().__init__()
        sizes = common.MLP_UNITS
        with self.init_scope():
            self.l1 = L.Linear(sizes[0], sizes[1])
            self.l2 = L.Linear(sizes[1], sizes[2])
            self.l3 = L.Linear(sizes[2], sizes[3])
        for link, (w, b) in zip((self.l1, self.l2, self.l3), common.dense_weights(sizes)):
            link.W.array = w
            link.b.array = b

    def forward(self, x):
        return self.l3(F.relu(self.l2(F.relu(self.l1(x)))))


class CNN(chainer.Chain):
    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.c1 = L.Convolution2D(1, 32, 3)
            self.c2 = L.Convolution2D(32, 64, 3)
            self.l1 = L.Linear(common.CNN_FLAT, 128)
            self.l2 = L.Linear(128, 10)

    def forward(self, x):
        # cover_all=False: PyTorch's floor rounding (Chainer's default would pool 11 -> 6, not 5).
        h = F.max_pooling_2d(F.relu(self.c1(x)), 2, cover_all=False)
        h = F.max_pooling_2d(F.relu(self.c2(h)), 2, cover_all=False)
        return self.l2(F.relu(self.l1(h.reshape(len(x), -1))))


class LSTMLM(chainer.Chain):
    """Embedding, two L.LSTM links unrolled in Python over the sequence, one output Linear."""

    def __init__(self):
        super().__init__()
        n = common.LSTM_HIDDEN
        with self.init_scope():
            self.embed = L.EmbedID(common.LSTM_VOCAB, n)
            self.l1 = L.LSTM(n, n)
            self.l2 = L.LSTM(n, n)
            self.out = L.Linear(n, common.LSTM_VOCAB)

    def forward(self, tokens):
        hs = [self.l2(self.l1(self.embed(tokens[i]))) for i in range(len(tokens))]
        return self.out(F.concat(hs, axis=0))


def train_step(model, optimizer, x, t):
    loss = F.softmax_cross_entropy(model(x), t)
    model.cleargrads()
    loss.backward()
    optimizer.update()
    return loss


def adam(model):
    opt = optimizers.Adam(alpha=common.ADAM_ALPHA)
    opt.setup(model)
    return opt


def bench_mlp_step(a):
    x, t = common.fashion_mnist("train")
    data = common.batches(x, t, common.MLP_BATCH, a.warmup + a.iters)
    model = MLP()
    opt = adam(model)
    return common.time_loop(lambda i: train_step(model, opt, *data[i]), a.warmup, a.iters), {}


def bench_cnn_step(a):
    x, t = common.fashion_mnist("train")
    data = [(xb.reshape(-1, 1, 28, 28), tb) for xb, tb in common.batches(x, t, common.CNN_BATCH, a.warmup + a.iters)]
    model = CNN()
    opt = adam(model)
    return common.time_loop(lambda i: train_step(model, opt, *data[i]), a.warmup, a.iters), {}


def bench_lstm_step(a):
    data = common.token_batches(a.warmup + a.iters)
    model = LSTMLM()
    opt = adam(model)

    def step(i):
        tokens, targets = data[i]
        loss = train_step(model, opt, tokens, targets.reshape(-1))
        loss.unchain_backward()  # truncated BPTT: the state carries over, its graph does not
    return common.time_loop(step, a.warmup, a.iters), {"variant": "L.LSTM x2 unrolled in Python"}


def bench_op_overhead(a):
    x = chainer.Variable(np.ones(1, np.float32), requires_grad=True)

    def step(i):
        y = x
        for k in range(common.OP_CHAIN // 2):
            y = y * x
            y = y + x
        y.backward()
        x.cleargrad()
    return common.time_loop(step, a.warmup, a.iters), {"ops": common.OP_CHAIN}


def bench_gemm(a, n):
    rng = np.random.RandomState(common.SEED)
    p = chainer.Variable(rng.standard_normal((n, n)).astype(np.float32))
    q = chainer.Variable(rng.standard_normal((n, n)).astype(np.float32))
    with chainer.no_backprop_mode():
        return common.time_loop(lambda i: F.matmul(p, q), a.warmup, a.iters), {"n": n}


def bench_mlp_epoch(a):
    x, t = common.fashion_mnist("train")
    xt, tt = common.fashion_mnist("test")
    xt = common.standardize(xt)
    steps = len(x) // common.MLP_BATCH if a.epoch_steps is None else a.epoch_steps
    data = common.batches(x, t, common.MLP_BATCH, steps)
    model = MLP()
    opt = adam(model)
    result = {}

    def epoch(i):
        for xb, tb in data:
            train_step(model, opt, xb, tb)
        correct = 0
        with chainer.using_config("train", False), chainer.no_backprop_mode():
            for k in range(0, len(xt), 1000):
                correct += int((model(xt[k:k + 1000]).array.argmax(axis=1) == tt[k:k + 1000]).sum())
        result["accuracy"] = correct / len(xt)
    times = common.time_loop(epoch, a.warmup, a.iters)
    return times, result


def main():
    fn = {"mlp_step": bench_mlp_step, "cnn_step": bench_cnn_step, "lstm_step": bench_lstm_step,
          "op_overhead": bench_op_overhead, "gemm_1024": lambda a: bench_gemm(a, 1024),
          "gemm_2048": lambda a: bench_gemm(a, 2048), "mlp_epoch": bench_mlp_epoch}[args.name]
    times, extra = fn(args)
    common.emit("kusari", args, times, **extra)


if __name__ == "__main__":
    main()

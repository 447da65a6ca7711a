#!/usr/bin/env python3
"""PyTorch's side of one benchmark: `torch_bench.py NAME --threads N` prints one JSON line.

The models, data order and timing loop mirror kusari_bench.py line for line (see common.py).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import thread_env  # noqa: E402

thread_env.set_from_argv()  # before common imports NumPy (and so OpenBLAS)
import common  # noqa: E402

args = common.parse_args()

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(common.SEED)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        sizes = common.MLP_UNITS
        self.l1 = nn.Linear(sizes[0], sizes[1])
        self.l2 = nn.Linear(sizes[1], sizes[2])
        self.l3 = nn.Linear(sizes[2], sizes[3])
        with torch.no_grad():
            for link, (w, b) in zip((self.l1, self.l2, self.l3), common.dense_weights(sizes)):
                link.weight.copy_(torch.from_numpy(w))
                link.bias.copy_(torch.from_numpy(b))

    def forward(self, x):
        return self.l3(F.relu(self.l2(F.relu(self.l1(x)))))


class CNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 32, 3)
        self.c2 = nn.Conv2d(32, 64, 3)
        self.l1 = nn.Linear(common.CNN_FLAT, 128)
        self.l2 = nn.Linear(128, 10)

    def forward(self, x):
        h = F.max_pool2d(F.relu(self.c1(x)), 2)
        h = F.max_pool2d(F.relu(self.c2(h)), 2)
        return self.l2(F.relu(self.l1(h.reshape(len(x), -1))))


class LSTMLM(nn.Module):
    """Embedding, two nn.LSTMCell unrolled in Python over the sequence, one output Linear."""

    def __init__(self):
        super().__init__()
        n = common.LSTM_HIDDEN
        self.embed = nn.Embedding(common.LSTM_VOCAB, n)
        self.l1 = nn.LSTMCell(n, n)
        self.l2 = nn.LSTMCell(n, n)
        self.out = nn.Linear(n, common.LSTM_VOCAB)
        self.state = None

    def forward(self, tokens):
        s1, s2 = self.state
        hs = []
        for i in range(len(tokens)):
            s1 = self.l1(self.embed(tokens[i]), s1)
            s2 = self.l2(s1[0], s2)
            hs.append(s2[0])
        self.state = (s1, s2)
        return self.out(torch.cat(hs, dim=0))

    def detach_state(self):
        self.state = tuple((h.detach(), c.detach()) for h, c in self.state)


def train_step(model, optimizer, x, t):
    loss = F.cross_entropy(model(x), t)
    optimizer.zero_grad(set_to_none=True)  # as Chainer's cleargrads
    loss.backward()
    optimizer.step()
    return loss


def adam(model):
    return torch.optim.Adam(model.parameters(), lr=common.ADAM_ALPHA)


def to_torch(data):
    return [(torch.from_numpy(x), torch.from_numpy(t.astype(np.int64))) for x, t in data]


def bench_mlp_step(a):
    x, t = common.fashion_mnist("train")
    data = to_torch(common.batches(x, t, common.MLP_BATCH, a.warmup + a.iters))
    model = MLP()
    opt = adam(model)
    return common.time_loop(lambda i: train_step(model, opt, *data[i]), a.warmup, a.iters), {}


def bench_cnn_step(a):
    x, t = common.fashion_mnist("train")
    data = to_torch([(xb.reshape(-1, 1, 28, 28), tb) for xb, tb in common.batches(x, t, common.CNN_BATCH, a.warmup + a.iters)])
    model = CNN()
    opt = adam(model)
    return common.time_loop(lambda i: train_step(model, opt, *data[i]), a.warmup, a.iters), {}


def bench_lstm_step(a):
    data = [(torch.from_numpy(s.astype(np.int64)), torch.from_numpy(t.reshape(-1).astype(np.int64)))
            for s, t in common.token_batches(a.warmup + a.iters)]
    model = LSTMLM()
    n = common.LSTM_HIDDEN
    zeros = torch.zeros(common.LSTM_BATCH, n)
    model.state = ((zeros, zeros), (zeros, zeros))
    opt = adam(model)

    def step(i):
        train_step(model, opt, *data[i])
        model.detach_state()  # truncated BPTT: the state carries over, its graph does not
    return common.time_loop(step, a.warmup, a.iters), {"variant": "nn.LSTMCell x2 unrolled in Python"}


def bench_op_overhead(a):
    x = torch.ones(1, requires_grad=True)

    def step(i):
        y = x
        for k in range(common.OP_CHAIN // 2):
            y = y * x
            y = y + x
        y.backward()
        x.grad = None
    return common.time_loop(step, a.warmup, a.iters), {"ops": common.OP_CHAIN}


def bench_gemm(a, n):
    rng = np.random.RandomState(common.SEED)
    p = torch.from_numpy(rng.standard_normal((n, n)).astype(np.float32))
    q = torch.from_numpy(rng.standard_normal((n, n)).astype(np.float32))
    with torch.no_grad():
        return common.time_loop(lambda i: torch.matmul(p, q), a.warmup, a.iters), {"n": n}


def bench_mlp_epoch(a):
    x, t = common.fashion_mnist("train")
    xt, tt = common.fashion_mnist("test")
    xt = common.standardize(xt)
    steps = len(x) // common.MLP_BATCH if a.epoch_steps is None else a.epoch_steps
    data = to_torch(common.batches(x, t, common.MLP_BATCH, steps))
    xt, tt = torch.from_numpy(xt), torch.from_numpy(tt.astype(np.int64))
    model = MLP()
    opt = adam(model)
    result = {}

    def epoch(i):
        model.train()
        for xb, tb in data:
            train_step(model, opt, xb, tb)
        model.eval()
        correct = 0
        with torch.no_grad():
            for k in range(0, len(xt), 1000):
                correct += int((model(xt[k:k + 1000]).argmax(dim=1) == tt[k:k + 1000]).sum())
        result["accuracy"] = correct / len(xt)
    times = common.time_loop(epoch, a.warmup, a.iters)
    return times, result


def main():
    fn = {"mlp_step": bench_mlp_step, "cnn_step": bench_cnn_step, "lstm_step": bench_lstm_step,
          "op_overhead": bench_op_overhead, "gemm_1024": lambda a: bench_gemm(a, 1024),
          "gemm_2048": lambda a: bench_gemm(a, 2048), "mlp_epoch": bench_mlp_epoch}[args.name]
    times, extra = fn(args)
    common.emit("torch", args, times, torch_version=torch.__version__, **extra)


if __name__ == "__main__":
    main()

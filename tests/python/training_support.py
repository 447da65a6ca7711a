"""Shared by the test_training*.py files: a small synthetic classification problem, a model
for it, a trainer factory, and a fake trainer for triggers."""
import numpy as np

import kusari
import kusari.functions as F
import kusari.links as L
from kusari import training


def blobs(n=120, n_in=4, n_class=3, seed=0):
    """Well-separated Gaussian blobs: (x float32 [n, n_in], t int32 [n])."""
    rng = np.random.RandomState(seed)
    centers = rng.randn(n_class, n_in) * 3
    t = rng.randint(0, n_class, size=n).astype(np.int32)
    x = (centers[t] + rng.randn(n, n_in) * 0.5).astype(np.float32)
    return x, t


class MLP(kusari.Chain):
    def __init__(self, n_units=8, n_out=3):
        super().__init__()
        with self.init_scope():
            self.l1 = L.Linear(None, n_units)
            self.l2 = L.Linear(None, n_out)

    def forward(self, x):
        return self.l2(F.relu(self.l1(x)))


def make_trainer(out, epochs=3, batch_size=20, n=120, optimizer=None, seed=0, stop_trigger=None):
    """A Trainer over blobs(n) with a Classifier(MLP), Adam by default; returns (trainer, model)."""
    kusari.seed(seed)
    np.random.seed(seed)
    x, t = blobs(n, seed=seed)
    model = L.Classifier(MLP())
    opt = optimizer or kusari.optimizers.Adam(alpha=0.01)
    opt.setup(model)
    it = kusari.iterators.SerialIterator(kusari.datasets.TupleDataset(x, t), batch_size)
    updater = training.updaters.StandardUpdater(it, opt)
    return training.Trainer(updater, stop_trigger or (epochs, "epoch"), out=str(out)), model


def validation_iterator(n=60, seed=1, batch_size=30):
    x, t = blobs(n, seed=0)  # same centers as the training blobs ...
    rng = np.random.RandomState(seed)
    x = x + rng.randn(*x.shape).astype(np.float32) * 0.1  # ... other samples
    return kusari.iterators.SerialIterator(kusari.datasets.TupleDataset(x, t), batch_size, repeat=False,
                                           shuffle=False)


class FakeUpdater:
    def __init__(self, iters_per_epoch):
        self.iters_per_epoch = iters_per_epoch
        self.iteration = 0

    @property
    def epoch(self):
        return self.iteration // self.iters_per_epoch

    @property
    def epoch_detail(self):
        return self.iteration / self.iters_per_epoch

    @property
    def previous_epoch_detail(self):
        return None if self.iteration == 0 else (self.iteration - 1) / self.iters_per_epoch


class FakeTrainer:
    """Steps an iteration counter and carries an observation, for triggers."""

    def __init__(self, iters_per_epoch=4):
        self.updater = FakeUpdater(iters_per_epoch)
        self.observation = {}
        self.elapsed_time = 0.

    def step(self, observation=None):
        self.updater.iteration += 1
        self.observation = dict(observation or {})


def fires(trigger, trainer, n, observations=None):
    """The iterations (1-based) at which ``trigger`` fires over n steps."""
    fired = []
    for i in range(n):
        trainer.step(None if observations is None else observations[i])
        if trigger(trainer):
            fired.append(trainer.updater.iteration)
    return fired

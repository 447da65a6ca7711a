#!/usr/bin/env python3
"""Chainer's MNIST MLP with a manual training loop, on Fashion-MNIST.

Written for Chainer; only the imports name kusari instead (``import kusari as chainer``).
Prints the test accuracy after the given number of epochs (default 1).
"""
import argparse

import numpy as np

import kusari as chainer
import kusari.functions as F
import kusari.links as L
from kusari import iterators, optimizers
from kusari.dataset import concat_examples


class MLP(chainer.Chain):

    def __init__(self, n_units, n_out):
        super(MLP, self).__init__()
        with self.init_scope():
            self.l1 = L.Linear(None, n_units)
            self.l2 = L.Linear(None, n_units)
            self.l3 = L.Linear(None, n_out)

    def forward(self, x):
        h1 = F.relu(self.l1(x))
        h2 = F.relu(self.l2(h1))
        return self.l3(h2)


def main():
    parser = argparse.ArgumentParser(description="Chainer example: MNIST MLP on Fashion-MNIST")
    parser.add_argument("--batchsize", "-b", type=int, default=100)
    parser.add_argument("--epoch", "-e", type=int, default=1)
    parser.add_argument("--unit", "-u", type=int, default=1000)
    parser.add_argument("--alpha", type=float, default=5e-4)
    args = parser.parse_args()

    model = L.Classifier(MLP(args.unit, 10))
    optimizer = optimizers.Adam(alpha=args.alpha)
    optimizer.setup(model)

    train, test = chainer.datasets.get_fashion_mnist()
    x_train, t_train = concat_examples(train[:])
    x_test, t_test = concat_examples(test[:])
    mean, std = x_train.mean(), x_train.std()
    train = chainer.datasets.TupleDataset((x_train - mean) / std, t_train)
    test = chainer.datasets.TupleDataset((x_test - mean) / std, t_test)
    train_iter = iterators.SerialIterator(train, args.batchsize)

    while train_iter.epoch < args.epoch:
        x, t = concat_examples(train_iter.next())
        loss = model(x, t)
        model.cleargrads()
        loss.backward()
        optimizer.update()
        if train_iter.is_new_epoch:
            print("epoch {} main/loss {:.4f}".format(train_iter.epoch, float(loss.array)))

    test_iter = iterators.SerialIterator(test, args.batchsize, repeat=False, shuffle=False)
    correct = 0
    with chainer.using_config("train", False), chainer.no_backprop_mode():
        for batch in test_iter:
            x, t = concat_examples(batch)
            y = model.predictor(x)
            correct += int((y.array.argmax(axis=1) == t).sum())
    print("test accuracy {:.4f}".format(correct / len(test)))


if __name__ == "__main__":
    main()

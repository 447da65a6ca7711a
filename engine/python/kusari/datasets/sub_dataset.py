"""chainer.datasets.SubDataset and the splits built from it.

Over an engine dataset the subset is the engine's SubDataset; over a Python one it indexes the
base in Python. Random splits use the engine's permutation for a seed either way, so the same
seed splits an engine and a Python dataset of the same length identically.
"""
import numbers

from kusari._kusari import datasets as _engine
from kusari.dataset.dataset_mixin import DatasetMixin
from kusari.datasets._engine import engine_dataset


class SubDataset(DatasetMixin):
    def __init__(self, dataset, start, finish, order=None):
        if start < 0 or finish > len(dataset) or start > finish:
            raise ValueError(f"SubDataset: [{start}, {finish}) overruns the base dataset of length {len(dataset)}")
        if order is not None and len(order) != len(dataset):
            raise ValueError("SubDataset: order option must have the same length as the base dataset: "
                             f"len(order) = {len(order)} while len(dataset) = {len(dataset)}")
        self._dataset = dataset
        self._start = start
        self._finish = finish
        self._size = finish - start
        self._order = order
        base = engine_dataset(dataset)
        self._impl = None if base is None else _engine.sub_dataset(base, start, finish, order)

    def __len__(self):
        return self._size

    def __getitem__(self, index):
        if self._impl is not None:
            return self._impl[index]
        return DatasetMixin.__getitem__(self, index)

    def get_example(self, i):
        if self._impl is not None:
            return self._impl.get_example(i)
        if not -self._size <= i < self._size:
            raise IndexError(f"SubDataset: index {i} out of range for length {self._size}")
        index = self._start + i if i >= 0 else self._finish + i
        if self._order is not None:
            index = self._order[index]
        return self._dataset[index]


def split_dataset(dataset, first_size, order=None):
    """The first ``first_size`` examples (in ``order``, if given) and the rest."""
    if not isinstance(first_size, numbers.Integral):
        raise TypeError(f"split_dataset: first_size must be an int, got {type(first_size).__name__}")
    n = len(dataset)
    if first_size < 0:
        raise ValueError("split_dataset: first_size must be non-negative")
    if first_size > n:
        raise ValueError(f"split_dataset: first_size {first_size} exceeds the size of the dataset ({n})")
    return SubDataset(dataset, 0, first_size, order), SubDataset(dataset, first_size, n, order)


def split_dataset_random(dataset, first_size, seed=None):
    """A random split; ``seed=None`` draws one from kusari's generator (kusari.seed)."""
    if seed is None:
        seed = _engine.random_seed()
    return split_dataset(dataset, first_size, _engine.permutation(len(dataset), int(seed)))

"""chainer.datasets.TupleDataset: example i is (a[i], b[i], ...).

Over NumPy arrays of the engine's dtypes it is the engine's TupleDataset (views, no copy), so
iterators gather batches in C++; over other sequences (lists, strings) it stays in Python.
"""
import numpy

from kusari._kusari import datasets as _engine
from kusari.datasets._engine import is_engine_array


class TupleDataset:
    def __init__(self, *datasets):
        if not datasets:
            raise ValueError("TupleDataset: no datasets are given")
        length = len(datasets[0])
        for i, dataset in enumerate(datasets):
            if len(dataset) != length:
                raise ValueError(f"TupleDataset: dataset {i} has length {len(dataset)}, dataset 0 has {length}")
        self._datasets = datasets
        self._length = length
        self._impl = _engine.TupleDataset(list(datasets)) if all(map(is_engine_array, datasets)) else None

    @classmethod
    def _from_engine(cls, impl):
        self = cls.__new__(cls)
        self._impl = impl
        self._datasets = impl.arrays
        self._length = len(impl)
        return self

    def __getitem__(self, index):
        if self._impl is not None:
            return self._impl[index]
        if isinstance(index, slice):
            index = range(*index.indices(self._length))
        elif not isinstance(index, (list, numpy.ndarray)):
            return tuple(dataset[index] for dataset in self._datasets)
        return [tuple(dataset[i] for dataset in self._datasets) for i in index]

    def __len__(self):
        return self._length

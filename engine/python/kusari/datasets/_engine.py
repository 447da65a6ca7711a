"""Which datasets the engine can hold, and the engine dataset behind a Python one."""
import numpy

from kusari._kusari import datasets as _engine

_ENGINE_DTYPES = frozenset(numpy.dtype(t) for t in ("bool", "int32", "int64", "float32", "float64"))


def engine_dataset(dataset):
    """The engine dataset serving ``dataset``, or None when it lives in Python."""
    if isinstance(dataset, _engine.Dataset):
        return dataset
    impl = getattr(dataset, "_impl", None)
    return impl if isinstance(impl, _engine.Dataset) else None


def is_engine_array(a):
    """NumPy arrays the engine views without converting their dtype."""
    return isinstance(a, numpy.ndarray) and a.ndim >= 1 and a.dtype in _ENGINE_DTYPES and a.dtype.isnative

"""chainer.dataset.convert: concat_examples turns a batch of examples into batched arrays.

Stacking runs in the engine; a batch that a SerialIterator gathered from an engine dataset is
stacked in one call without looking at its Python tuples.
"""
import numpy

from kusari._kusari import datasets as _engine

# dtypes the engine holds as they are; others (uint8, float16, ...) are stacked by NumPy so
# that the result keeps the examples' dtype as Chainer's does.
_ENGINE_DTYPES = frozenset(numpy.dtype(t) for t in ("bool", "int32", "int64", "float32", "float64"))


def to_device(device, x):
    """Arrays stay NumPy arrays: None, -1, 'cpu' and '@numpy' name the host."""
    if device is None or device == -1 or device in ("cpu", "@numpy", "native", "native:0"):
        return x
    raise ValueError(f"to_device: device {device!r} is not available from Python; arrays cross as NumPy "
                     "arrays (move Variables with the engine's device functions instead)")


def _engine_can_stack(arrays):
    return all(isinstance(a, numpy.ndarray) and a.dtype in _ENGINE_DTYPES and a.dtype.isnative for a in arrays)


def _concat_arrays(arrays, padding):
    if not isinstance(arrays[0], numpy.ndarray):
        arrays = numpy.asarray(arrays)
        if padding is None:
            return arrays  # already the stacked array
    if _engine_can_stack(arrays):
        return _engine.stack(list(arrays), padding)
    if padding is None:
        return numpy.stack(arrays)
    shape = numpy.max([a.shape for a in arrays], axis=0)
    out = numpy.full((len(arrays),) + tuple(shape), padding, dtype=arrays[0].dtype)
    for i, a in enumerate(arrays):
        out[(i,) + tuple(slice(n) for n in a.shape)] = a
    return out


def concat_examples(batch, device=None, padding=None):
    """Chainer's concat_examples: tuples -> tuple of arrays, dicts -> dict, arrays -> one array.

    ``padding`` (a value, or a tuple/dict of them per element) fills arrays of different
    shapes up to the largest one.
    """
    if len(batch) == 0:
        raise ValueError("concat_examples: the batch is empty")
    engine_batch = getattr(batch, "_engine_batch", None)
    if engine_batch is not None and padding is None:
        arrays = engine_batch.concat()
        result = arrays[0] if batch._bare else arrays
        return to_device(device, result) if batch._bare else tuple(to_device(device, a) for a in arrays)

    first = batch[0]
    if isinstance(first, tuple):
        if not isinstance(padding, tuple):
            padding = [padding] * len(first)
        return tuple(to_device(device, _concat_arrays([e[i] for e in batch], padding[i])) for i in range(len(first)))
    if isinstance(first, dict):
        if not isinstance(padding, dict):
            padding = {key: padding for key in first}
        return {key: to_device(device, _concat_arrays([e[key] for e in batch], padding[key])) for key in first}
    return to_device(device, _concat_arrays(batch, padding))

"""chainer.serializers: save_npz / load_npz (C++ NpzSerializer, Chainer's key layout)."""
import os
import shutil
import tempfile

from kusari._kusari import serializers as _impl

Serializer = _impl.Serializer


def _with_path(file, fn, writing):
    """The engine reads and writes paths; file objects go through a temporary file."""
    if isinstance(file, (str, os.PathLike)):
        return fn(os.fspath(file))
    fd, tmp = tempfile.mkstemp(suffix=".npz")
    os.close(fd)
    try:
        if not writing:
            with open(tmp, "wb") as f:
                shutil.copyfileobj(file, f)
        result = fn(tmp)
        if writing:
            with open(tmp, "rb") as f:
                shutil.copyfileobj(f, file)
        return result
    finally:
        os.remove(tmp)


def save_npz(file, obj, compression=True):
    """Saves a link's or optimizer's state; numpy.load(file) shows keys like 'predictor/l1/W'."""
    _with_path(file, lambda p: _impl.save_npz(p, obj, compression), writing=True)


def load_npz(file, obj, path="", strict=True, ignore_names=None):
    """Loads into obj in place; path= selects a prefix ('updater/model:main/') of the file."""
    if callable(ignore_names):
        raise TypeError("load_npz: ignore_names must be a list of names (callables are not supported)")
    _with_path(file, lambda p: _impl.load_npz(p, obj, path, strict, list(ignore_names or ())), writing=False)

"""chainer.Link, Chain, ChainList, Sequential: the C++ links, plus the sugar that must be Python.

The classes are the engine's own (``kusari.Link is kusari._kusari.Link``), so links written in
C++ and in Python are the same kind of object and nest either way. What lives here:
``init_scope()`` and the attribute assignment that registers links and Parameters inside it,
``add_param`` / ``add_link`` / ``add_persistent``, Python-side persistents in ``serialize``,
and the device stubs. Computation, traversal and registration stay in C++.
"""
import contextlib

import numpy

from kusari import _kusari

Link = _kusari.Link
Chain = _kusari.Chain
ChainList = _kusari.ChainList
Sequential = _kusari.Sequential
Parameter = _kusari.Parameter

_object_setattr = object.__setattr__


@contextlib.contextmanager
def _init_scope(self):
    """``with self.init_scope():`` links and Parameters assigned as attributes are registered."""
    d = self.__dict__
    old = d.get("_within_init_scope", False)
    d["_within_init_scope"] = True
    try:
        yield
    finally:
        d["_within_init_scope"] = old


def _setattr(self, name, value):
    if self.__dict__.get("_within_init_scope", False):
        if isinstance(value, Link):
            self._add_child(name, value)
        elif isinstance(value, Parameter):
            self._add_param(name, value)
    _object_setattr(self, name, value)


def _add_param(self, name, shape=None, dtype=numpy.float32, initializer=None):
    with self.init_scope():
        setattr(self, name, Parameter(initializer, shape, dtype=dtype))


def _add_link(self, name, link):
    with self.init_scope():
        setattr(self, name, link)


def _register_persistent(self, name):
    if not hasattr(self, name):
        raise AttributeError(f"cannot register '{name}' as persistent: the link has no such attribute")
    names = self.__dict__.setdefault("_persistent", [])
    if name not in names:
        names.append(name)


def _add_persistent(self, name, value):
    if name in self.__dict__:
        raise AttributeError(f"cannot register a new persistent value '{name}': the attribute exists")
    _object_setattr(self, name, value)
    _register_persistent(self, name)


def _serialize(self, serializer):
    """Parameters, C++ persistents and children (C++), then the Python persistents."""
    self._serialize_cpp(serializer)
    d = self.__dict__
    for name in d.get("_persistent", ()):
        value = d[name]
        if isinstance(value, numpy.ndarray):
            serializer(name, value)
        else:
            d[name] = serializer(name, value)


def _to_cpu(self):
    return self


def _to_gpu(self, device=None):
    raise RuntimeError("kusari has no GPU backend yet; the model stays on the CPU")


def _to_device(self, device):
    if str(device) in ("cpu", "@numpy", "native", "native:0"):
        return self
    raise RuntimeError(f"kusari has no backend for device '{device}' yet; only 'cpu' is available")


Link.init_scope = _init_scope
Link.__setattr__ = _setattr
Link.add_param = _add_param
Link.add_persistent = _add_persistent
Link.register_persistent = _register_persistent
Link.serialize = _serialize
Link.to_cpu = _to_cpu
Link.to_gpu = _to_gpu
Link.to_device = _to_device
Link.within_init_scope = property(lambda self: self.__dict__.get("_within_init_scope", False))
Link.xp = property(lambda self: numpy)
Link.device = property(lambda self: "cpu")
Chain.add_link = _add_link

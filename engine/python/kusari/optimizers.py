"""Optimizers (chainer.optimizers), implemented in C++."""
from kusari._kusari import optimizers as _impl

globals().update({_name: getattr(_impl, _name) for _name in dir(_impl) if not _name.startswith("_")})
__all__ = [_name for _name in dir(_impl) if not _name.startswith("_")]

"""Kusari: a define-by-run deep-learning engine with Chainer's API, computed in C++.

``import kusari as chainer`` runs Chainer scripts; ``kusari.functions`` and ``kusari.links``
stand for ``chainer.functions`` and ``chainer.links``.
"""
import os as _os

from kusari import _kusari
from kusari._kusari import (Variable, FunctionNode, FunctionHook, grad, as_variable, seed,  # noqa: F401
                            KusariError, KusariValueError, ShapeError, DtypeError, IndexError as KusariIndexError,
                            FormatError, NonFiniteError)
from kusari._config import config, using_config, no_backprop_mode, force_backprop_mode  # noqa: F401
from kusari import functions, function_hooks, computational_graph  # noqa: F401
from kusari.link import Link, Chain, ChainList, Sequential, Parameter  # noqa: F401
from kusari import links, initializers, optimizers, optimizer_hooks, serializers  # noqa: F401
from kusari import dataset, datasets, iterators, reporter, gradient_check  # noqa: F401
from kusari import backend, training, debug  # noqa: F401
from kusari.backend import get_device  # noqa: F401
from kusari.reporter import Reporter, report, report_scope  # noqa: F401

_kusari._set_package_dir(_os.path.dirname(_os.path.abspath(__file__)) + _os.sep)
_kusari._enable_source_locations(True)

__version__ = "0.1.0"

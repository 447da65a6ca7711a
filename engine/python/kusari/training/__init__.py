"""chainer.training: Trainer, updaters, triggers and extensions.

Orchestration is Python: the loop calls user Python objects (extensions, triggers, reports) and
costs little next to the engine's ops, which run in C++.
"""
from kusari.training import triggers  # noqa: F401  (first: _trigger_util and triggers import each other)
from kusari.training import _trigger_util, extension, metrics, trainer, updater  # noqa: F401
from kusari.training import updaters, extensions  # noqa: F401
from kusari.training.extension import (Extension, make_extension,  # noqa: F401
                                       PRIORITY_EDITOR, PRIORITY_READER, PRIORITY_WRITER)
from kusari.training.trainer import Trainer  # noqa: F401
from kusari.training.updater import Updater  # noqa: F401
from kusari.training.updaters import StandardUpdater  # noqa: F401
from kusari.training._trigger_util import get_trigger  # noqa: F401
from kusari.training.metrics import set_metrics_sink, set_stop_poll  # noqa: F401

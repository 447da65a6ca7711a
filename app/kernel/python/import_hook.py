"""Runs a callback right after a module was imported: kusari is not imported by the kernel, so
the parts that hook into it (op_debug.py, metrics.py) wait for a cell to import it.

on_import(name, callback) puts a finder first on sys.meta_path that finds nothing itself: it
wraps the loader the other finders give for `name`, so that callback(module) runs once the
module's code ran. It stays installed (a module imported again is hooked again)."""
import importlib.abc
import sys


def on_import(name, callback):
    sys.meta_path.insert(0, _AfterImport(name, callback))


class _AfterImport(importlib.abc.MetaPathFinder):
    def __init__(self, name, callback):
        self._name = name
        self._callback = callback

    def find_spec(self, name, path, target=None):
        if name != self._name:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
                spec.loader = _Loader(spec.loader, self._callback)
                return spec
        return None


class _Loader(importlib.abc.Loader):
    def __init__(self, loader, callback):
        self._loader = loader
        self._callback = callback

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        self._callback(module)

    def __getattr__(self, name):
        return getattr(self._loader, name)

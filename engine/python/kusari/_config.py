"""chainer.config and its context managers, over the engine's thread-local configuration."""
from kusari import _kusari

_FIELDS = ("train", "enable_backprop", "debug", "type_check")


class _Config:
    """Attribute view of the engine's configuration (thread-local, like chainer.config)."""

    def __getattr__(self, name):
        if name in _FIELDS:
            return _kusari._get_config(name)
        raise AttributeError(f"kusari.config has no entry '{name}'")

    def __setattr__(self, name, value):
        if name not in _FIELDS:
            raise AttributeError(f"kusari.config has no entry '{name}' (known: {', '.join(_FIELDS)})")
        _kusari._set_config(name, bool(value))

    def show(self):
        for name in _FIELDS:
            print(f"{name:16s}{getattr(self, name)}")


config = _Config()


def using_config(name, value):
    """``with kusari.using_config('train', False):`` sets one entry for the block."""
    return _kusari._ConfigScope(name, bool(value))


def no_backprop_mode():
    return _kusari._ConfigScope("enable_backprop", False)


def force_backprop_mode():
    return _kusari._ConfigScope("enable_backprop", True)

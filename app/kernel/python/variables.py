"""The user's namespace for the Variables pane (see app/protocol/variables_messages.h).
Modules, functions, classes and names starting with '_' are hidden, as in Spyder."""
import inspect
import reprlib
import sys
import types

from _kusari_kernel_display import _as_array

MAX_REPR = 80

_repr = reprlib.Repr()
_repr.maxstring = MAX_REPR
_repr.maxother = MAX_REPR


def _hidden(name, value):
    return (name.startswith("_") or isinstance(value, (types.ModuleType, type))
            or inspect.isroutine(value))


def _short_repr(value):
    try:
        text = _repr.repr(value)
    except Exception as exc:  # a broken __repr__ must not hide the other variables
        text = f"<{type(value).__name__} (repr failed: {exc!r})>"
    return text if len(text) <= MAX_REPR else text[:MAX_REPR - 3] + "..."


def describe(name, value):
    entry = {"name": name, "type_name": type(value).__name__, "shape": [], "dtype": "", "repr": ""}
    try:
        array, _device = _as_array(value)
    except Exception:
        array = None
    if array is None:
        entry["repr"] = _short_repr(value)
        return entry
    entry["shape"] = [int(n) for n in array.shape]
    entry["dtype"] = str(array.dtype)
    if array.dtype.kind in "biuf":
        np = sys.modules["numpy"]
        x = array.astype(np.float64, copy=False)
        finite = x[np.isfinite(x)]
        if finite.size:
            entry.update(min=float(finite.min()), mean=float(finite.mean()), max=float(finite.max()))
    return entry


def list_variables(namespace):
    return [describe(name, value) for name, value in sorted(namespace.items()) if not _hidden(name, value)]

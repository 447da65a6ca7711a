"""What a paused kernel shows: its stack, scopes, children of values, evaluation in a frame and
2-D slices of tensors (see app/protocol/debug_messages.h). References and frame ids hold only
while paused; forget() drops them when the kernel continues.

The expression "<graph var N>" (evaluate_request, tensor_data_request) names the variable with
var id N of the recorded graph (graph_events), looked up through `graph_variable`, which
_kusari_kernel_op_debug sets; it is never evaluated as Python (it is not valid Python)."""
import math
import os
import re
import reprlib
import sys

import _kusari_kernel_debug as _host
from _kusari_kernel_display import _as_array, tensor_summary
from _kusari_kernel_variables import _hidden

MAX_VALUE = 200       # characters of a value's repr
MAX_CHILDREN = 500
KERNEL_PREFIX = "<kusari-kernel/"

_repr = reprlib.Repr()
_repr.maxstring = MAX_VALUE
_repr.maxother = MAX_VALUE
_SCALARS = (type(None), bool, int, float, complex, str, bytes, bytearray)
_INTERPOLATION = re.compile(r"\{([^{}]+)\}")
GRAPH_VAR = re.compile(r"^\s*<graph var (\d+)>\s*$")

# var id -> the recorded Variable; raises LookupError when there is none (set by op_debug).
graph_variable = None

_frames = []      # innermost first; frame id = index + 1
_references = {}  # reference -> ("scope", dict) | ("value", object)


_top = None       # (source, line, note): what frame 1 reports instead of its own line


def enter(frame, is_user, location=None):
    """Records `frame` and the user frames outside it; returns them as protocol frames.
    `location` (source, line, note): frame 1 reports that line, its function says why."""
    global _top
    _frames.clear()
    _references.clear()
    _top = location
    innermost = frame
    while frame is not None:
        if frame is innermost or is_user(frame.f_code.co_filename):
            _frames.append(frame)
        frame = frame.f_back
    return stack()


def forget():
    global _top
    _frames.clear()
    _references.clear()
    _top = None


def stack():
    frames = [{"id": i + 1, "source": f.f_code.co_filename, "line": f.f_lineno, "function": f.f_code.co_name}
              for i, f in enumerate(_frames)]
    if frames and _top is not None:
        top = frames[0]
        note = f"{_top[2]}; " if len(_top) > 2 and _top[2] else ""
        top["function"] = f"{top['function']} ({note}paused at {os.path.basename(top['source'])}:{top['line']})"
        top["source"], top["line"] = _top[0], _top[1]
    return frames


def _frame(frame_id):
    if not 1 <= frame_id <= len(_frames):
        raise LookupError(f"no frame {frame_id} (the stack has {len(_frames)})")
    return _frames[frame_id - 1]


def _reference(kind, obj):
    ref = len(_references) + 1
    _references[ref] = (kind, obj)
    return ref


def tensor_stats(value):
    """Shape, dtype, device and statistics of a numeric array or Variable; None otherwise."""
    try:
        summary = tensor_summary(value)
    except Exception:
        return None
    if summary is None:
        return None
    return {k: summary[k] for k in ("shape", "dtype", "device", "min", "max", "mean", "std", "nan_count", "inf_count")}


def _short_repr(value):
    try:
        text = _repr.repr(value)
    except Exception as exc:
        text = f"<{type(value).__name__} (repr failed: {exc!r})>"
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE - 3] + "..."


def _has_children(value):
    if isinstance(value, _SCALARS):
        return False
    if isinstance(value, (list, tuple, dict, set, frozenset)):
        return len(value) > 0
    if getattr(value, "_kusari_variable", False) or _is_link(value):
        return True
    np = sys.modules.get("numpy")
    if np is not None and isinstance(value, np.ndarray):
        return False
    return bool(getattr(value, "__dict__", None))


def describe(name, value):
    entry = {"name": str(name), "type_name": type(value).__name__, "value": _short_repr(value),
             "reference": _reference("value", value) if _has_children(value) else 0}
    stats = tensor_stats(value)
    if stats is not None:
        entry["tensor"] = stats
    return entry


def _is_link(value):
    return callable(getattr(value, "namedparams", None)) and callable(getattr(value, "children", None))


def _link_children(link):
    items = []
    for child in link.children():
        items.append((child.name or "?", child))
    for path, param in link.namedparams():
        if path.count("/") == 1:  # the link's own parameters: "/W"
            items.append((path[1:], param))
    seen = {n for n, _ in items}
    extra = getattr(link, "__dict__", {})
    items += [(n, v) for n, v in extra.items() if not n.startswith("_") and n not in seen]
    return items


def children_of(value):
    if getattr(value, "_kusari_variable", False):
        items = [("array", value.array), ("grad", value.grad)]
        name = getattr(value, "name", None)
        if name:
            items.append(("name", name))
        return items
    if _is_link(value):
        return _link_children(value)
    if isinstance(value, dict):
        return [(repr(k), v) for k, v in value.items()]
    if isinstance(value, (list, tuple)):
        return [(f"[{i}]", v) for i, v in enumerate(value)]
    if isinstance(value, (set, frozenset)):
        return [(f"<{i}>", v) for i, v in enumerate(value)]
    return list(getattr(value, "__dict__", {}).items())


def _scope_items(kind, namespace, module_level):
    names = sorted(namespace.items())
    if kind == "globals" or module_level:
        return [(n, v) for n, v in names if not _hidden(n, v)]
    return names


def serve(kind, content):
    return _SERVERS[kind](content)


def _serve_stack(content):
    return {"frames": stack(), "error": ""}


def _serve_scopes(content):
    frame = _frame(int(content.get("frame_id", 1)))
    module_level = frame.f_locals is frame.f_globals
    return {"locals_reference": _reference("scope", _scope_items("locals", frame.f_locals, module_level)),
            "globals_reference": _reference("scope", _scope_items("globals", frame.f_globals, True)),
            "error": ""}


def _serve_children(content):
    ref = int(content.get("reference", 0))
    if ref not in _references:
        return {"variables": [], "error": f"no value with reference {ref}"}
    kind, obj = _references[ref]
    items = obj if kind == "scope" else children_of(obj)
    return {"variables": [describe(n, v) for n, v in items[:MAX_CHILDREN]], "error": ""}


def _run_in(frame, source):
    """The value of an expression, or None after running a statement."""
    try:
        code = compile(source, "<debugger>", "eval")
    except SyntaxError:
        code = None
    local_vars = frame.f_locals
    try:
        if code is not None:
            return eval(code, frame.f_globals, local_vars)
        exec(compile(source, "<debugger>", "exec"), frame.f_globals, local_vars)
        return None
    finally:
        if local_vars is not frame.f_globals:
            _host.locals_to_fast(frame)


def _value_of(content):
    """The value `content` names: a recorded graph variable or an expression in its frame."""
    expression = content.get("expression", "")
    match = GRAPH_VAR.match(expression)
    if match:
        if graph_variable is None:
            raise LookupError("no graph is recorded (open the Graph or set an op breakpoint)")
        return graph_variable(int(match.group(1)))
    return _run_in(_frame(int(content.get("frame_id", 1))), expression)


def _error_text(exc):
    return f"{type(exc).__name__}: {exc}"


def _serve_evaluate(content):
    expression = content.get("expression", "")
    try:
        value = _value_of(content)
    except Exception as exc:
        return {"result": {"name": expression, "type_name": "", "value": "", "reference": 0}, "error": _error_text(exc)}
    return {"result": describe(expression, value), "error": ""}


def _serve_set_variable(content):
    name = content.get("name", "")
    empty = {"name": name, "type_name": "", "value": "", "reference": 0}
    if not name.isidentifier():
        return {"value": empty, "error": f"{name!r} is not a variable name"}
    try:
        frame = _frame(int(content.get("frame_id", 1)))
        value = eval(content.get("expression", ""), frame.f_globals, frame.f_locals)
        local_vars = frame.f_locals
        local_vars[name] = value
        if local_vars is not frame.f_globals:
            _host.locals_to_fast(frame)
    except Exception as exc:
        return {"value": empty, "error": _error_text(exc)}
    return {"value": describe(name, value), "error": ""}


def _serve_tensor_data(content):
    empty = {"stats": {}, "slice_shape": [], "strides": [], "data": b""}
    try:
        ref = int(content.get("reference", 0))
        if ref:
            if ref not in _references or _references[ref][0] != "value":
                raise LookupError(f"no value with reference {ref}")
            value = _references[ref][1]
        else:
            value = _value_of(content)
        array, _device = _as_array(value)
        if array is None or array.dtype.kind not in "biuf":
            raise TypeError(f"{type(value).__name__} is not a numeric array or Variable")
        grid, strides = _slice(array, int(content.get("row_axis", 0)), int(content.get("col_axis", 1)),
                               list(content.get("indices", [])), int(content.get("max_elements", 65536)))
    except Exception as exc:
        return dict(empty, error=_error_text(exc))
    return {"stats": tensor_stats(value), "slice_shape": list(grid.shape), "strides": strides,
            "data": grid.astype("<f4").tobytes(), "error": ""}


def _slice(array, row_axis, col_axis, indices, max_elements):
    """A 2-D view (rows x cols) of `array`, strided to at most max_elements elements."""
    ndim = array.ndim
    for axis, what in ((row_axis, "row_axis"), (col_axis, "col_axis")):
        if axis != -1 and not 0 <= axis < ndim:
            raise IndexError(f"{what} {axis} is outside the array's {ndim} axes")
    if row_axis == col_axis and row_axis != -1:
        raise IndexError("row_axis and col_axis are the same axis")
    index = []
    for axis in range(ndim):
        if axis in (row_axis, col_axis):
            index.append(slice(None))
            continue
        i = indices[axis] if axis < len(indices) else 0
        if not -array.shape[axis] <= i < array.shape[axis]:
            raise IndexError(f"index {i} is out of range for axis {axis} of length {array.shape[axis]}")
        index.append(i)
    view = array[tuple(index)]
    kept = [a for a in range(ndim) if a in (row_axis, col_axis)]  # remaining axes, in order
    if len(kept) == 2 and kept[0] == col_axis:
        view = view.T
    rows = array.shape[row_axis] if row_axis != -1 else 1
    cols = array.shape[col_axis] if col_axis != -1 else 1
    view = view.reshape(rows, cols)
    row_stride, col_stride = _strides(rows, cols, max(1, max_elements))
    return view[::row_stride, ::col_stride], [row_stride, col_stride]


def _strides(rows, cols, budget):
    if rows * cols <= budget:
        return 1, 1
    s = math.ceil(math.sqrt(rows * cols / budget))
    rs, cs = s, s
    if rows < s:
        rs, cs = 1, math.ceil(cols / max(1, budget // rows))
    elif cols < s:
        rs, cs = math.ceil(rows / max(1, budget // cols)), 1
    while math.ceil(rows / rs) * math.ceil(cols / cs) > budget:
        if math.ceil(rows / rs) >= math.ceil(cols / cs):
            rs += 1
        else:
            cs += 1
    return rs, cs


def interpolate(message, frame):
    """A log point's text with each {expression} replaced by its value in `frame`."""
    def value(match):
        try:
            return str(eval(match.group(1), frame.f_globals, frame.f_locals))
        except Exception as exc:
            return f"<{_error_text(exc)}>"
    return _INTERPOLATION.sub(value, message)


_SERVERS = {
    "stack_request": _serve_stack,
    "scopes_request": _serve_scopes,
    "children_request": _serve_children,
    "evaluate_request": _serve_evaluate,
    "set_variable_request": _serve_set_variable,
    "tensor_data_request": _serve_tensor_data,
}

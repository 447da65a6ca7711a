"""MIME bundles for displayed values: text/plain always, image/png and a tensor summary when
the value provides them (see app/protocol/display_data.h for the tensor payload).

display(obj, display_id=...) and update_display(obj, display_id=...) follow IPython: a display
with an id returns a DisplayHandle whose update(obj) replaces that output in place (for a plot
redrawn while a model trains); display_id=True makes a new id."""
import builtins
import math
import sys
import uuid

import _kusari_kernel_io as _io

PREVIEW_SIDE = 64  # the preview is subsampled to at most PREVIEW_SIDE x PREVIEW_SIDE elements
MAX_TEXT = 1 << 20  # characters of text/plain; a frame must stay far below the reader's limit


def publish(value):
    """Shows `value` in the output of the running cell."""
    _io.display(mime_bundle(value))


def publish_result(value, execution_count):
    """Sends `value` as the running cell's execute_result (the value of its last expression)."""
    _io.execute_result(mime_bundle(value), execution_count)
class DisplayHandle:
    """An output that can be replaced: update(obj) shows obj in its place, display(obj) shows obj
    as another output with the same id (updated together from then on)."""

    def __init__(self, display_id=None):
        self.display_id = uuid.uuid4().hex if display_id is None else str(display_id)

    def display(self, obj):
        _io.display(mime_bundle(obj), self.display_id)

    def update(self, obj):
        update_display(obj, display_id=self.display_id)

    def __repr__(self):
        return f"<DisplayHandle display_id={self.display_id}>"


def display(*objs, display_id=None):
    """Shows each of `objs` in the output of the running cell (the builtin display()). With a
    display_id (a string, or True for a new one) the outputs carry that id and a DisplayHandle
    is returned for updating them."""
    if display_id is None or display_id is False:
        for obj in objs:
            publish(obj)
        return None
    handle = DisplayHandle(None if display_id is True else display_id)
    for obj in objs:
        handle.display(obj)
    return handle


def update_display(obj, *, display_id):
    """Replaces every output shown with `display_id` by `obj` (IPython's update_display)."""
    if not display_id or display_id is True:
        raise ValueError("update_display: display_id must name an earlier display")
    _io.update_display(mime_bundle(obj), str(display_id))


def mime_bundle(value):
    bundle = {"text/plain": _text(value)}
    png = _png(value)
    if png:
        bundle["image/png"] = png
    tensor = tensor_summary(value)
    if tensor is not None:
        bundle["application/x-kusari-tensor"] = tensor
    return bundle


def _text(value):
    try:
        text = repr(value)
    except Exception as exc:  # a broken __repr__ must not lose the output
        return f"<{type(value).__name__} object (repr failed: {exc!r})>"
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT] + f"... [{len(text) - MAX_TEXT} more characters]"
    return text


def _png(value):
    method = getattr(type(value), "_repr_png_", None)
    if method is None:
        return None
    try:
        data = method(value)
    except Exception:
        return None
    return bytes(data) if isinstance(data, (bytes, bytearray, memoryview)) else None


def _as_array(value):
    """(numpy array, device) for an ndarray or a kusari.Variable, else (None, None)."""
    np = sys.modules.get("numpy")  # never import NumPy just to look at a value
    if np is None:
        return None, None
    if isinstance(value, np.ndarray):
        return value, "cpu"
    if getattr(value, "_kusari_variable", False):
        array = value.array
        return (np.asarray(array) if array is not None else None), str(getattr(value, "device", ""))
    return None, None


def tensor_summary(value):
    array, device = _as_array(value)
    np = sys.modules.get("numpy")
    if array is None or array.dtype.kind not in "biuf":
        return None
    x = array.astype(np.float64, copy=False)
    finite = np.isfinite(x)
    values = x if finite.all() else x[finite]
    stats = (float(values.min()), float(values.max()), float(values.mean()), float(values.std())) if values.size else (0.0,) * 4
    rows = math.prod(array.shape[:-1]) if array.ndim >= 1 else 1
    cols = array.shape[-1] if array.ndim >= 1 else 1
    grid = array.reshape(rows, cols)
    preview = grid[::max(1, -(-rows // PREVIEW_SIDE)), ::max(1, -(-cols // PREVIEW_SIDE))].astype("<f4")
    return {
        "shape": list(array.shape),
        "dtype": str(array.dtype),
        "device": device,
        "min": stats[0], "max": stats[1], "mean": stats[2], "std": stats[3],
        "nan_count": int(np.isnan(x).sum()),
        "inf_count": int(np.isinf(x).sum()),
        "preview_shape": list(preview.shape),
        "preview": preview.tobytes(),
    }


builtins.display = display
builtins.update_display = update_display

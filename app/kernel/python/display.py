"""MIME bundles for displayed values: text/plain always, image/png and a tensor summary when
the value provides them (see app/protocol/display_data.h for the tensor payload)."""
import builtins
import math
import sys

import _kusari_kernel_io as _io

PREVIEW_SIDE = 64  # the preview is subsampled to at most PREVIEW_SIDE x PREVIEW_SIDE elements
MAX_TEXT = 1 << 20  # characters of text/plain; a frame must stay far below the reader's limit


def publish(value):
    """Shows `value` in the output of the running cell (also available as builtin display())."""
    _io.display(mime_bundle(value))


def publish_result(value, execution_count):
    """Sends `value` as the running cell's execute_result (the value of its last expression)."""
    _io.execute_result(mime_bundle(value), execution_count)


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


builtins.display = publish

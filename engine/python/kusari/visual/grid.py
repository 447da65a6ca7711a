"""image_grid: many small images (a batch, reconstructions, filters) tiled into one picture."""
import math

import numpy

from kusari.visual.png import Image


def _as_batch(images):
    a = numpy.asarray(getattr(images, "array", images), dtype=numpy.float64)
    if a.ndim == 2:  # flattened square images, e.g. (N, 784)
        side = math.isqrt(a.shape[1])
        if side * side != a.shape[1]:
            raise ValueError(f"image_grid: rows of {a.shape[1]} values are not square images; pass (N, H, W)")
        a = a.reshape(-1, side, side)
    elif a.ndim == 4:  # (N, C, H, W)
        if a.shape[1] == 1:
            a = a[:, 0]
        elif a.shape[1] == 3:
            a = a.transpose(0, 2, 3, 1)
        else:
            raise ValueError(f"image_grid: (N, C, H, W) images need 1 or 3 channels, got {a.shape[1]}")
    elif a.ndim != 3:
        raise ValueError(f"image_grid: images must be (N, H, W), (N, C, H, W) or (N, H*W), got shape {a.shape}")
    if len(a) == 0:
        raise ValueError("image_grid: no images")
    return a


def image_grid(images, ncols=8, pad=1, scale=2, vmin=None, vmax=None, background=255):
    """One Image of ``images`` in rows of ``ncols``, separated by ``pad`` pixels of
    ``background``, each pixel ``scale`` times larger. Values map linearly from [vmin, vmax]
    (default: the batch's range) to 0..255; NaN shows as 0."""
    a = _as_batch(images)
    if ncols < 1:
        raise ValueError(f"image_grid: ncols must be positive, got {ncols}")
    finite = a[numpy.isfinite(a)]
    lo = float(finite.min()) if vmin is None and finite.size else (0. if vmin is None else vmin)
    hi = float(finite.max()) if vmax is None and finite.size else (1. if vmax is None else vmax)
    scaled = numpy.clip((numpy.nan_to_num(a, nan=lo) - lo) / ((hi - lo) or 1.) * 255., 0, 255)
    scaled = scaled.round().astype(numpy.uint8)
    n, h, w = a.shape[:3]
    ncols = min(ncols, n)
    nrows = -(-n // ncols)
    canvas = numpy.full((nrows * (h + pad) + pad, ncols * (w + pad) + pad) + a.shape[3:], background, numpy.uint8)
    for i in range(n):
        r, c = divmod(i, ncols)
        y, x = pad + r * (h + pad), pad + c * (w + pad)
        canvas[y:y + h, x:x + w] = scaled[i]
    return Image(canvas, scale=scale)

"""decision_boundary: a 2-D classifier's regions as coloured background, with the points on top."""
import numpy

from kusari.visual.png import Image

PALETTE = numpy.array([(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
                       (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207)], numpy.float64)


def _scores(predict, grid):
    out = _array(predict(grid))
    if out.ndim == 1:  # labels
        k = int(out.max()) + 1 if out.size else 1
        return numpy.eye(max(k, 1))[out.astype(numpy.int64)]
    if out.ndim != 2 or out.shape[0] != len(grid):
        raise ValueError(f"decision_boundary: predict must return (M,) labels or (M, K) scores for M points, "
                         f"got shape {out.shape} for M = {len(grid)}")
    e = numpy.exp(out - out.max(axis=1, keepdims=True))  # softmax: the colour's strength is confidence
    return e / e.sum(axis=1, keepdims=True)


def _array(value):
    return numpy.asarray(getattr(value, "array", value), dtype=numpy.float64)


def decision_boundary(predict, x, t=None, size=240, margin=0.2, point_radius=2):
    """An Image of ``size`` x ``size`` pixels over the bounding box of the points ``x`` (N, 2)
    widened by ``margin``: each pixel tinted with the colour of the class ``predict`` gives it
    (paler where the softmax of its scores is less sure), then the points drawn in their label
    ``t``'s colour with a dark rim. ``predict`` maps a float32 (M, 2) array to (M, K) scores (a
    Variable or array) or (M,) labels."""
    x = _array(x)
    if x.ndim != 2 or x.shape[1] != 2:
        raise ValueError(f"decision_boundary: points must be (N, 2), got shape {x.shape}")
    t = None if t is None else _array(t).astype(numpy.int64)
    if t is not None and t.shape != (len(x),):
        raise ValueError(f"decision_boundary: labels must be ({len(x)},), got shape {t.shape}")
    lo, hi = x.min(axis=0), x.max(axis=0)
    span = numpy.maximum(hi - lo, 1e-6)
    lo, hi = lo - margin * span, hi + margin * span
    xs = numpy.linspace(lo[0], hi[0], size)
    ys = numpy.linspace(hi[1], lo[1], size)  # row 0 is the top
    gx, gy = numpy.meshgrid(xs, ys)
    grid = numpy.stack([gx.ravel(), gy.ravel()], axis=1).astype(numpy.float32)
    p = _scores(predict, grid)
    cls = p.argmax(axis=1)
    strength = (p.max(axis=1) - 1. / p.shape[1]) / (1. - 1. / p.shape[1]) if p.shape[1] > 1 else numpy.ones(len(p))
    tint = 0.15 + 0.35 * strength[:, None]
    image = (255. * (1 - tint) + PALETTE[cls % len(PALETTE)] * tint).reshape(size, size, 3)
    if t is not None:
        px = numpy.round((x[:, 0] - lo[0]) / (hi[0] - lo[0]) * (size - 1)).astype(int)
        py = numpy.round((hi[1] - x[:, 1]) / (hi[1] - lo[1]) * (size - 1)).astype(int)
        r = point_radius
        for dy in range(-r - 1, r + 2):
            for dx in range(-r - 1, r + 2):
                d2 = dx * dx + dy * dy
                if d2 > (r + 1) ** 2:
                    continue
                yy, xx = numpy.clip(py + dy, 0, size - 1), numpy.clip(px + dx, 0, size - 1)
                image[yy, xx] = (40, 40, 40) if d2 > r * r else PALETTE[t % len(PALETTE)] * 0.85
    return Image(image.round().astype(numpy.uint8))

"""Small 2-D classification sets generated in code (the TensorFlow Playground's shapes): each
get_* returns a TupleDataset of float32 points (n, 2) and int32 labels (n,), reproducible from
``seed``; ``noise`` is the standard deviation of Gaussian noise added to every coordinate."""
import numpy

from kusari.datasets.tuple_dataset import TupleDataset


def _check(name, n, noise):
    if int(n) != n or n < 1:
        raise ValueError(f"{name}: n must be a positive integer, got {n!r}")
    if noise < 0:
        raise ValueError(f"{name}: noise must be >= 0, got {noise!r}")
    return int(n)


def _dataset(x, t, noise, rng):
    x = x + rng.normal(0., noise, x.shape) if noise else x
    return TupleDataset(numpy.ascontiguousarray(x, dtype=numpy.float32), numpy.ascontiguousarray(t, dtype=numpy.int32))


def _split(n, k):
    """How many of n examples each of k classes gets (the first n % k one more)."""
    return [n // k + (1 if c < n % k else 0) for c in range(k)]


def get_spiral(n=300, noise=0.1, seed=0, n_classes=2):
    """``n_classes`` interleaved spiral arms of 1.75 turns from the origin to radius 1."""
    n = _check("get_spiral", n, noise)
    if n_classes < 2:
        raise ValueError(f"get_spiral: n_classes must be >= 2, got {n_classes!r}")
    rng = numpy.random.RandomState(seed)
    xs, ts = [], []
    for c, m in enumerate(_split(n, n_classes)):
        r = numpy.linspace(0.05, 1., m)
        theta = r * 3.5 * numpy.pi + 2 * numpy.pi * c / n_classes
        xs.append(numpy.stack([r * numpy.sin(theta), r * numpy.cos(theta)], axis=1))
        ts.append(numpy.full(m, c))
    return _dataset(numpy.concatenate(xs), numpy.concatenate(ts), noise, rng)


def get_moons(n=300, noise=0.1, seed=0):
    """Two interleaving half circles (scikit-learn's make_moons): class 0 the upper one."""
    n = _check("get_moons", n, noise)
    rng = numpy.random.RandomState(seed)
    n0, n1 = _split(n, 2)
    a, b = numpy.linspace(0, numpy.pi, n0), numpy.linspace(0, numpy.pi, n1)
    x = numpy.concatenate([numpy.stack([numpy.cos(a), numpy.sin(a)], 1),
                           numpy.stack([1 - numpy.cos(b), 0.5 - numpy.sin(b)], 1)])
    return _dataset(x, numpy.repeat([0, 1], [n0, n1]), noise, rng)


def get_circles(n=300, noise=0.05, seed=0, factor=0.5):
    """Two concentric circles (make_circles): class 0 the outer one of radius 1, class 1 the
    inner one of radius ``factor``."""
    n = _check("get_circles", n, noise)
    if not 0 < factor < 1:
        raise ValueError(f"get_circles: factor must be in (0, 1), got {factor!r}")
    rng = numpy.random.RandomState(seed)
    n0, n1 = _split(n, 2)
    a = numpy.linspace(0, 2 * numpy.pi, n0, endpoint=False)
    b = numpy.linspace(0, 2 * numpy.pi, n1, endpoint=False)
    x = numpy.concatenate([numpy.stack([numpy.cos(a), numpy.sin(a)], 1),
                           factor * numpy.stack([numpy.cos(b), numpy.sin(b)], 1)])
    return _dataset(x, numpy.repeat([0, 1], [n0, n1]), noise, rng)


def get_xor(n=300, noise=0.05, seed=0):
    """Points uniform in [-1, 1]^2; the label is 1 where x and y have different signs (before the
    noise is added)."""
    n = _check("get_xor", n, noise)
    rng = numpy.random.RandomState(seed)
    x = rng.uniform(-1., 1., (n, 2))
    return _dataset(x, (x[:, 0] * x[:, 1] < 0).astype(numpy.int32), noise, rng)


def get_blobs(n=300, noise=0.3, seed=0, centers=3):
    """Gaussian blobs of standard deviation ``noise`` around ``centers`` points on the circle of
    radius 1 (or around the given (k, 2) array of centres), one class per blob."""
    n = _check("get_blobs", n, noise)
    if numpy.isscalar(centers):
        k = int(centers)
        if k < 1:
            raise ValueError(f"get_blobs: centers must be >= 1, got {centers!r}")
        angle = 2 * numpy.pi * numpy.arange(k) / k
        centers = numpy.stack([numpy.cos(angle), numpy.sin(angle)], 1)
    centers = numpy.asarray(centers, dtype=numpy.float64)
    if centers.ndim != 2 or centers.shape[1] != 2:
        raise ValueError(f"get_blobs: centers must be a count or a (k, 2) array, got shape {centers.shape}")
    rng = numpy.random.RandomState(seed)
    counts = _split(n, len(centers))
    t = numpy.repeat(numpy.arange(len(centers)), counts)
    return _dataset(centers[t], t, noise, rng)

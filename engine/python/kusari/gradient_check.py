"""chainer.gradient_check over the engine's checks (kusari/testing/gradient_check.h).

``func`` is any Python callable taking Variables and returning a Variable or a tuple of them.
The check compares the analytic directional derivative along a random unit direction with its
central difference; a mismatch raises AssertionError (GradientCheckError) with the engine's
message.
"""
import numpy

from kusari._kusari import gradient_check as _engine

GradientCheckError = _engine.GradientCheckError


def _as_tuple(x):
    if x is None:
        return None
    if isinstance(x, (tuple, list)):
        return tuple(x)
    return (x,)


def _cast(arrays, dtype):
    if arrays is None:
        return None
    return tuple(None if a is None else
                 (numpy.asarray(a).astype(dtype) if dtype is not None and numpy.asarray(a).dtype.kind == "f"
                  else numpy.asarray(a)) for a in arrays)


def check_backward(func, x_data, y_grad, eps=1e-3, atol=1e-5, rtol=1e-4, dtype=None, no_grads=None):
    """``y_grad=None``: random output gradients (the engine's default). ``dtype`` casts the
    floating inputs and gradients (float64 makes the check tight); ``no_grads[i]`` holds input
    i constant."""
    _engine.check_backward(func, _cast(_as_tuple(x_data), dtype), _cast(_as_tuple(y_grad), dtype), float(eps),
                           float(atol), float(rtol), no_grads)


def check_double_backward(func, x_data, y_grad, x_grad_grad, params=(), params_grad_grad=(), eps=1e-3, atol=1e-4,
                          rtol=1e-3, no_grads=None, dtype=None):
    """The gradient of the first-order gradients along ``x_grad_grad`` (one per checked input)."""
    if params or params_grad_grad:
        raise NotImplementedError("check_double_backward: params are not supported; pass them as inputs")
    xs = _as_tuple(x_data)
    ggxs = _as_tuple(x_grad_grad)
    if no_grads is not None and ggxs is not None and len(ggxs) == len(xs):
        ggxs = tuple(g for g, constant in zip(ggxs, no_grads) if not constant)
    _engine.check_double_backward(func, _cast(xs, dtype), _cast(_as_tuple(y_grad), dtype), _cast(ggxs, dtype),
                                  float(eps), float(atol), float(rtol), no_grads)


def numerical_grad(f, inputs, grad_outputs, eps=1e-3):
    """Chainer's numerical_grad: ``f()`` reads the ``inputs`` arrays (changed in place while
    it runs, restored after) and returns its outputs; the gradients of
    sum_j <f()_j, grad_outputs_j> by central differences, in the inputs' dtypes."""
    if eps <= 0:
        raise ValueError("numerical_grad: eps must be positive")
    return tuple(_engine.numerical_grad(f, list(inputs), _as_tuple(grad_outputs), float(eps)))


def assert_allclose(x, y, atol=1e-5, rtol=1e-4, verbose=True):
    """chainer.testing.assert_allclose for arrays or Variables."""
    x = getattr(x, "array", x)
    y = getattr(y, "array", y)
    numpy.testing.assert_allclose(numpy.asarray(x), numpy.asarray(y), atol=atol, rtol=rtol, verbose=verbose)

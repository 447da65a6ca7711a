"""relu's backward (the "relu_grad" kernel, gy · (x > 0 ? 1 : 0) in one pass) has a vectorized path
for contiguous operands and the generic strided map otherwise: both give the same gradient, NaN from
above propagates, and the fused op is its own (masked) backward."""
import numpy as np

import kusari
import kusari.functions as F


def _relu_grad(x_array, transpose=False):
    x = kusari.Variable(x_array, requires_grad=True)
    h = F.transpose(x) if transpose else x
    F.sum(F.relu(h) * 3.0).backward()
    return x.grad


def test_contiguous_small_and_parallel_sizes():
    rng = np.random.RandomState(0)
    for shape in ((7,), (100, 1000), (300, 200)):  # serial path and the OpenMP path (> 32768)
        a = rng.standard_normal(shape).astype(np.float32)
        np.testing.assert_array_equal(_relu_grad(a), np.where(a > 0, 3.0, 0.0).astype(np.float32))


def test_strided_input_and_float64():
    rng = np.random.RandomState(1)
    a = rng.standard_normal((40, 30))
    np.testing.assert_array_equal(_relu_grad(a, transpose=True), np.where(a > 0, 3.0, 0.0))


def test_zero_and_nan_get_no_gradient():
    a = np.array([0.0, -0.0, np.nan, 1e-30, -1e-30], np.float32)
    np.testing.assert_array_equal(_relu_grad(a), np.array([0, 0, 0, 3, 0], np.float32))


def test_nan_from_above_propagates_where_x_is_not_positive():
    # One pass gy * (x > 0 ? 1 : 0) (the "relu_grad" kernel): a product, not a select, so a NaN or Inf
    # arriving from above stays visible where the mask is 0, as Chainer's gy * mask does.
    x = kusari.Variable(np.array([-1.0, 0.0, 2.0], np.float32), requires_grad=True)
    y = F.relu(x)
    y.grad = np.array([np.nan, np.inf, 5.0], np.float32)
    y.backward()
    np.testing.assert_array_equal(x.grad, np.array([np.nan, np.nan, 5.0], np.float32))


def test_strided_gradient_from_above():
    # The gradient reaching relu is a transposed view: the strided path of the fused kernel.
    rng = np.random.RandomState(2)
    a = rng.standard_normal((40, 30)).astype(np.float32)
    w = rng.standard_normal((30, 40)).astype(np.float32)
    x = kusari.Variable(a, requires_grad=True)
    F.sum(F.transpose(F.relu(x)) * w).backward()
    np.testing.assert_array_equal(x.grad, np.where(a > 0, w.T, 0.0).astype(np.float32))


def test_double_backward_through_the_fused_gradient():
    # d/dx of sum(grad(relu(x) * c)**2) is 0 (the mask is constant) while d/dc is 2 c (x > 0).
    a = np.array([-1.5, 0.5, 2.0])
    x = kusari.Variable(a, requires_grad=True)
    c = kusari.Variable(np.array([1.0, 3.0, -2.0]), requires_grad=True)
    y = F.relu(x) * c
    gx, = kusari.grad([y], [x], [np.ones(3)], enable_double_backprop=True)
    F.sum(gx * gx).backward()
    np.testing.assert_allclose(c.grad, np.where(a > 0, 2 * c.array, 0.0))
    assert x.grad is None or not np.any(x.grad)

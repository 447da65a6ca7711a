"""relu's backward mask (the "activation_step" kernel, x > 0 ? 1 : 0) has a vectorized path for
contiguous input and the generic strided map otherwise: both give the same gradient."""
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

"""float32 tanh runs through Eigen's vectorized packet math (device/cpu/vector_math.h): it must
match libm within a few ulp in every chunking path, pass NaN/Inf through, and leave float64 and
strided inputs on the exact scalar path."""
import math

import numpy as np

import kusari
import kusari.functions as F


def _check_close(x):
    y = F.tanh(x).array
    ref = np.tanh(x.astype(np.float64))
    assert y.dtype == np.float32 and y.shape == x.shape
    np.testing.assert_allclose(y, ref, rtol=1e-6, atol=1e-7)


def test_float32_small_chunked_and_parallel_sizes():
    rng = np.random.RandomState(0)
    for n in (1, 7, 4096, 4097, 40000):  # one partial chunk, exact chunk, two chunks, OpenMP path
        _check_close((rng.standard_normal(n) * 4).astype(np.float32))


def test_float32_full_range_and_saturation():
    _check_close(np.linspace(-30, 30, 100001, dtype=np.float32))
    _check_close(np.array([0.0, -0.0, 1e-30, -1e-30, 1e-4, 9.0, -9.0], np.float32))


def test_nan_and_inf_pass_through():
    x = np.array([np.nan, np.inf, -np.inf, 1.0] * 2000, np.float32)
    y = F.tanh(x).array
    assert np.isnan(y[0::4]).all()
    assert (y[1::4] == 1).all() and (y[2::4] == -1).all()


def test_strided_and_float64_inputs():
    rng = np.random.RandomState(1)
    a = rng.standard_normal((50, 60)).astype(np.float32)
    v = kusari.Variable(a)
    y = F.tanh(F.transpose(v)).array  # a non-contiguous view in the engine
    np.testing.assert_allclose(y, np.tanh(a.T.astype(np.float64)), rtol=1e-6, atol=1e-7)
    d = rng.standard_normal(5000)
    libm = np.array([math.tanh(v) for v in d])  # float64 stays on libm's tanh, bit for bit
    np.testing.assert_array_equal(F.tanh(d).array, libm)


def test_gradient_uses_the_same_values():
    x = kusari.Variable(np.linspace(-3, 3, 9000, dtype=np.float32), requires_grad=True)
    y = F.tanh(x)
    F.sum(y).backward()
    t = np.tanh(x.array.astype(np.float64))
    np.testing.assert_allclose(x.grad, 1 - t * t, rtol=1e-5, atol=1e-6)

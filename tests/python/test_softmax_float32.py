"""float32 softmax and softmax_cross_entropy over contiguous classes use Eigen's packet exp in
float (device/cpu/loss_kernels.cpp): they must match a float64 reference to float precision, give
exactly 0 for -inf logits, propagate NaN, and agree with the double path of (N, C, R) inputs."""
import numpy as np

import kusari
import kusari.functions as F


def _softmax64(x, axis=1):
    x = x.astype(np.float64)
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _cross_entropy64(x, t):
    x = x.astype(np.float64)
    m = x.max(axis=1, keepdims=True)
    lse = np.log(np.exp(x - m).sum(axis=1)) + m[:, 0]
    return np.mean(lse - x[np.arange(len(t)), t])


def test_matches_float64_for_many_class_counts_and_scales():
    rng = np.random.RandomState(0)
    for C in (1, 3, 16, 17, 1000, 10007):
        for scale in (0.1, 5.0, 60.0):
            x = (rng.standard_normal((7, C)) * scale).astype(np.float32)
            y = F.softmax(x).array
            assert y.dtype == np.float32
            # x - max is rounded in float (as in PyTorch): a relative error of half an ulp of
            # the difference, up to ~1.5e-5 for logits of a few hundred.
            np.testing.assert_allclose(y, _softmax64(x), rtol=max(2e-6, scale * 6e-7), atol=1e-9)
            t = rng.randint(0, C, size=7)
            loss = F.softmax_cross_entropy(x, t).array
            np.testing.assert_allclose(loss, _cross_entropy64(x, t), rtol=2e-6, atol=2e-6)


def test_minus_inf_logits_get_exactly_zero_and_nan_propagates():
    x = np.array([[0.0, -np.inf, 1.0, -200.0], [np.nan, 0.0, 1.0, 2.0]], np.float32)
    y = F.softmax(x).array
    assert y[0, 1] == 0.0 and y[0, 3] == 0.0
    np.testing.assert_allclose(y[0], _softmax64(x[:1])[0], rtol=2e-6, atol=1e-30)
    assert np.isnan(y[1]).all()
    loss = F.softmax_cross_entropy(x, np.array([0, 1]), reduce="no").array
    assert np.isfinite(loss[0]) and np.isnan(loss[1])


def test_class_axis_with_trailing_axes_agrees():
    rng = np.random.RandomState(1)
    x = rng.standard_normal((3, 50, 4)).astype(np.float32)  # R = 4: the strided double path
    y3 = F.softmax(x, axis=1).array
    y2 = F.softmax(np.ascontiguousarray(x.transpose(0, 2, 1)).reshape(12, 50)).array  # R = 1
    np.testing.assert_allclose(y3.transpose(0, 2, 1).reshape(12, 50), y2, rtol=2e-6, atol=1e-9)


def test_gradient_of_float32_cross_entropy():
    rng = np.random.RandomState(2)
    x = kusari.Variable(rng.standard_normal((20, 1000)).astype(np.float32), requires_grad=True)
    t = rng.randint(0, 1000, size=20)
    F.softmax_cross_entropy(x, t).backward()
    expect = _softmax64(x.array)
    expect[np.arange(20), t] -= 1
    np.testing.assert_allclose(x.grad, expect / 20, rtol=1e-5, atol=1e-9)

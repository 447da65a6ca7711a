"""kusari.gradient_check: the engine's numerical checks with Python callables."""
import numpy as np
import pytest

import kusari
import kusari.functions as F
from kusari import gradient_check


def detached(v):
    # The same values with no graph: a function using it hides a dependence from backprop.
    return kusari.Variable(v.array.copy())


def test_check_backward_passes_for_correct_functions():
    x = np.random.uniform(-1, 1, (3, 4))
    gy = np.random.randn(3, 4)
    gradient_check.check_backward(F.sin, x, gy, dtype=np.float64)
    y = np.random.uniform(-1, 1, (3, 4))
    gradient_check.check_backward(lambda a, b: (a * b + F.sin(a), F.exp(b)), (x, y), (gy, np.random.randn(3, 4)),
                                  dtype=np.float64)
    gradient_check.check_backward(lambda a: F.sum(a * a), x.astype(np.float32), None, atol=1e-3, rtol=1e-2)


def test_check_backward_fails_when_the_graph_misses_a_dependence():
    # y = x * x computed as x * (a constant copy of x): backprop gives x * gy, the truth 2x * gy.
    x = np.random.uniform(0.5, 1.5, (5,))
    with pytest.raises(AssertionError, match="check_backward failed"):
        gradient_check.check_backward(lambda a: a * detached(a), x, np.ones(5), dtype=np.float64)
    with pytest.raises(gradient_check.GradientCheckError):
        gradient_check.check_backward(lambda a: a * detached(a), x, np.ones(5), dtype=np.float64)


def test_no_grads_holds_an_input_constant():
    x = np.random.randn(4)
    c = np.random.randn(4)
    f = lambda a, b: a * detached(b) + F.sin(a)  # noqa: E731  wrong in b, right in a
    with pytest.raises(AssertionError):
        gradient_check.check_backward(f, (x, c), np.ones(4), dtype=np.float64)
    gradient_check.check_backward(f, (x, c), np.ones(4), dtype=np.float64, no_grads=[False, True])


def test_check_backward_rejects_a_grad_output_of_the_wrong_shape():
    x = np.random.randn(2, 3)
    with pytest.raises(AssertionError, match=r"grad_output 0 has shape \(3, 2\)"):
        gradient_check.check_backward(F.sin, x, np.ones((3, 2)), dtype=np.float64)


def test_errors_raised_by_the_function_reach_the_caller():
    def broken(a):
        raise KeyError("inside the function")
    with pytest.raises(KeyError, match="inside the function"):
        gradient_check.check_backward(broken, np.ones(2), np.ones(2))


def test_numerical_grad_matches_the_analytic_gradient_and_restores_inputs():
    x = np.random.uniform(-1, 1, (3, 2))
    w = np.random.randn(3, 2)
    gy = np.random.randn(3, 2)
    x0, w0 = x.copy(), w.copy()
    gx, gw = gradient_check.numerical_grad(lambda: (np.sin(x) * w,), (x, w), (gy,), eps=1e-4)
    np.testing.assert_allclose(gx, np.cos(x0) * w0 * gy, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(gw, np.sin(x0) * gy, rtol=1e-6, atol=1e-8)
    assert gx.dtype == np.float64
    np.testing.assert_array_equal(x, x0)
    np.testing.assert_array_equal(w, w0)
    # Through the engine's functions, in float32: the gradient of sum(exp(v)).
    v = np.random.uniform(-1, 1, 4).astype(np.float32)
    (gv,) = gradient_check.numerical_grad(lambda: F.sum(F.exp(kusari.Variable(v))), [v], [np.float32(1)], eps=1e-2)
    assert gv.dtype == np.float32
    np.testing.assert_allclose(gv, np.exp(v), rtol=1e-3)


def test_check_double_backward():
    x = np.random.uniform(-1, 1, (2, 3))
    gradient_check.check_double_backward(F.sin, x, np.random.randn(2, 3), np.random.randn(2, 3), dtype=np.float64)
    gradient_check.check_double_backward(lambda a, b: a * a * b, (x, np.random.randn(2, 3)), np.random.randn(2, 3),
                                         (np.random.randn(2, 3), np.random.randn(2, 3)), dtype=np.float64)
    # The hidden dependence also breaks the second-order check.
    with pytest.raises(AssertionError):
        gradient_check.check_double_backward(lambda a: a * a * detached(a), x, np.ones((2, 3)), np.ones((2, 3)),
                                             dtype=np.float64)

"""kusari.Variable from Python: NumPy views, operators, backward, errors naming the user's line."""
import numpy as np
import pytest

import kusari
import kusari.functions as F


def test_array_is_a_view_sharing_memory():
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    x = kusari.Variable(a)
    a[0, 0] = 42.0
    assert x.array[0, 0] == 42.0          # ndarray -> engine: no copy
    x.array[1, 2] = -1.0
    assert a[1, 2] == -1.0                # engine -> ndarray: no copy


def test_float64_stays_float64_and_operators_broadcast():
    a = np.random.randn(2, 3)
    b = np.random.randn(3)
    x = kusari.Variable(a)
    y = (x * b + 2.0) / 4 - x ** 2
    assert y.dtype == np.float64
    np.testing.assert_allclose(y.array, (a * b + 2.0) / 4 - a ** 2, rtol=1e-12)
    z = 1.0 - x
    np.testing.assert_allclose(z.array, 1.0 - a)
    assert (x * np.float32(2)).dtype == np.float64


def test_backward_matches_analytic_gradient():
    a = np.random.randn(4, 5).astype(np.float32)
    x = kusari.Variable(a)
    y = F.sum(x * x * 3.0)
    y.backward()
    np.testing.assert_allclose(x.grad, 6.0 * a, rtol=1e-5)
    x.cleargrad()
    assert x.grad is None


def test_grad_and_double_backprop():
    x = kusari.Variable(np.array([2.0]))
    y = x * x * x
    gx, = kusari.grad([y], [x], enable_double_backprop=True)
    np.testing.assert_allclose(gx.array, [12.0])
    ggx, = kusari.grad([gx], [x])
    np.testing.assert_allclose(ggx.array, [12.0])


def test_getitem_basic_and_integer_array():
    a = np.arange(24, dtype=np.float64).reshape(2, 3, 4)
    x = kusari.Variable(a)
    np.testing.assert_array_equal(x[1, :, ::-2].array, a[1, :, ::-2])
    np.testing.assert_array_equal(x[:, [2, 0]].array, a[:, [2, 0]])
    np.testing.assert_array_equal(x[None, ..., 1].array, a[None, ..., 1])
    F.sum(x[:, [2, 0, 2]]).backward()
    expected = np.zeros_like(a)
    expected[:, 0] = 1
    expected[:, 2] = 2
    np.testing.assert_array_equal(x.grad, expected)


def test_shape_error_is_a_value_error_naming_the_line():
    x = kusari.Variable(np.zeros((2, 3), np.float32))
    with pytest.raises(ValueError) as info:
        F.matmul(x, x)
    message = str(info.value)
    assert "(2, 3)" in message
    assert "test_variable.py" in message


def test_config_scopes():
    x = kusari.Variable(np.ones(3, np.float32))
    with kusari.no_backprop_mode():
        assert (x * 2).creator is None
        with kusari.force_backprop_mode():
            assert (x * 2).creator is not None
    with kusari.using_config("train", False):
        assert kusari.config.train is False
    assert kusari.config.train is True


def test_nodes_know_the_users_line():
    x = kusari.Variable(np.ones(3, np.float32))
    y = F.relu(x)
    file, line, function = y.creator.source
    assert file.endswith("test_variable.py")
    assert function == "test_nodes_know_the_users_line"


def _two_ops_per_line(x, n):
    out = []
    for _ in range(n):
        h = F.relu(x) * 2.0  # two nodes, one line
        out.append((h, h.creator.inputs[0].creator))
        out.append((F.exp(x), None))
    return out


def _one_op(x):
    return F.relu(x)


def test_node_locations_repeat_and_stay_apart():
    # Locations are cached per code object and instruction: a loop's repeats, two ops of one line and
    # two functions with the same instruction offset each still name their own line and function.
    import inspect
    x = kusari.Variable(np.ones(3, np.float32), requires_grad=True)
    first = inspect.getsourcelines(_two_ops_per_line)[1]
    nodes = _two_ops_per_line(x, 3)
    for (h, relu_node), (e, _) in zip(nodes[0::2], nodes[1::2]):
        assert h.creator.source[1:] == (first + 3, "_two_ops_per_line")
        assert relu_node.source[1:] == (first + 3, "_two_ops_per_line")
        assert e.creator.source[1:] == (first + 5, "_two_ops_per_line")
    assert _one_op(x).creator.source[1:] == (inspect.getsourcelines(_one_op)[1] + 1, "_one_op")
    line = inspect.currentframe().f_lineno + 1
    y = F.relu(x)
    assert y.creator.source == (__file__, line, "test_node_locations_repeat_and_stay_apart")


def test_python_function_hook_sees_ops():
    seen = []

    class Recorder(kusari.FunctionHook):
        def forward_preprocess(self, function, in_data):
            seen.append((function.label, in_data[0].shape))

    x = kusari.Variable(np.ones((2, 2), np.float32))
    with Recorder():
        F.relu(x)
    assert seen == [("relu", (2, 2))]


def test_debug_mode_names_the_op_that_made_nan():
    x = kusari.Variable(np.array([-1.0, 1.0], np.float32))
    with kusari.using_config("debug", True):
        with pytest.raises(ValueError) as info:
            F.log(x)
    assert "log" in str(info.value)
    assert "NaN" in str(info.value)


def test_backward_never_writes_into_a_grad_array_the_user_holds():
    # Gradients are summed in place only into arrays nobody else can see.
    x = kusari.Variable(np.ones(3, dtype=np.float32))
    mine = np.full(3, 10.0, dtype=np.float32)
    x.grad = mine                     # the engine borrows this memory
    F.sum(x * 2.0).backward()
    np.testing.assert_array_equal(mine, np.full(3, 10.0, dtype=np.float32))
    np.testing.assert_array_equal(x.grad, np.full(3, 12.0, dtype=np.float32))
    view = x.grad                     # a view of the engine's array
    F.sum(x * 3.0).backward()
    np.testing.assert_array_equal(view, np.full(3, 12.0, dtype=np.float32))
    np.testing.assert_array_equal(x.grad, np.full(3, 15.0, dtype=np.float32))
    del view
    F.sum(x * 1.0).backward()         # now unshared: summed in place, same values either way
    np.testing.assert_array_equal(x.grad, np.full(3, 16.0, dtype=np.float32))


def test_arrays_passed_to_functions_are_constants():
    # Chainer's as_variable: an ndarray argument is wrapped without requires_grad, so backward
    # computes no gradient for a data batch; an explicit Variable(x) still requires grad.
    import kusari.links as L
    layer = L.Linear(3, 2)
    batch = np.ones((4, 3), np.float32)
    y = layer(batch)
    assert y.creator.inputs[0].requires_grad is False
    assert kusari.Variable(batch).requires_grad is True
    F.sum(y).backward()
    np.testing.assert_allclose(layer.W.grad, np.full((2, 3), 4.0))
    z = F.matmul(batch, np.ones((3, 1), np.float32))
    assert z.creator is None  # two constants: nothing to differentiate, no node recorded

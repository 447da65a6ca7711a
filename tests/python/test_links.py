"""Chainer's model-building API from Python: Link/Chain/ChainList/Sequential subclasses,
init_scope registration, lazy links, Classifier training, link paths on graph nodes."""
import numpy as np
import pytest

import kusari as chainer
import kusari.functions as F
import kusari.links as L


class MLP(chainer.Chain):
    def __init__(self, n_units=8, n_out=3):
        super().__init__()
        with self.init_scope():
            self.l1 = L.Linear(None, n_units)
            self.l2 = L.Linear(n_units, n_out)

    def forward(self, x):
        return self.l2(F.relu(self.l1(x)))


class Affine(chainer.Link):
    """A link with its own Parameters, written in Python."""

    def __init__(self, n):
        super().__init__()
        with self.init_scope():
            self.a = chainer.Parameter(np.full((n,), 2.0, np.float32))
            self.c = chainer.Parameter(chainer.initializers.Constant(1.0), (n,))
        self.not_registered = chainer.Parameter(np.zeros(1, np.float32))

    def forward(self, x):
        return x * self.a + self.c


def blobs(n=60, seed=0):
    rng = np.random.RandomState(seed)
    centers = np.array([[2, 0], [-2, 2], [0, -2]], np.float32)
    t = rng.randint(0, 3, n).astype(np.int32)
    x = centers[t] + 0.4 * rng.randn(n, 2).astype(np.float32)
    return x, t


def test_init_scope_registers_links_and_parameters_with_chainer_paths():
    m = MLP()
    names = [n for n, _ in m.namedparams()]
    assert names == ["/l1/W", "/l1/b", "/l2/W", "/l2/b"]
    assert [n for n, _ in m.namedlinks()] == ["/", "/l1", "/l2"]
    assert [n for n, _ in m.namedlinks(skipself=True)] == ["/l1", "/l2"]
    assert m.children()[0] is m.l1 and m.l1.name == "l1" and m.name is None
    assert isinstance(m.l1, chainer.Link) and m["l2"] is m.l2
    a = Affine(3)
    assert [n for n, _ in a.namedparams()] == ["/a", "/c"]      # outside init_scope: not registered
    np.testing.assert_array_equal(a.c.array, np.ones(3, np.float32))
    y = a(np.arange(3, dtype=np.float32))
    np.testing.assert_allclose(y.array, np.arange(3) * 2.0 + 1.0)


def test_add_param_add_link_and_count_params():
    m = chainer.Chain()
    m.add_link("fc", L.Linear(4, 2))
    m.add_param("scale", (2,), initializer=3.0)
    m.add_param("lazy")
    assert m.lazy.array is None and not m.lazy.is_initialized
    assert [n for n, _ in m.namedparams(include_uninit=False)] == ["/scale", "/fc/W", "/fc/b"]
    assert m.count_params() == 2 + 4 * 2 + 2
    np.testing.assert_array_equal(m.scale.array, [3.0, 3.0])
    m.lazy.initialize((5,))
    assert m.lazy.shape == (5,)


def test_lazy_linear_initializes_on_first_call():
    l = L.Linear(4)
    assert l.W.array is None and l.in_size is None and l.b.shape == (4,)
    x = np.random.randn(2, 3, 2).astype(np.float32)   # flattened to (2, 6)
    y = l(x)
    assert l.W.shape == (4, 6) and y.shape == (2, 4)
    np.testing.assert_allclose(y.array, x.reshape(2, 6) @ l.W.array.T + l.b.array, rtol=1e-5, atol=1e-6)


def test_linear_initializers_array_scalar_and_callable():
    W = np.arange(6, dtype=np.float32).reshape(2, 3)
    l = L.Linear(3, 2, initialW=W, initial_bias=0.5)
    np.testing.assert_array_equal(l.W.array, W)
    np.testing.assert_array_equal(l.b.array, [0.5, 0.5])
    calls = []

    def fill(a):
        calls.append(a.shape)
        a[...] = 7

    l2 = L.Linear(None, 2, initialW=fill, nobias=True)
    assert l2.b is None
    l2(np.ones((1, 5), np.float32))
    assert calls == [(2, 5)] and (l2.W.array == 7).all()
    l3 = L.Linear(3, 2, initialW=chainer.initializers.Zero())
    assert (l3.W.array == 0).all()


def test_python_initializer_subclass():
    class Ramp(chainer.initializers.Initializer):
        def __call__(self, array):
            array[...] = np.arange(array.size).reshape(array.shape)

    l = L.Linear(None, 2, initialW=Ramp())
    l(np.ones((1, 3), np.float32))
    np.testing.assert_array_equal(l.W.array, np.arange(6).reshape(2, 3))


def test_classifier_over_python_chain_trains():
    chainer.seed(0)
    x, t = blobs()
    model = L.Classifier(MLP())
    opt = chainer.optimizers.Adam(alpha=0.05)
    opt.setup(model)
    first = float(model(x, t).array)
    for _ in range(60):
        opt.update(model, x, t)
    loss = model(x, t)
    assert float(loss.array) < 0.5 * first
    assert float(model.accuracy.array) > 0.9
    assert model.y.shape == (60, 3)
    assert [n for n, _ in model.namedparams()][0] == "/predictor/l1/W"


def test_classifier_python_lossfun_and_compute_accuracy():
    seen = []

    def lossfun(y, t):
        seen.append((y.shape, t.dtype))
        return F.mean_squared_error(y, t)

    model = L.Classifier(L.Linear(2, 2), lossfun=lossfun)
    model.compute_accuracy = False
    x = np.ones((3, 2), np.float32)
    loss = model(x, np.zeros((3, 2), np.float32))
    assert seen == [((3, 2), np.float32)] and model.accuracy is None
    np.testing.assert_allclose(loss.array, np.mean(model.y.array ** 2), rtol=1e-6)


def test_graph_nodes_carry_link_paths():
    m = MLP()
    y = m(np.ones((2, 4), np.float32))
    assert y.creator.link_path == "l2"
    model = L.Classifier(MLP())
    model(np.ones((2, 4), np.float32), np.zeros(2, np.int32))
    assert model.y.creator.link_path == "predictor/l2"
    paths = set()
    node = model.y.creator
    stack = [node]
    while stack:
        n = stack.pop()
        paths.add(n.link_path)
        stack.extend(v.creator for v in n.inputs if v.creator is not None)
    assert {"predictor/l1", "predictor/l2"} <= paths


def test_chain_list_append_index_len_iter():
    cl = chainer.ChainList(L.Linear(2, 3), L.Linear(3, 4))
    cl.append(Affine(4))
    assert len(cl) == 3 and isinstance(cl[2], Affine) and cl[-1] is cl[2]
    assert [type(c) for c in cl] == [L.Linear, L.Linear, Affine]
    assert [n for n, _ in cl.namedparams()] == ["/0/W", "/0/b", "/1/W", "/1/b", "/2/a", "/2/c"]
    with pytest.raises(IndexError):
        cl[3]

    class Stack(chainer.ChainList):
        def __init__(self):
            super().__init__(L.Linear(2, 2), L.Linear(2, 1))

        def forward(self, x):
            for link in self:
                x = link(x)
            return x

    s = Stack()
    y = s(np.ones((5, 2), np.float32))
    assert y.shape == (5, 1) and y.creator.link_path == "1"


def test_sequential_mixes_cpp_links_python_links_and_functions():
    seq = chainer.Sequential(L.Linear(2, 3), F.relu, Affine(3), lambda h: h * 2.0)
    assert len(seq) == 4 and seq[1] is F.relu
    assert [n for n, _ in seq.namedparams()] == ["/0/W", "/0/b", "/1/a", "/1/c"]
    x = np.random.randn(4, 2).astype(np.float32)
    y = seq(x)
    l0, aff = seq[0], seq[2]
    h = np.maximum(x @ l0.W.array.T + l0.b.array, 0)
    np.testing.assert_allclose(y.array, (h * 2 + 1) * 2, rtol=1e-5)
    # The Python link inside the C++ Sequential runs in its path scope.
    model = L.Classifier(seq)
    model(x, np.zeros(4, np.int32))
    assert model.y.creator.link_path == "predictor"
    assert model.y.creator.inputs[0].creator.link_path == "predictor/1"


def test_cleargrads_zerograds_copyparams_and_update_switches():
    a, b = MLP(), MLP()
    x = np.ones((2, 4), np.float32)
    a(x), b(x)
    F.sum(a(x)).backward()
    assert a.l1.W.grad is not None
    a.cleargrads()
    assert all(p.grad is None for p in a.params())
    a.zerograds()
    assert all((p.grad == 0).all() for p in a.params())
    b.copyparams(a)
    for (n, p), (_, q) in zip(a.namedparams(), b.namedparams()):
        np.testing.assert_array_equal(p.array, q.array)
    a.disable_update()
    assert not a.update_enabled
    a.l2.enable_update()
    assert a.update_enabled


def test_device_methods():
    m = MLP()
    assert m.to_cpu() is m and m.to_device("cpu") is m and m.xp is np
    with pytest.raises(RuntimeError, match="cuda"):
        m.to_device("cuda:0")


def test_wrong_input_shape_names_the_shapes():
    l = L.Linear(3, 2)
    with pytest.raises(ValueError) as e:
        l(np.ones((4, 5), np.float32))
    msg = str(e.value)
    assert "(4, 5)" in msg and "(2, 3)" in msg


def test_parameter_update_rule_after_setup():
    m = MLP()
    opt = chainer.optimizers.MomentumSGD(lr=0.1)
    opt.setup(m)
    rule = m.l2.W.update_rule
    assert rule is not None and rule.t == 0 and rule.state == {}
    m(np.ones((1, 4), np.float32))
    F.sum(m(np.ones((1, 4), np.float32))).backward()
    opt.update()
    assert m.l2.W.update_rule.t == 1 and m.l2.W.update_rule.state["v"].shape == (3, 8)


def test_python_links_held_only_by_cpp_containers_stay_alive():
    import gc
    seq = chainer.Sequential(Affine(2))
    model = L.Classifier(MLP())
    opt = chainer.optimizers.SGD()
    opt.setup(chainer.ChainList(Affine(2)))
    gc.collect()
    np.testing.assert_allclose(seq(np.ones((1, 2), np.float32)).array, [[3.0, 3.0]])
    assert model(np.ones((2, 4), np.float32), np.zeros(2, np.int32)).shape == ()
    assert isinstance(opt.target[0], Affine)


def test_user_serialize_override_and_register_persistent(tmp_path):
    class Tagged(chainer.Chain):
        def __init__(self):
            super().__init__()
            with self.init_scope():
                self.fc = L.Linear(2, 2)
            self.step = 0.0
            self.register_persistent("step")
            self.note = 1

        def serialize(self, serializer):
            super().serialize(serializer)
            self.note = serializer("note", self.note)

    a = Tagged()
    a.step, a.note = 2.5, 7
    path = tmp_path / "tagged.npz"
    chainer.serializers.save_npz(path, L.Classifier(a))
    with np.load(path) as f:
        assert {"predictor/fc/W", "predictor/step", "predictor/note"} <= set(f.files)
    b = Tagged()
    chainer.serializers.load_npz(path, b, path="predictor/")
    assert (b.step, b.note) == (2.5, 7)


def test_chain_keyword_form_registers_children():
    class Old(chainer.Chain):
        def __init__(self):
            super().__init__(l1=L.Linear(2, 3), l2=L.Linear(3, 1))

        def forward(self, x):
            return self.l2(self.l1(x))

    m = Old()
    assert [n for n, _ in m.namedparams()] == ["/l1/W", "/l1/b", "/l2/W", "/l2/b"]
    assert m(np.ones((4, 2), np.float32)).shape == (4, 1)
    with pytest.raises(AttributeError):
        m.l3


def test_chain_defining_call_instead_of_forward_works_under_cpp_links():
    class OldStyle(chainer.Chain):
        def __init__(self):
            super().__init__()
            with self.init_scope():
                self.fc = L.Linear(2, 3)

        def __call__(self, x):
            return self.fc(x)

    model = L.Classifier(OldStyle())
    loss = model(np.ones((4, 2), np.float32), np.zeros(4, np.int32))
    assert loss.shape == () and model.y.creator.link_path == "predictor/fc"
    assert chainer.Sequential(OldStyle())(np.ones((1, 2), np.float32)).shape == (1, 3)

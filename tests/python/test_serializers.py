"""save_npz / load_npz from Python: Chainer's key layout readable by numpy.load, restoring
into fresh models, path= prefixes, strict errors, persistents and optimizer state."""
import io

import numpy as np
import pytest

import kusari as chainer
import kusari.functions as F
import kusari.links as L


class MLP(chainer.Chain):
    def __init__(self, with_l2=True):
        super().__init__()
        with self.init_scope():
            self.l1 = L.Linear(None, 4)
            if with_l2:
                self.l2 = L.Linear(4, 3)

    def forward(self, x):
        h = self.l1(x)
        return self.l2(F.relu(h)) if hasattr(self, "l2") else h


class Counter(chainer.Chain):
    """Python persistents: a scalar rebound in forward, an array changed in place."""

    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.fc = L.Linear(2, 2)
            self.bn = L.BatchNormalization(2)
        self.add_persistent("count", 0)
        self.add_persistent("hist", np.zeros(3, np.float32))

    def forward(self, x):
        self.count += 1
        self.hist[self.count % 3] += 1
        return self.bn(self.fc(x))


def trained_classifier():
    model = L.Classifier(MLP())
    model(np.random.randn(5, 6).astype(np.float32), np.zeros(5, np.int32))
    return model


def test_save_npz_writes_chainer_keys(tmp_path):
    model = trained_classifier()
    path = tmp_path / "model.npz"
    chainer.serializers.save_npz(str(path), model)
    with np.load(path) as f:
        assert sorted(f.files) == ["predictor/l1/W", "predictor/l1/b", "predictor/l2/W", "predictor/l2/b"]
        np.testing.assert_array_equal(f["predictor/l1/W"], model.predictor.l1.W.array)
        np.testing.assert_array_equal(f["predictor/l2/b"], model.predictor.l2.b.array)


def test_load_npz_restores_into_a_fresh_model(tmp_path):
    model = trained_classifier()
    path = tmp_path / "model.npz"
    chainer.serializers.save_npz(path, model, compression=False)
    fresh = L.Classifier(MLP())      # l1 is lazy: loading allocates it
    assert fresh.predictor.l1.W.array is None
    chainer.serializers.load_npz(path, fresh)
    for (n, p), (m, q) in zip(model.namedparams(), fresh.namedparams()):
        assert n == m
        np.testing.assert_array_equal(p.array, q.array)
    x = np.random.randn(2, 6).astype(np.float32)
    np.testing.assert_allclose(fresh.predictor(x).array, model.predictor(x).array)


def test_load_npz_path_prefix_and_ignore_names(tmp_path):
    model = trained_classifier()
    path = tmp_path / "model.npz"
    chainer.serializers.save_npz(path, model)
    bare = MLP()
    bare(np.zeros((1, 6), np.float32))
    keep = bare.l2.b.array.copy()
    chainer.serializers.load_npz(path, bare, path="predictor/", ignore_names=["l2/b"])
    np.testing.assert_array_equal(bare.l1.W.array, model.predictor.l1.W.array)
    np.testing.assert_array_equal(bare.l2.b.array, keep)


def test_strict_load_names_the_missing_key(tmp_path):
    small = MLP(with_l2=False)
    small(np.zeros((1, 6), np.float32))
    path = tmp_path / "small.npz"
    chainer.serializers.save_npz(path, small)
    big = MLP()
    with pytest.raises(ValueError, match="l2/W"):
        chainer.serializers.load_npz(path, big)
    big2 = MLP()
    chainer.serializers.load_npz(path, big2, strict=False)
    np.testing.assert_array_equal(big2.l1.W.array, small.l1.W.array)


def test_persistents_python_and_cpp_round_trip(tmp_path):
    c = Counter()
    for _ in range(4):
        c(np.random.randn(3, 2).astype(np.float32))
    path = tmp_path / "counter.npz"
    chainer.serializers.save_npz(path, c)
    with np.load(path) as f:
        assert {"count", "hist", "bn/avg_mean", "bn/avg_var", "bn/N", "fc/W"} <= set(f.files)
        assert float(f["count"]) == 4
    fresh = Counter()
    chainer.serializers.load_npz(path, fresh)
    assert fresh.count == 4 and isinstance(fresh.count, int)
    np.testing.assert_array_equal(fresh.hist, c.hist)
    np.testing.assert_array_equal(fresh.bn.avg_mean, c.bn.avg_mean)
    assert fresh.bn.N == c.bn.N


def test_optimizer_state_round_trip(tmp_path):
    model = trained_classifier()
    opt = chainer.optimizers.Adam()
    opt.setup(model)
    x, t = np.random.randn(5, 6).astype(np.float32), np.zeros(5, np.int32)
    for _ in range(3):
        opt.update(model, x, t)
    path = tmp_path / "opt.npz"
    chainer.serializers.save_npz(path, opt)
    with np.load(path) as f:
        assert float(f["t"]) == 3
        assert {"predictor/l1/W/m", "predictor/l1/W/v", "predictor/l1/W/t"} <= set(f.files)
        m_saved = f["predictor/l1/W/m"]
    opt2 = chainer.optimizers.Adam()
    opt2.setup(model)
    chainer.serializers.load_npz(path, opt2)
    assert opt2.t == 3
    np.testing.assert_array_equal(model.predictor.l1.W.update_rule.state["m"], m_saved)


def test_file_objects():
    model = trained_classifier()
    buf = io.BytesIO()
    chainer.serializers.save_npz(buf, model)
    buf.seek(0)
    assert "predictor/l1/W" in np.load(io.BytesIO(buf.getvalue())).files
    fresh = L.Classifier(MLP())
    chainer.serializers.load_npz(buf, fresh)
    np.testing.assert_array_equal(fresh.predictor.l2.W.array, model.predictor.l2.W.array)

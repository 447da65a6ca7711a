"""Trainer snapshots: save_npz of the whole trainer in Chainer's key layout, autoload resume at
the right iteration with identical optimizer and model state, snapshot_object, n_retains, and
load_npz(path='updater/model:main/') restoring a model from a trainer snapshot."""
import json

import numpy as np
import pytest

import kusari
import kusari.links as L
from kusari import serializers
from kusari.training import extensions
from training_support import MLP, make_trainer


def _params(model):
    return {name: np.array(p.array) for name, p in model.namedparams()}


def _npz(path):
    with np.load(path) as f:
        return {k: np.array(f[k]) for k in f.files}


def _assert_same(a, b):
    assert sorted(a) == sorted(b)
    for k in a:
        np.testing.assert_array_equal(a[k], b[k], err_msg=k)


def _first_run(out):
    trainer, model = make_trainer(out, epochs=2)
    trainer.extend(extensions.snapshot(), trigger=(1, "epoch"))
    trainer.extend(extensions.LogReport())
    trainer.run()
    return trainer, model


def test_snapshot_files_and_key_layout(tmp_path):
    trainer, model = _first_run(tmp_path)
    assert sorted(p.name for p in tmp_path.glob("snapshot_iter_*")) == ["snapshot_iter_12", "snapshot_iter_6"]
    keys = _npz(tmp_path / "snapshot_iter_12")
    assert int(keys["updater/iteration"]) == 12
    assert "updater/model:main/predictor/l1/W" in keys and "updater/model:main/predictor/l2/b" in keys
    assert any(k.startswith("updater/optimizer:main/") for k in keys)
    assert any(k.startswith("updater/iterator:main/") for k in keys)
    assert any(k.startswith("extensions/LogReport/") for k in keys)
    np.testing.assert_array_equal(keys["updater/model:main/predictor/l1/W"], model.predictor.l1.W.array)


def test_autoload_resumes_at_the_snapshot_iteration_with_identical_state(tmp_path):
    first, first_model = _first_run(tmp_path)
    serializers.save_npz(tmp_path / "optimizer_after_first_run.npz", first.updater.get_optimizer())

    trainer, model = make_trainer(tmp_path, epochs=3, seed=123)  # other initial weights
    trainer.extend(extensions.snapshot(autoload=True), trigger=(1, "epoch"))
    trainer.extend(extensions.LogReport())
    at_start = {}

    def probe(t):
        at_start.setdefault("iteration", t.updater.iteration)
        at_start.setdefault("params", _params(model))
        serializers.save_npz(tmp_path / "optimizer_at_resume.npz", t.updater.get_optimizer())
    trainer.extend(probe, name="probe", trigger=(10 ** 6, "iteration"), call_before_training=True)
    trainer.run()

    assert at_start["iteration"] == 12
    _assert_same(at_start["params"], _params(first_model))
    _assert_same(_npz(tmp_path / "optimizer_at_resume.npz"), _npz(tmp_path / "optimizer_after_first_run.npz"))
    assert trainer.updater.iteration == 18 and trainer.updater.epoch == 3
    log = json.loads((tmp_path / "log").read_text())  # the log came back with the snapshot
    assert [e["iteration"] for e in log] == [6, 12, 18]
    assert log[2]["elapsed_time"] >= log[1]["elapsed_time"]


def test_n_retains_keeps_the_newest(tmp_path):
    trainer, _ = make_trainer(tmp_path, epochs=3)
    trainer.extend(extensions.snapshot(n_retains=1), trigger=(1, "epoch"))
    trainer.run()
    assert [p.name for p in tmp_path.glob("snapshot_iter_*")] == ["snapshot_iter_18"]
    assert not list(tmp_path.glob("tmp*"))


def test_snapshot_object_saves_the_model_alone(tmp_path):
    trainer, model = make_trainer(tmp_path, epochs=1)
    trainer.extend(extensions.snapshot_object(model, "model_iter_{.updater.iteration}"), trigger=(3, "iteration"))
    trainer.run()
    assert sorted(p.name for p in tmp_path.glob("model_iter_*")) == ["model_iter_3", "model_iter_6"]
    restored = L.Classifier(MLP())
    serializers.load_npz(tmp_path / "model_iter_6", restored)
    _assert_same(_params(restored), _params(model))


def test_load_npz_restores_a_model_from_a_trainer_snapshot(tmp_path):
    _, model = _first_run(tmp_path)
    restored = L.Classifier(MLP())
    serializers.load_npz(tmp_path / "snapshot_iter_12", restored, path="updater/model:main/")
    _assert_same(_params(restored), _params(model))
    x = np.random.RandomState(0).randn(5, 4).astype(np.float32)
    with kusari.no_backprop_mode():
        np.testing.assert_array_equal(restored.predictor(x).array, model.predictor(x).array)


def test_load_npz_into_a_trainer_with_the_resume_flag_pattern(tmp_path):
    _first_run(tmp_path)
    trainer, model = make_trainer(tmp_path / "second", epochs=3, seed=7)
    serializers.load_npz(tmp_path / "snapshot_iter_6", trainer)
    assert trainer.updater.iteration == 6
    assert trainer.updater.epoch == 1
    trainer.run()
    assert trainer.updater.iteration == 18


def test_autoload_without_snapshots_starts_fresh(tmp_path):
    trainer, _ = make_trainer(tmp_path, epochs=1)
    trainer.extend(extensions.snapshot(autoload=True))
    trainer.run()
    assert trainer.updater.iteration == 6
    with pytest.raises(Exception):
        serializers.load_npz(tmp_path / "missing", trainer)

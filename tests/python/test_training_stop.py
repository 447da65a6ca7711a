"""Stopping a Trainer at an iteration boundary (trainer.stop(), a host's stop poll), resuming it
with run(), and the metrics sink through which a host sees every iteration's observation."""
import numpy as np
import pytest

import kusari
from kusari import serializers, training
from kusari.training import extensions, metrics
from training_support import make_trainer, validation_iterator

ITERS_PER_EPOCH = 6  # 120 examples, batches of 20


@pytest.fixture(autouse=True)
def no_hooks():
    yield
    training.set_metrics_sink(None)
    training.set_stop_poll(None)


def stop_at(iteration):
    @training.make_extension(trigger=(1, "iteration"))
    def stopper(trainer):
        if trainer.updater.iteration == iteration:
            trainer.stop()
    return stopper


def test_stop_from_extension_then_resume(tmp_path, capsys):
    trainer, model = make_trainer(tmp_path, epochs=3)
    trainer.extend(stop_at(8))
    trainer.run()
    assert trainer.updater.iteration == 8 and trainer.is_stopped
    out = capsys.readouterr().out
    assert "Training stopped at iteration 8" in out and "trainer.run() to resume" in out
    snapshot = tmp_path / "snapshot_iter_8"
    assert snapshot.exists()  # no snapshot extension: the default trainer snapshot
    restored = kusari.links.Classifier(type(model.predictor)())
    restored(np.zeros((1, 4), np.float32), np.zeros(1, np.int32))  # materialise lazy weights
    serializers.load_npz(str(snapshot), restored, path="updater/model:main/")
    np.testing.assert_array_equal(restored.predictor.l1.W.array, model.predictor.l1.W.array)
    elapsed = trainer.elapsed_time
    assert elapsed > 0
    weights = model.predictor.l1.W.array.copy()

    trainer.run()  # resumes: the stopper no longer fires after iteration 8
    assert trainer.updater.iteration == 3 * ITERS_PER_EPOCH and not trainer.is_stopped
    assert trainer.elapsed_time > elapsed
    assert not np.array_equal(model.predictor.l1.W.array, weights)  # it kept training
    with pytest.raises(RuntimeError):
        trainer.run()  # finished for good


def test_stop_uses_the_trainers_snapshot_extension(tmp_path):
    trainer, _ = make_trainer(tmp_path, epochs=2)
    trainer.extend(extensions.snapshot(filename="snap_{.updater.iteration}"), trigger=(100, "epoch"))
    trainer.extend(stop_at(3))
    trainer.run()
    assert (tmp_path / "snap_3").exists() and not (tmp_path / "snapshot_iter_3").exists()


def test_stop_poll_stops_at_an_iteration_boundary(tmp_path):
    trainer, _ = make_trainer(tmp_path, epochs=3)
    polls = []

    def poll():
        polls.append(trainer.updater.iteration)
        return len(polls) == 5

    training.set_stop_poll(poll)
    trainer.run()
    assert trainer.updater.iteration == 5 and polls == [1, 2, 3, 4, 5]
    training.set_stop_poll(None)
    trainer.run()
    assert trainer.updater.iteration == 3 * ITERS_PER_EPOCH


def test_metrics_sink_sees_every_iteration(tmp_path):
    trainer, model = make_trainer(tmp_path, epochs=2)
    trainer.extend(extensions.Evaluator(validation_iterator(), model))
    trainer.extend(extensions.observe_lr(), trigger=(1, "iteration"))
    seen, flushes = [], []

    class Sink:
        def __call__(self, t, iteration, epoch, values):
            assert t is trainer
            seen.append((iteration, epoch, values))

        def flush(self):
            flushes.append(len(seen))

    training.set_metrics_sink(Sink())
    trainer.run()
    assert [s[0] for s in seen] == list(range(1, 2 * ITERS_PER_EPOCH + 1))
    assert seen[2][1] == pytest.approx(3 / ITERS_PER_EPOCH)
    assert all(isinstance(v, float) for _, _, values in seen for v in values.values())
    assert {"main/loss", "main/accuracy", "lr"} <= set(seen[0][2])
    with_validation = [s[0] for s in seen if "validation/main/loss" in s[2]]
    assert with_validation == [ITERS_PER_EPOCH, 2 * ITERS_PER_EPOCH]  # the Evaluator's epochs
    assert seen[0][2]["lr"] > 0
    assert flushes == [len(seen)]


def test_failing_sink_is_removed_and_training_goes_on(tmp_path, capsys):
    trainer, _ = make_trainer(tmp_path, epochs=1)

    def broken(*args):
        raise ValueError("boom")

    training.set_metrics_sink(broken)
    trainer.run()
    assert trainer.updater.iteration == ITERS_PER_EPOCH
    assert metrics.get_metrics_sink() is None
    assert "boom" in capsys.readouterr().err


def test_scalar_values_keeps_scalars_only():
    values = metrics.scalar_values({"a": 1, "b": np.float32(2.5), "c": kusari.Variable(np.array(3., np.float32)),
                                    "d": np.zeros(3), "e": "text", "f": True})
    assert values == {"a": 1.0, "b": 2.5, "c": 3.0}

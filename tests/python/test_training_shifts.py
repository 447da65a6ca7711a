"""Hyperparameter schedules on a real optimizer over the iterations of a run: ExponentialShift,
LinearShift, StepShift, WarmupShift (values against formulas written here), observe_lr."""
import pytest

import kusari
from kusari.training import extensions
from training_support import make_trainer


def _lr_per_iteration(tmp_path, shift, iterations=8, optimizer=None):
    """optimizer.lr seen by each update (recorded before it) and after the run."""
    optimizer = optimizer or kusari.optimizers.SGD(lr=0.1)
    trainer, _ = make_trainer(tmp_path, optimizer=optimizer, stop_trigger=(iterations, "iteration"))
    seen = []
    update = trainer.updater.update

    def recording_update():
        seen.append(optimizer.lr)
        update()
    trainer.updater.update = recording_update
    trainer.extend(shift)
    trainer.run()
    return seen, optimizer.lr


def test_exponential_shift(tmp_path):
    seen, _ = _lr_per_iteration(tmp_path, extensions.ExponentialShift("lr", 0.5))
    assert seen == pytest.approx([0.1 * 0.5 ** i for i in range(8)])


def test_exponential_shift_stops_at_target_and_uses_init(tmp_path):
    seen, _ = _lr_per_iteration(tmp_path, extensions.ExponentialShift("lr", 2., init=0.01, target=0.05))
    assert seen == pytest.approx([0.01, 0.02, 0.04, 0.05, 0.05, 0.05, 0.05, 0.05])


def test_exponential_shift_every_other_iteration(tmp_path):
    shift = extensions.ExponentialShift("lr", 0.1)
    optimizer = kusari.optimizers.SGD(lr=1.)
    trainer, _ = make_trainer(tmp_path, optimizer=optimizer, stop_trigger=(6, "iteration"))
    trainer.extend(shift, trigger=(2, "iteration"))
    trainer.run()
    assert optimizer.lr == pytest.approx(1e-3)


def test_linear_shift(tmp_path):
    seen, last = _lr_per_iteration(tmp_path, extensions.LinearShift("lr", (0.1, 0.5), (2, 6)))
    expected = [0.1 if t <= 2 else 0.5 if t >= 6 else 0.1 + (t - 2) / 4 * 0.4 for t in range(8)]
    assert seen == pytest.approx(expected)
    assert last == pytest.approx(0.5)


def test_step_shift(tmp_path):
    seen, _ = _lr_per_iteration(tmp_path, extensions.StepShift("lr", 0.5, 3))
    assert seen == pytest.approx([0.1 * 0.5 ** (t // 3) for t in range(8)])


def test_warmup_shift(tmp_path):
    seen, last = _lr_per_iteration(tmp_path, extensions.WarmupShift("lr", 0.01, 4))
    expected = [0.01 + (0.1 - 0.01) * min(t, 4) / 4 for t in range(8)]
    assert seen == pytest.approx(expected)
    assert last == pytest.approx(0.1)


def test_shift_of_adam_alpha(tmp_path):
    optimizer = kusari.optimizers.Adam(alpha=0.004)
    trainer, _ = make_trainer(tmp_path, optimizer=optimizer, stop_trigger=(3, "iteration"))
    trainer.extend(extensions.ExponentialShift("alpha", 0.5))
    trainer.run()
    assert optimizer.alpha == pytest.approx(0.0005)


def test_negative_rates_are_rejected():
    with pytest.raises(ValueError):
        extensions.ExponentialShift("lr", -1.)
    with pytest.raises(ValueError):
        extensions.StepShift("lr", 0.5, 0)


def test_observe_lr_reports_the_learning_rate(tmp_path):
    optimizer = kusari.optimizers.SGD(lr=0.1)
    trainer, _ = make_trainer(tmp_path, optimizer=optimizer, epochs=2)
    trainer.extend(extensions.ExponentialShift("lr", 0.5), trigger=(1, "epoch"))
    trainer.extend(extensions.observe_lr())
    trainer.extend(extensions.observe_value("twice_lr", lambda t: 2 * t.updater.get_optimizer("main").lr))
    trainer.extend(extensions.LogReport())
    trainer.run()
    log = trainer.get_extension("LogReport").log
    # observe_* are writers: they report before the shift (a reader) changes lr at the epoch's end
    assert [e["lr"] for e in log] == pytest.approx([0.1, 0.05])
    assert [e["twice_lr"] for e in log] == pytest.approx([0.2, 0.1])


def test_observe_lr_of_adam_is_alpha_t(tmp_path):
    optimizer = kusari.optimizers.Adam(alpha=0.001)
    trainer, _ = make_trainer(tmp_path, optimizer=optimizer, epochs=1)
    trainer.extend(extensions.observe_lr(), trigger=(1, "iteration"))
    trainer.extend(extensions.LogReport(trigger=(1, "iteration")))
    trainer.run()
    t1 = trainer.get_extension("LogReport").log[0]["lr"]
    assert t1 == pytest.approx(0.001 * (1 - 0.999) ** 0.5 / (1 - 0.9))

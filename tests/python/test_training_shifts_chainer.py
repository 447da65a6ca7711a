"""MultistepShift, PolynomialShift and InverseShift on a real optimizer over the iterations of a
run (values against Chainer's formulas written here), their targets, bad arguments, and a
resumed run continuing from the saved value."""
import pytest

import kusari
from kusari import serializers
from kusari.training import extensions
from test_training_shifts import _lr_per_iteration
from training_support import make_trainer


def test_multistep_shift(tmp_path):
    seen, last = _lr_per_iteration(tmp_path, extensions.MultistepShift("lr", 0.1, [2, 5], 1.0))
    assert seen == pytest.approx([1.0, 1.0, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01])
    assert last == pytest.approx(0.01)


def test_multistep_shift_init_none_reads_the_optimizer(tmp_path):
    seen, _ = _lr_per_iteration(tmp_path, extensions.MultistepShift("lr", 0.5, [3], None))
    assert seen == pytest.approx([0.1] * 3 + [0.05] * 5)


def test_polynomial_shift(tmp_path):
    seen, last = _lr_per_iteration(tmp_path, extensions.PolynomialShift("lr", 2., 6))
    assert seen == pytest.approx([0.1 * max(1 - t / 6, 0) ** 2 for t in range(8)])
    assert last == pytest.approx(0.)


def test_polynomial_shift_stops_at_target(tmp_path):
    seen, _ = _lr_per_iteration(tmp_path, extensions.PolynomialShift("lr", 1., 4, target=0.04))
    assert seen == pytest.approx([0.1, 0.075, 0.05, 0.04, 0.04, 0.04, 0.04, 0.04])


def test_inverse_shift(tmp_path):
    seen, _ = _lr_per_iteration(tmp_path, extensions.InverseShift("lr", 0.5, 0.75))
    assert seen == pytest.approx([0.1 * (1 + 0.5 * t) ** -0.75 for t in range(8)])


def test_inverse_shift_init_and_target(tmp_path):
    seen, _ = _lr_per_iteration(tmp_path, extensions.InverseShift("lr", 1., 1., init=0.4, target=0.1))
    assert seen == pytest.approx([0.4, 0.2, 0.4 / 3, 0.1, 0.1, 0.1, 0.1, 0.1])


def test_inverse_shift_negative_power_grows_to_target(tmp_path):
    seen, _ = _lr_per_iteration(tmp_path, extensions.InverseShift("lr", 1., -1., init=0.1, target=0.35))
    assert seen == pytest.approx([0.1, 0.2, 0.3, 0.35, 0.35, 0.35, 0.35, 0.35])


def test_bad_arguments_are_rejected():
    with pytest.raises(ValueError, match="MultistepShift"):
        extensions.MultistepShift("lr", -0.1, [1], 0.1)
    with pytest.raises(ValueError, match="InverseShift"):
        extensions.InverseShift("lr", -1., 1.)
    with pytest.raises(ValueError, match="PolynomialShift"):
        extensions.PolynomialShift("lr", 1., 0)


@pytest.mark.parametrize("make", [
    lambda: extensions.MultistepShift("lr", 0.5, [2, 4], None),
    lambda: extensions.PolynomialShift("lr", 1., 10),
    lambda: extensions.InverseShift("lr", 0.5, 1.),
])
def test_resumed_shift_continues_from_the_saved_value(tmp_path, make):
    first = make()
    optimizer = kusari.optimizers.SGD(lr=0.1)
    trainer, _ = make_trainer(tmp_path, optimizer=optimizer, stop_trigger=(5, "iteration"))
    trainer.extend(first)
    trainer.run()
    lr_after_five = optimizer.lr
    serializers.save_npz(tmp_path / "shift.npz", first)

    # a fresh run whose optimizer starts elsewhere: the loaded shift restores lr and its count
    resumed = make()
    serializers.load_npz(tmp_path / "shift.npz", resumed)
    optimizer2 = kusari.optimizers.SGD(lr=0.1)
    trainer2, _ = make_trainer(tmp_path / "2", optimizer=optimizer2, stop_trigger=(1, "iteration"))
    seen = []
    update = trainer2.updater.update
    trainer2.updater.update = lambda: (seen.append(optimizer2.lr), update())
    trainer2.extend(resumed)
    trainer2.run()
    assert seen == pytest.approx([lr_after_five])
    assert resumed._t == 6

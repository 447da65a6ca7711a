"""kusari.training.triggers on a fake trainer: each trigger's firing points over a known
sequence of iterations and observations."""
import pytest

from kusari.training import get_trigger, triggers
from training_support import FakeTrainer, fires


@pytest.mark.parametrize("period,unit,iters_per_epoch,expected", [
    (3, "iteration", 4, [3, 6, 9, 12]),
    (1, "epoch", 4, [4, 8, 12]),
    (2, "epoch", 3, [6, 12]),
    (0.5, "epoch", 4, [2, 4, 6, 8, 10, 12]),
])
def test_interval_trigger(period, unit, iters_per_epoch, expected):
    trainer = FakeTrainer(iters_per_epoch)
    assert fires(triggers.IntervalTrigger(period, unit), trainer, 12) == expected


def test_interval_trigger_rejects_unknown_unit():
    with pytest.raises(ValueError, match="unit"):
        triggers.IntervalTrigger(1, "second")


def test_get_trigger_builds_interval_trigger_and_keeps_callables():
    t = get_trigger((5, "iteration"))
    assert isinstance(t, triggers.IntervalTrigger) and t.get_training_length() == (5, "iteration")

    def mine(trainer):
        return True
    assert get_trigger(mine) is mine
    assert get_trigger(None)(FakeTrainer()) is False


@pytest.mark.parametrize("points,unit,expected", [
    ([2, 5, 7], "iteration", [2, 5, 7]),
    (3, "iteration", [3]),
    ([0.5, 2], "epoch", [2, 8]),
])
def test_manual_schedule_trigger(points, unit, expected):
    trigger = triggers.ManualScheduleTrigger(points, unit)
    assert fires(trigger, FakeTrainer(4), 10) == expected
    assert trigger.finished


def test_manual_schedule_trigger_not_finished_before_last_point():
    trigger = triggers.ManualScheduleTrigger([2, 20], "iteration")
    fires(trigger, FakeTrainer(4), 10)
    assert not trigger.finished


# Means over each 2-iteration interval: 5, 3, 4, 1, 2 -> new minima at 2, 4, 8; maxima at 2 only.
LOSSES = [6, 4, 3, 3, 5, 3, 1, 1, 2, 2]


@pytest.mark.parametrize("cls,expected", [(triggers.MinValueTrigger, [2, 4, 8]), (triggers.MaxValueTrigger, [2])])
def test_min_max_value_triggers(cls, expected):
    observations = [{"main/loss": v} for v in LOSSES]
    trigger = cls("main/loss", trigger=(2, "iteration"))
    assert fires(trigger, FakeTrainer(4), len(LOSSES), observations) == expected


@pytest.mark.parametrize("cls", [triggers.MinValueTrigger, triggers.MaxValueTrigger])
def test_equal_values_are_no_new_best(cls):
    observations = [{"v": 2.}] * 6
    assert fires(cls("v", trigger=(2, "iteration")), FakeTrainer(4), 6, observations) == [2]


def test_best_value_trigger_missing_key_raises():
    trigger = triggers.MaxValueTrigger("validation/main/accuracy", trigger=(1, "iteration"))
    with pytest.raises(KeyError, match="validation/main/accuracy"):
        fires(trigger, FakeTrainer(4), 1, [{"main/loss": 1.}])


def test_early_stopping_stops_after_patience_checks_without_improvement():
    # Checked every iteration: best 3 at iteration 2, then 3 checks without improvement -> stop at 5.
    values = [5, 3, 4, 3.5, 6, 1, 1]
    trigger = triggers.EarlyStoppingTrigger(check_trigger=(1, "iteration"), monitor="main/loss", patience=3,
                                            max_trigger=(100, "iteration"))
    assert fires(trigger, FakeTrainer(4), len(values), [{"main/loss": v} for v in values])[0] == 5


def test_early_stopping_maximizes_accuracy_in_auto_mode():
    values = [0.5, 0.6, 0.7, 0.8, 0.6, 0.65]
    trigger = triggers.EarlyStoppingTrigger(check_trigger=(1, "iteration"), monitor="main/accuracy", patience=2,
                                            max_trigger=(100, "iteration"))
    assert fires(trigger, FakeTrainer(4), len(values), [{"main/accuracy": v} for v in values]) == [6]


def test_early_stopping_fires_at_max_trigger():
    trigger = triggers.EarlyStoppingTrigger(check_trigger=(1, "iteration"), patience=100,
                                            max_trigger=(3, "iteration"))
    observations = [{"main/loss": 10. - i} for i in range(5)]
    assert fires(trigger, FakeTrainer(4), 5, observations)[0] == 3
    assert trigger.get_training_length() == (3, "iteration")


def test_time_trigger():
    trainer = FakeTrainer()
    trigger = triggers.TimeTrigger(2.)
    fired = []
    for t in [0.5, 1.5, 2.5, 3.0, 4.1, 4.2, 9.0]:
        trainer.elapsed_time = t
        fired.append(trigger(trainer))
    # fires once per period; a long gap fires once and moves the next time on by one period
    assert fired == [False, False, True, False, True, False, True]


def test_once_trigger():
    trigger = triggers.OnceTrigger()
    assert fires(trigger, FakeTrainer(), 3) == [1]

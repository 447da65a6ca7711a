"""get_trigger: a trigger from what users write (None, a callable, or (period, unit))."""
from kusari.training.triggers.interval_trigger import IntervalTrigger


def _never_fire_trigger(trainer):
    return False


def get_trigger(trigger):
    if callable(trigger):
        return trigger
    if trigger is None:
        return _never_fire_trigger
    try:
        period, unit = trigger
    except (TypeError, ValueError):
        raise TypeError(f"get_trigger: expected a callable, None or (period, unit), got {trigger!r}") from None
    return IntervalTrigger(period, unit)

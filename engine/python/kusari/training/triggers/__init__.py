"""chainer.training.triggers: callables trainer -> bool deciding when extensions run or training stops."""
from kusari.training.triggers.early_stopping_trigger import EarlyStoppingTrigger  # noqa: F401
from kusari.training.triggers.interval_trigger import IntervalTrigger  # noqa: F401
from kusari.training.triggers.manual_schedule_trigger import ManualScheduleTrigger  # noqa: F401
from kusari.training.triggers.minmax_value_trigger import BestValueTrigger, MaxValueTrigger, MinValueTrigger  # noqa: F401
from kusari.training.triggers.once_trigger import OnceTrigger  # noqa: F401
from kusari.training.triggers.time_trigger import TimeTrigger  # noqa: F401
from kusari.training._trigger_util import get_trigger  # noqa: F401

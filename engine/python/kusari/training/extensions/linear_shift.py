"""LinearShift: optimizer.<attr> moves linearly from value_range[0] to value_range[1] while the
call count t goes from time_range[0] to time_range[1], constant outside."""
from kusari.training.extensions._attribute_shift import AttributeShift


class LinearShift(AttributeShift):
    def __init__(self, attr, value_range, time_range, optimizer=None):
        super().__init__(attr, optimizer)
        self._value_range = value_range
        self._time_range = time_range

    def initialize(self, trainer):
        value = self._compute_next_value() if self._last_value is None else self._last_value
        self._update_value(self._get_optimizer(trainer), value)

    def __call__(self, trainer):
        self._t += 1
        self._update_value(self._get_optimizer(trainer), self._compute_next_value())

    def _compute_next_value(self):
        (t1, t2), (v1, v2) = self._time_range, self._value_range
        if self._t <= t1:
            return v1
        if self._t >= t2:
            return v2
        return v1 + (self._t - t1) / (t2 - t1) * (v2 - v1)

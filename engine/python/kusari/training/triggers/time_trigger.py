"""TimeTrigger: fires once every `period` seconds of the trainer's elapsed time."""


class TimeTrigger:
    def __init__(self, period):
        self._period = period
        self._next_time = period

    def __call__(self, trainer):
        if self._next_time < trainer.elapsed_time:
            self._next_time += self._period
            return True
        return False

    def serialize(self, serializer):
        self._next_time = serializer("next_time", self._next_time)

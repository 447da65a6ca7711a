"""OnceTrigger: fires at the first call only (again after a resume if call_on_resume)."""


class OnceTrigger:
    def __init__(self, call_on_resume=False):
        self._flag_first = True
        self._flag_resumed = call_on_resume

    @property
    def finished(self):
        return not (self._flag_first or self._flag_resumed)

    def __call__(self, trainer):
        fire = not self.finished
        self._flag_first = self._flag_resumed = False
        return fire

    def serialize(self, serializer):
        self._flag_first = serializer("_flag_first", self._flag_first)

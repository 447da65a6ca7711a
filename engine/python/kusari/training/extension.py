"""chainer.training.Extension and make_extension: what the Trainer calls around each update.

Protocol (all optional but __call__): initialize(trainer) once before the loop,
__call__(trainer) when the extension's trigger fires, on_error(trainer, exc, tb) when the loop
raises, finalize() after the loop, serialize(serializer) for snapshots. Extensions run in
descending priority each iteration: writers (add observations), editors, then readers.
"""
PRIORITY_WRITER = 300
PRIORITY_EDITOR = 200
PRIORITY_READER = 100


class Extension:
    trigger = 1, "iteration"
    priority = PRIORITY_READER
    name = None

    @property
    def default_name(self):
        return type(self).__name__

    def __call__(self, trainer):
        raise NotImplementedError(f"{type(self).__name__} does not implement __call__")

    def initialize(self, trainer):
        pass

    def finalize(self):
        pass

    def on_error(self, trainer, exc, tb):
        pass

    def serialize(self, serializer):
        pass


def make_extension(trigger=None, default_name=None, priority=None, finalizer=None, initializer=None,
                   on_error=None):
    """Decorator turning a function ``f(trainer)`` into an extension with the given attributes."""
    if trigger is None:
        trigger = Extension.trigger
    if priority is None:
        priority = Extension.priority

    def decorator(ext):
        ext.trigger = trigger
        ext.default_name = default_name or ext.__name__
        ext.priority = priority
        ext.finalize = finalizer
        ext.initialize = initializer
        ext.on_error = on_error
        return ext
    return decorator

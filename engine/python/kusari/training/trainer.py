"""chainer.training.Trainer: runs the updater until the stop trigger fires, calling extensions.

The loop is Python on purpose: extensions and observations are user Python objects, and one
turn of the loop costs microseconds next to the engine's forward/backward/update.
"""
import collections
import os
import sys
import time
import traceback

from kusari import reporter as reporter_module
from kusari.training import _trigger_util
from kusari.training import extension as extension_module


class _ExtensionEntry:
    def __init__(self, extension, priority, trigger, call_before_training):
        self.extension = extension
        self.priority = priority
        self.trigger = trigger
        self.call_before_training = call_before_training


class Trainer:
    def __init__(self, updater, stop_trigger=None, out="result", extensions=None):
        self.updater = updater
        self.stop_trigger = _trigger_util.get_trigger(stop_trigger)
        self.observation = {}
        self.out = out
        self.reporter = reporter_module.Reporter()
        for name, optimizer in updater.get_all_optimizers().items():
            self.reporter.add_observer(name, optimizer.target)
            self.reporter.add_observers(name, optimizer.target.namedlinks(skipself=True))
        self._done = False
        self._extensions = collections.OrderedDict()
        self._start_at = None
        self._snapshot_elapsed_time = 0.
        self._final_elapsed_time = None
        updater.connect_trainer(self)
        for ext in extensions or ():
            self.extend(ext)

    @property
    def is_before_training(self):
        return self.updater.iteration == 0

    @property
    def elapsed_time(self):
        """Seconds of training, counting the time before a resumed snapshot was taken."""
        if self._done:
            return self._final_elapsed_time
        if self._start_at is None:
            raise RuntimeError("training has not been started yet")
        return time.perf_counter() - self._start_at + self._snapshot_elapsed_time

    def extend(self, extension, name=None, trigger=None, priority=None, call_before_training=False):
        if name is None:
            name = getattr(extension, "name", None) or getattr(extension, "default_name", None) or \
                getattr(extension, "__name__", None)
            if name is None:
                raise TypeError("name is not given for the extension")
        if name == "training":
            raise ValueError('the name "training" is prohibited as an extension name')
        if trigger is None:
            trigger = getattr(extension, "trigger", (1, "iteration"))
        trigger = _trigger_util.get_trigger(trigger)
        if priority is None:
            priority = getattr(extension, "priority", extension_module.PRIORITY_READER)
        unique, ordinal = name, 0
        while unique in self._extensions:
            ordinal += 1
            unique = f"{name}_{ordinal}"
        extension.name = unique
        self._extensions[unique] = _ExtensionEntry(extension, priority, trigger, call_before_training)

    def get_extension(self, name):
        if name in self._extensions:
            return self._extensions[name].extension
        raise ValueError(f"extension {name} not found")

    def run(self, show_loop_exception_msg=True):
        if self._done:
            raise RuntimeError("cannot run training loop multiple times")
        os.makedirs(self.out, exist_ok=True)
        # sorted() is stable: equal priorities keep the order of extend() calls.
        entries = sorted(self._extensions.values(), key=lambda e: e.priority, reverse=True)
        self._start_at = time.perf_counter()
        for entry in entries:
            initializer = getattr(entry.extension, "initialize", None)
            if initializer and not getattr(entry.trigger, "finished", False):
                initializer(self)

        update, reporter, stop_trigger = self.updater.update, self.reporter, self.stop_trigger
        try:
            self.observation = {}
            with reporter.scope(self.observation):
                for entry in entries:
                    if entry.call_before_training:
                        entry.extension(self)
            while not stop_trigger(self):
                self.observation = {}
                with reporter.scope(self.observation):
                    update()
                    for entry in entries:
                        if entry.trigger(self):
                            entry.extension(self)
        except Exception as e:
            if show_loop_exception_msg:
                print(f"Exception in main training loop: {e}", file=sys.stderr)
                print("Will finalize trainer extensions and updater before reraising the exception.",
                      file=sys.stderr)
            tb = sys.exc_info()[2]
            for entry in entries:
                handler = getattr(entry.extension, "on_error", None)
                if handler:
                    try:  # every handler runs; their own failures are printed, not raised
                        handler(self, e, tb)
                    except Exception as he:
                        print(f"Exception in error handler: {he}", file=sys.stderr)
                        traceback.print_exc()
            raise
        finally:
            for entry in entries:
                finalize = getattr(entry.extension, "finalize", None)
                if finalize:
                    finalize()
            self.updater.finalize()
        self._final_elapsed_time = self.elapsed_time
        self._done = True

    def serialize(self, serializer):
        self.updater.serialize(serializer["updater"])
        if hasattr(self.stop_trigger, "serialize"):
            self.stop_trigger.serialize(serializer["stop_trigger"])
        extensions, triggers = serializer["extensions"], serializer["extension_triggers"]
        for name, entry in self._extensions.items():
            if hasattr(entry.extension, "serialize"):
                entry.extension.serialize(extensions[name])
            if hasattr(entry.trigger, "serialize"):
                entry.trigger.serialize(triggers[name])
        if getattr(serializer, "is_loading", False):
            self._snapshot_elapsed_time = float(serializer("_snapshot_elapsed_time", 0.))
        else:
            started = self._done or self._start_at is not None
            serializer("_snapshot_elapsed_time", self.elapsed_time if started else self._snapshot_elapsed_time)

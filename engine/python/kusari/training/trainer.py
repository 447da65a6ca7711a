"""chainer.training.Trainer: runs the updater until the stop trigger fires, calling extensions.

The loop is Python on purpose: extensions and observations are user Python objects, and one
turn of the loop costs microseconds next to the engine's forward/backward/update.

Stopping: ``trainer.stop()`` (from an extension, another thread) or a host's stop poll
(kusari.training.metrics.set_stop_poll, how the Kusari studio's "Stop Training" reaches here)
ends ``run()`` at the next iteration boundary: extensions are finalized, a snapshot is written
(by the trainer's snapshot extensions, else ``snapshot_iter_N`` into out/), a notice is printed
and ``run()`` returns normally. Calling ``run()`` again resumes from that iteration.
"""
import collections
import os
import sys
import time
import traceback

from kusari import reporter as reporter_module
from kusari.training import _trigger_util
from kusari.training import extension as extension_module
from kusari.training import metrics as metrics_module


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
        self._stop_requested = False
        self._paused = False  # stopped by stop(): run() resumes
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
        if self._paused:
            return self._snapshot_elapsed_time
        if self._start_at is None:
            raise RuntimeError("training has not been started yet")
        return time.perf_counter() - self._start_at + self._snapshot_elapsed_time

    @property
    def is_stopped(self):
        """True after run() ended early through stop(); run() then resumes."""
        return self._paused

    def stop(self):
        """Ends the running run() at the next iteration boundary (any thread may call it)."""
        self._stop_requested = True

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
        self._stop_requested = False
        self._paused = False
        stopped = False
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
                if metrics_module._sink is not None:
                    metrics_module.publish(self)
                if self._stop_requested or (metrics_module._stop_poll is not None and
                                            metrics_module.stop_requested()):
                    stopped = True
                    break
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
            if not stopped:  # a stopped run keeps its iterators for the resumed one
                self.updater.finalize()
            metrics_module.flush()
        if stopped:
            self._pause(entries)
            return
        self._final_elapsed_time = self.elapsed_time
        self._done = True

    def _pause(self, entries):
        self._snapshot_elapsed_time = self.elapsed_time
        self._paused = True
        self._stop_requested = False
        saved = self._snapshot_on_stop(entries)
        updater = self.updater
        where = f"; snapshot saved to {', '.join(saved)}" if saved else ""
        print(f"Training stopped at iteration {updater.iteration} (epoch {updater.epoch}){where}. "
              f"Call trainer.run() to resume.")

    def _snapshot_on_stop(self, entries):
        """The trainer's own snapshot extensions write their files; without any, out/
        snapshot_iter_N holds the whole trainer (Chainer's layout: updater/model:main/...)."""
        from kusari.training.extensions import _snapshot
        snapshots = [e.extension for e in entries if isinstance(e.extension, _snapshot._Snapshot)]
        if not snapshots:
            snapshots = [_snapshot.snapshot()]
        saved = []
        for ext in snapshots:
            try:
                ext._make_snapshot(self)
                name = ext.filename.format(self) if isinstance(ext.filename, str) else ext.filename(self)
                saved.append(os.path.join(self.out, name))
            except Exception as e:  # the model stays in memory; only the file is missing
                print(f"Snapshot on stop failed: {e}", file=sys.stderr)
        return saved

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

"""Live training metrics and external stop requests: hooks a host (the Kusari kernel, a logger)
installs so that every Trainer iteration is published and can be stopped from outside.

    set_metrics_sink(sink)  sink(trainer, iteration, epoch_detail, values) after each iteration,
                            values = {name: float} of the scalar observations of that iteration
                            (main/loss, validation/main/accuracy when an Evaluator ran, lr when
                            observe_lr is on, ...). A sink with a ``flush()`` method has it called
                            when a run ends or stops. None removes the sink.
    set_stop_poll(poll)     poll() -> bool, asked at each iteration boundary: True stops the
                            running trainer as trainer.stop() does. None removes it.

Without a sink and a poll a Trainer pays one global lookup per iteration. A failing sink is
removed (with a warning) rather than breaking the training it watches.
"""
import sys

import numpy

from kusari._kusari import Variable

_sink = None
_stop_poll = None


def set_metrics_sink(sink):
    """Installs ``sink`` (or None); returns the previous one."""
    global _sink
    previous, _sink = _sink, sink
    return previous


def get_metrics_sink():
    return _sink


def set_stop_poll(poll):
    """Installs ``poll`` (or None); returns the previous one."""
    global _stop_poll
    previous, _stop_poll = _stop_poll, poll
    return previous


def get_stop_poll():
    return _stop_poll


def scalar_values(observation):
    """The finite-or-not float values of the scalar entries of an observation dict."""
    values = {}
    for name, value in observation.items():
        if isinstance(value, Variable):
            value = value.array
        if isinstance(value, (bool, numpy.bool_)):
            continue
        if isinstance(value, (int, float, numpy.integer, numpy.floating)):
            values[name] = float(value)
        elif isinstance(value, numpy.ndarray) and value.size == 1 and value.dtype.kind in "iuf":
            values[name] = float(value.reshape(()))
        else:
            try:  # array types of other libraries (a 0-d device array)
                if getattr(value, "ndim", None) == 0:
                    values[name] = float(value)
            except (TypeError, ValueError):
                pass
    return values


def publish(trainer):
    """Called by Trainer after each iteration's update and extensions."""
    sink = _sink
    if sink is None:
        return
    updater = trainer.updater
    try:
        sink(trainer, updater.iteration, float(getattr(updater, "epoch_detail", updater.epoch)),
             scalar_values(trainer.observation))
    except Exception as e:  # a broken monitor must not break the training it watches
        _drop_sink(sink, e)


def flush():
    sink = _sink
    flusher = getattr(sink, "flush", None)
    if flusher is None:
        return
    try:
        flusher()
    except Exception as e:
        _drop_sink(sink, e)


def stop_requested():
    poll = _stop_poll
    if poll is None:
        return False
    try:
        return bool(poll())
    except Exception as e:
        print(f"kusari.training: stop poll {poll!r} failed and was removed: {e}", file=sys.stderr)
        set_stop_poll(None)
        return False


def _drop_sink(sink, error):
    global _sink
    if _sink is sink:
        _sink = None
    print(f"kusari.training: metrics sink {sink!r} failed and was removed: {error}", file=sys.stderr)


__all__ = ["set_metrics_sink", "get_metrics_sink", "set_stop_poll", "get_stop_poll", "scalar_values"]

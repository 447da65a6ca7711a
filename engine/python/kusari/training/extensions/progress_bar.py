"""ProgressBar: a one-line progress bar with iterations/sec and ETA, redrawn in place with '\\r'.

Each redraw is preceded by a machine-readable record the studio strips and renders
(terminals swallow it: it is an OSC escape sequence):

    ESC ] kusari-progress; {json} BEL        i.e. '\\x1b]kusari-progress;' + json + '\\x07'

json: {"iteration": int, "epoch": int, "epoch_detail": float, "fraction": float in [0, 1],
       "length": [period, "epoch" | "iteration"], "iters_per_sec": float | null,
       "eta_seconds": float | null}

One record per redraw (every `update_interval` iterations) and a last one at finalize, after
which the line ends with '\\n'. A report printed while the bar's line is open (PrintReport)
first blanks it with erase_progress_line(out), so rows never trail a bar.
"""
import collections
import datetime
import json
import sys
import time

from kusari.training import extension

PROGRESS_RECORD_PREFIX = "\x1b]kusari-progress;"
PROGRESS_RECORD_END = "\x07"

_open_lines = {}  # id(stream) -> length of the bar line drawn there and not ended yet


def erase_progress_line(out):
    """Blanks a progress bar line left open on ``out``, so that text printed next starts clean."""
    n = _open_lines.pop(id(out), 0)
    if n:
        out.write("\r" + " " * n + "\r")


class ProgressBar(extension.Extension):
    def __init__(self, training_length=None, update_interval=100, bar_length=50, out=None,
                 machine_readable=True):
        self._training_length = training_length
        self._update_interval = update_interval
        self._bar_length = bar_length
        self._out_stream = out  # None: sys.stdout at each write (a notebook kernel swaps it)
        self._machine_readable = machine_readable
        self._recent = collections.deque(maxlen=100)  # (iteration, epoch_detail, time)
        self._last_state = None  # (iteration, epoch, epoch_detail) at the last call

    @property
    def _out(self):
        return sys.stdout if self._out_stream is None else self._out_stream

    def __call__(self, trainer):
        if self._training_length is None:
            length = getattr(trainer.stop_trigger, "get_training_length", None)
            if length is None:
                raise TypeError(f"ProgressBar: cannot retrieve the training length from "
                                f"{type(trainer.stop_trigger)}; pass training_length=(n, unit)")
            self._training_length = length()
        updater = trainer.updater
        now = time.perf_counter()
        self._recent.append((updater.iteration, updater.epoch_detail, now))
        self._last_state = updater.iteration, updater.epoch, updater.epoch_detail
        if updater.iteration % self._update_interval == 0:
            self._draw(self._record(*self._last_state))

    def _record(self, iteration, epoch, epoch_detail):
        length, unit = self._training_length
        done = iteration if unit == "iteration" else epoch_detail
        record = {"iteration": iteration, "epoch": epoch, "epoch_detail": epoch_detail,
                  "fraction": min(done / length, 1.) if length else 1., "length": [length, unit],
                  "iters_per_sec": None, "eta_seconds": None}
        (it0, ep0, t0), (it1, ep1, t1) = self._recent[0], self._recent[-1]
        if t1 > t0 and it1 > it0:
            record["iters_per_sec"] = (it1 - it0) / (t1 - t0)
            rate = (it1 - it0 if unit == "iteration" else ep1 - ep0) / (t1 - t0)
            record["eta_seconds"] = max(length - done, 0.) / rate if rate > 0 else None
        return record

    def _draw(self, record, end=""):
        filled = int(record["fraction"] * self._bar_length)
        bar = "#" * filled + "." * (self._bar_length - filled)
        length, unit = record["length"]
        line = (f"\r{record['fraction'] * 100:6.2f}% [{bar}] {record['iteration']} iter, "
                f"{record['epoch']} epoch / {length} {unit}s")
        if record["iters_per_sec"] is not None:
            line += f" | {record['iters_per_sec']:.2f} iters/sec"
        if record["eta_seconds"] is not None:
            line += f" | ETA {datetime.timedelta(seconds=round(record['eta_seconds']))}"
        out = self._out
        if self._machine_readable:
            out.write(PROGRESS_RECORD_PREFIX + json.dumps(record) + PROGRESS_RECORD_END)
        out.write(line + end)
        if end:
            _open_lines.pop(id(out), None)
        else:
            _open_lines[id(out)] = len(line) - 1  # without the leading '\r'
        if hasattr(out, "flush"):
            out.flush()

    def finalize(self):
        if self._last_state is not None:
            self._draw(self._record(*self._last_state), end="\n")

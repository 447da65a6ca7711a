"""Live training metrics: a kusari.training metrics sink that batches every Trainer iteration's
scalar observations into `metrics` messages (at most one per ~100 ms, the rest when a run ends),
and the stop poll behind the studio's "Stop Training" (stop_training_request).

kusari is not imported by the kernel: the hooks are installed when a cell first imports
kusari.training (an import hook watches for kusari.training.metrics), or at once if it is
already loaded."""
import datetime
import sys
import time
import weakref

import _kusari_kernel_import_hook as _import_hook
import _kusari_kernel_io as _io
import _kusari_kernel_param_stats as _param_stats

FLUSH_INTERVAL = 0.1  # seconds between two metrics messages while training
TARGET = "kusari.training.metrics"


class KernelMetricsSink:
    def __init__(self):
        self._runs = weakref.WeakKeyDictionary()  # trainer -> (run, label, cell_id)
        self._run_count = 0
        self._points = []
        self._pending_runs = {}
        self._last_flush = 0.

    def _run_of(self, trainer):
        run = self._runs.get(trainer)
        if run is None:
            self._run_count += 1
            execute = sys.modules.get("_kusari_kernel_execute")
            cell_id = getattr(execute, "current_cell_id", "") or ""
            now = datetime.datetime.now()
            run = (f"{cell_id}@{now.timestamp():.6f}", f"run {self._run_count} · {now:%H:%M:%S}", cell_id)
            self._runs[trainer] = run
        return run

    def __call__(self, trainer, iteration, epoch, values):
        run = self._run_of(trainer)
        self._pending_runs[run[0]] = run
        key = run[0]
        self._points.extend((key, name, iteration, epoch, value) for name, value in values.items())
        _param_stats.sampler.observe(trainer, key, iteration, epoch)
        if time.monotonic() - self._last_flush >= FLUSH_INTERVAL:
            self._send()

    def flush(self):
        """The run ended or stopped."""
        _param_stats.sampler.finish()
        self._send()

    def _send(self):
        if self._points:
            points, self._points = self._points, []
            runs, self._pending_runs = list(self._pending_runs.values()), {}
            _io.metrics(runs, points)
        self._last_flush = time.monotonic()


sink = KernelMetricsSink()


def _attach(metrics_module):
    metrics_module.set_metrics_sink(sink)
    metrics_module.set_stop_poll(_io.take_stop_request)


def install():
    if TARGET in sys.modules:
        _attach(sys.modules[TARGET])
    else:
        _import_hook.on_import(TARGET, _attach)

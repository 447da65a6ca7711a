"""Parameter and gradient statistics per layer: while a Trainer runs in the kernel, every
parameter of the updater's main optimizer target is sampled now and then into a `param_stats`
message (norms, means, stds, NaN/Inf counts, 32-bin histograms of the value and the gradient,
and ||ΔW|| / ||W|| of the sampled iteration's update).

Schedule: a sample is taken once max(MIN_INTERVAL, cost / COST_FRACTION) seconds of training
passed since the last one (cost = a running estimate of one sample's time), so sampling costs
~2% of the training time at most and happens at most every 100 ms; the first iteration and
the run's last one are always sampled. The iteration before a sample is due (predicted from
the iteration time) the parameters' values are copied, which gives the exact update ratio.

metrics.py drives this from its metrics sink, so nothing is sampled outside the kernel; a
failure turns sampling off with a warning and never reaches the training."""
import math
import sys
import time
import weakref

import _kusari_kernel_io as _io

BINS = 32
COST_FRACTION = 0.02  # of the training time
MIN_INTERVAL = 0.1    # seconds between two samples
EMA = 0.2             # weight of the newest iteration time in its running estimate


def _numpy():
    return sys.modules.get("numpy") or __import__("numpy")


def summarize(array):
    """Statistics of the finite elements of ``array``: a dict with norm, mean, std, nan, inf and
    histogram (lo, hi, [BINS counts])."""
    np = _numpy()
    x = np.asarray(array).reshape(-1).astype(np.float64)  # float32 squares overflow near 1e19
    finite = np.isfinite(x)
    nan = inf = 0
    if not finite.all():
        nan = int(np.isnan(x).sum())
        inf = int(x.size - int(finite.sum()) - nan)
        x = x[finite]
    if x.size == 0:
        return {"norm": 0.0, "mean": 0.0, "std": 0.0, "nan": nan, "inf": inf, "histogram": (0.0, 0.0, [])}
    lo, hi = float(x.min()), float(x.max())
    return {"norm": float(math.sqrt(float(np.dot(x, x)))), "mean": float(x.mean()), "std": float(x.std()),
            "nan": nan, "inf": inf, "histogram": histogram(x, lo, hi)}


def histogram(x, lo, hi):
    """(lo, hi, counts): BINS equal bins over [lo, hi] of the finite float64 array ``x`` (the
    last bin closed), as numpy.histogram counts them but ~40x faster; one value spreads as
    [v - 0.5, v + 0.5]."""
    np = _numpy()
    if hi <= lo:
        counts = [0] * BINS
        counts[BINS // 2] = int(x.size)
        return (lo - 0.5, hi + 0.5, counts)
    half_span = hi / 2 - lo / 2  # halves: hi - lo may overflow
    index = ((x / 2 - lo / 2) * (BINS / half_span)).astype(np.intp)
    np.clip(index, 0, BINS - 1, out=index)
    return (lo, hi, np.bincount(index, minlength=BINS).tolist())


def _target_params(trainer):
    updater = trainer.updater
    get = getattr(updater, "get_optimizer", None)
    target = getattr(get("main"), "target", None) if get else None
    if target is None or not hasattr(target, "namedparams"):
        return []
    return [(path.lstrip("/"), p) for path, p in target.namedparams() if p.array is not None]


def layer_stats(path, param, before=None):
    np = _numpy()
    data = np.asarray(param.array)
    grad = param.grad
    d = summarize(data)
    g = summarize(grad) if grad is not None else {"norm": 0.0, "mean": 0.0, "std": 0.0, "nan": 0, "inf": 0,
                                                   "histogram": (0.0, 0.0, [])}
    ratio = None
    if before is not None and before.shape == data.shape:
        before_norm = float(np.linalg.norm(before.reshape(-1)))
        if before_norm > 0:
            ratio = float(np.linalg.norm((data.astype(np.float64) - before).reshape(-1))) / before_norm
            if not math.isfinite(ratio):
                ratio = None
    return {"path": path, "shape": [int(n) for n in data.shape], "size": int(data.size),
            "data_norm": d["norm"], "grad_norm": g["norm"], "data_mean": d["mean"], "data_std": d["std"],
            "grad_mean": g["mean"], "grad_std": g["std"], "update_ratio": ratio, "has_grad": grad is not None,
            "nan_count": d["nan"] + g["nan"], "inf_count": d["inf"] + g["inf"],
            "grad_histogram": g["histogram"], "data_histogram": d["histogram"]}


class _TrainerState:
    def __init__(self):
        self.last_call_end = None    # monotonic time the previous iteration's call returned
        self.last_sample_end = None  # ... and the last sample was done
        self.iteration_time = None   # running estimate of one iteration, without our own work
        self.sample_cost = 0.0       # running estimate of one sample (with its snapshot)
        self.snapshot_cost = 0.0
        self.next_due = None         # the iteration a snapshot was taken for
        self.before = None           # {path: float64 copy of the data} before next_due's update
        self.last_sampled = -1
        self.run = ""
        self.iteration = 0
        self.epoch = 0.0


class ParamStatsSampler:
    def __init__(self):
        self._states = weakref.WeakKeyDictionary()
        self._last = None  # weakref to the trainer seen last
        self.enabled = True

    def observe(self, trainer, run, iteration, epoch):
        """Called by the metrics sink after every iteration of ``trainer``."""
        if not self.enabled:
            return
        try:
            self._observe(trainer, run, iteration, epoch)
        except Exception as e:  # never break the training being watched
            self._disable(e)

    def finish(self):
        """The run ended or stopped: sample its last iteration if it was not sampled."""
        trainer = self._last() if self._last is not None else None
        if trainer is None or not self.enabled:
            return
        state = self._states.get(trainer)
        try:
            if state is not None and state.iteration > state.last_sampled:
                self._sample(trainer, state)
        except Exception as e:
            self._disable(e)
        if state is not None:  # a resumed run() starts a fresh timing
            state.last_call_end = state.last_sample_end = state.next_due = state.before = None

    def interval(self, state):
        """Seconds of training between two samples."""
        return max(MIN_INTERVAL, state.sample_cost / COST_FRACTION)

    def _observe(self, trainer, run, iteration, epoch):
        now = time.monotonic()
        state = self._states.get(trainer)
        if state is None:
            state = self._states[trainer] = _TrainerState()
        self._last = weakref.ref(trainer)
        if state.last_call_end is not None:
            t = now - state.last_call_end
            state.iteration_time = t if state.iteration_time is None else (1 - EMA) * state.iteration_time + EMA * t
        state.run, state.iteration, state.epoch = run, iteration, epoch
        if (state.last_sample_end is None or state.next_due == iteration
                or now - state.last_sample_end >= self.interval(state)):
            self._sample(trainer, state)
            end = time.monotonic()
            cost = end - now + state.snapshot_cost
            state.sample_cost = cost if state.last_sample_end is None else 0.5 * state.sample_cost + 0.5 * cost
            state.snapshot_cost = 0.0
            state.last_sample_end = end
        # The next iteration will be due: keep its parameters' values before its update.
        if (state.next_due is None and state.iteration_time is not None
                and time.monotonic() - state.last_sample_end + state.iteration_time >= self.interval(state)):
            started = time.monotonic()
            np = _numpy()
            state.before = {path: np.asarray(p.array).astype(np.float64) for path, p in _target_params(trainer)}
            state.next_due = iteration + 1
            state.snapshot_cost = time.monotonic() - started
        state.last_call_end = time.monotonic()

    def _sample(self, trainer, state):
        before = state.before if state.iteration == state.next_due else None
        state.before = state.next_due = None
        layers = [layer_stats(path, p, before.get(path) if before else None) for path, p in _target_params(trainer)]
        state.last_sampled = state.iteration
        if layers:
            _io.param_stats(state.run, int(state.iteration), float(state.epoch), layers)

    def _disable(self, error):
        self.enabled = False
        print(f"kusari kernel: parameter statistics failed and were turned off: {error!r}", file=sys.stderr)


sampler = ParamStatsSampler()

"""Op breakpoints for the line debugger: one kusari.debug.OpWatch whose stops pause the kernel
through the debugger (reasons "op", "link", "nan", "next_op"), and the autograd graph streamed
as `graph_events` messages while a cell runs.

The watch is installed only while something is set (ops, links, nan_watch, record_graph, or a
pending next_op); otherwise no hook is installed and ops cost nothing extra. kusari is not
imported by the kernel: the watch is made when a cell first imports kusari (an import hook),
or at once when it is already loaded.

Graph streaming (record_graph): a pass is a forward pass with its backward; a new pass starts
at the cell's first graph event and at the first node after a backward ran (it is sent as
{"event": "reset"} first). The cell's first pass is streamed fully; a later one only when at
least STREAM_EVERY seconds passed since the last streamed pass began; the others are buffered
and dropped when the next pass starts, except the pass in which the debugger stops (flushed
before `stopped`, then streamed to its end) and the cell's last pass (sent when it ends).
Events go out in batches at most every FLUSH_INTERVAL seconds.

While paused, "<graph var N>" in evaluate_request / tensor_data_request names the recorded
variable with var id N (see variable()): the watch keeps weak references only, forgotten when a
cell starts, so a variable nothing else uses any more is gone."""
import sys
import threading
import time

import _kusari_kernel_debug as _host
import _kusari_kernel_debugger as _debugger_module
import _kusari_kernel_import_hook as _import_hook
import _kusari_kernel_inspector as _inspector

FLUSH_INTERVAL = 0.1   # seconds between two graph_events messages
STREAM_EVERY = 1.0     # seconds between the starts of two streamed passes (after the first)
REASONS = {"op": "op", "link_enter": "link", "link_exit": "link", "nan": "nan", "step": "next_op"}
EXTRA_KEYS = ("kind", "phase", "op", "node_id", "link_path", "file", "line", "function", "message")

_debugger = _debugger_module.debugger
_sendable = _debugger_module.sendable


class GraphStream:
    """Splits the watch's graph events into passes and decides which are sent (see above)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.start()

    def start(self):
        self.passes = 0
        self.in_backward = False
        self.streaming = False
        self.current = []        # events of the current pass not sent yet
        self.outgoing = []       # events of earlier streamed passes not sent yet
        self.last_streamed = -1e9

    def add(self, events, now):
        for event in events:
            kind = event.get("event")
            if self.passes == 0 or (kind == "node" and self.in_backward):
                if self.streaming:
                    self.outgoing += self.current
                self.passes += 1
                self.in_backward = False
                self.streaming = self.passes == 1 or now - self.last_streamed >= STREAM_EVERY
                if self.streaming:
                    self.last_streamed = now
                self.current = [{"event": "reset"}]
            if kind == "backward":
                self.in_backward = True
            self.current.append(_sendable(event))

    def take(self, everything=False):
        """The events to send now: the current pass's when it streams (or `everything`)."""
        events, self.outgoing = self.outgoing, []
        if self.current and (self.streaming or everything):
            events += self.current
            self.current = []
            self.streaming = True  # the client has this pass's beginning: send it to the end
        return events


class OpDebug:
    def __init__(self):
        self.ops, self.links = [], []
        self.nan_watch = self.record_graph = False
        self.step = False      # next_op pending
        self.watch = None
        self.kd = None         # kusari.debug, once kusari is imported
        self.import_error = ""
        self.stream = GraphStream()
        self._thread = None
        self._thread_stop = threading.Event()
        self._in_cell = False

    # --- settings --------------------------------------------------------------------------
    def wanted(self):
        return bool(self.ops or self.links or self.nan_watch or self.record_graph or self.step)

    def installed(self):
        return self.watch is not None and self.watch.installed

    def set_op_breakpoints(self, content):
        ops, links = content.get("ops", []), content.get("links", [])
        if not isinstance(ops, list) or not all(isinstance(o, str) and o for o in ops):
            return {"error": "ops must be a list of op names"}
        if not isinstance(links, list) or not all(isinstance(p, str) and p for p in links):
            return {"error": "links must be a list of link paths"}
        self.ops = list(ops)
        self.links = [p.strip("/") for p in links]
        self.nan_watch = bool(content.get("nan_watch", False))
        self.record_graph = bool(content.get("record_graph", False))
        return {"error": self.sync()}

    def _load(self):
        """kusari.debug when kusari is imported (never imports kusari itself)."""
        if self.kd is None and "kusari" in sys.modules:
            try:
                import kusari.debug as kd
                self.kd = kd
            except Exception as exc:  # an old or broken module: say so, once
                self.import_error = f"kusari.debug is not available: {type(exc).__name__}: {exc}"
        return self.kd

    def sync(self):
        """Installs, updates or uninstalls the watch; '' or why op breakpoints cannot work."""
        if not self.wanted():
            if self.installed():
                self.watch.uninstall()
            self._stop_thread()
            return ""
        kd = self._load()
        if kd is None:
            return self.import_error  # "" until kusari is imported: the import hook calls sync()
        if self.watch is None:
            self.watch = kd.OpWatch(on_stop=self._on_stop)
        w = self.watch
        w.break_ops, w.break_links = self.ops, self.links
        w.nan_watch, w.step_next_op = self.nan_watch, self.step
        w.record_graph = self.record_graph and not _debugger.paused
        w.install()
        if self._in_cell and self.record_graph:
            self._start_thread()
        elif not self.record_graph:
            self._stop_thread()
        return ""

    # --- next_op ----------------------------------------------------------------------------
    def next_op_check(self):
        if self._load() is None:
            return self.import_error or "no op has run: kusari is not imported"
        return ""

    def next_op_arm(self):
        self.step = True
        self.sync()

    # --- stops ------------------------------------------------------------------------------
    def _on_stop(self, event):
        extra = {key: event.get(key) for key in EXTRA_KEYS}
        extra["inputs"] = [s or {} for s in event.get("inputs") or []]
        extra["outputs"] = [s or {} for s in event.get("outputs") or []]
        location = None
        if event.get("phase") == "backward" and event.get("file"):
            location = (event["file"], int(event.get("line") or 0), f"backward of {event.get('op', '')}")
        reason = REASONS.get(event.get("kind"), "op")
        _debugger.stop(reason, event.get("message", ""), _sendable(extra), location)
        if not self.wanted():  # the last thing set was this step (or the set was cleared meanwhile)
            self.sync()

    def before_stop(self):
        """Any stop (an op's, a link's, a line's) ends a pending next_op: the user has control
        again, and resuming with next_op arms it anew. The pass the debugger stops in goes out
        before `stopped`."""
        if self.step:
            self.step = False
            if self.watch is not None:
                self.watch.step_next_op = False
        self._send(everything=True)
        if self.watch is not None:
            self.watch.record_graph = False  # expressions evaluated while paused are not the program's graph

    def after_stop(self):
        if self.watch is not None:
            self.watch.record_graph = self.record_graph

    # --- graph variables --------------------------------------------------------------------
    def variable(self, var_id):
        """The recorded Variable with this var id; LookupError when none is known or alive."""
        if self.watch is None:
            raise LookupError("no graph is recorded (open the Graph or set an op breakpoint)")
        value = self.watch.graph_variable(var_id)
        if value is None:
            raise LookupError(f"graph variable {var_id} is gone: nothing uses it any more "
                              "(or it was recorded in an earlier cell)")
        return value

    # --- graph events -----------------------------------------------------------------------
    def _send(self, everything=False):
        if self.watch is None or not self.record_graph:
            return
        with self.stream.lock:
            self.stream.add(self.watch.take_graph_events(), time.monotonic())
            events = self.stream.take(everything)
        if events:
            _host.event("graph_events", {"events": events})

    def _start_thread(self):
        if self._thread is not None:
            return
        self._thread_stop.clear()
        self._thread = threading.Thread(target=self._run_thread, name="kusari-graph-events", daemon=True)
        self._thread.start()

    def _stop_thread(self):
        if self._thread is None:
            return
        self._thread_stop.set()
        self._thread.join()
        self._thread = None

    def _run_thread(self):
        while not self._thread_stop.wait(FLUSH_INTERVAL):
            try:
                self._send()
            except Exception as exc:  # never take the cell down; say it once
                sys.__stderr__.write(f"kusari-kernel: graph events failed: {exc}\n")
                return

    # --- cells ------------------------------------------------------------------------------
    def cell(self, begin):
        self._in_cell = begin
        if begin:
            self.stream.start()
            if self.watch is not None:
                self.watch.clear_graph()  # ops run between cells (other threads) are not this cell's
            self.sync()
            return
        self._stop_thread()
        self._send(everything=True)  # the rest of the last pass, streamed or not
        self.step = False
        self.sync()


op_debug = OpDebug()


def _sync_after_import(module):
    if op_debug.wanted():
        op_debug.sync()


def installed():
    """Whether an OpWatch is installed now (tests: nothing set, nothing installed)."""
    return op_debug.installed()


_debugger.handlers["set_op_breakpoints_request"] = op_debug.set_op_breakpoints
_debugger.next_op_check = op_debug.next_op_check
_debugger.next_op_arm = op_debug.next_op_arm
_debugger.cell_hooks.append(op_debug.cell)
_debugger.before_stop.append(op_debug.before_stop)
_debugger.after_stop.append(op_debug.after_stop)
_inspector.graph_variable = op_debug.variable
_import_hook.on_import("kusari", _sync_after_import)

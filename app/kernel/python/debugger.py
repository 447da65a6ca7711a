"""The line debugger: breakpoints and stepping with sys.settrace, and the paused state.

Tracing is installed (on the kernel's Python thread only) while breakpoints exist or a step is
pending; otherwise sys.gettrace() is None and cells run at full speed. Frames of files without
breakpoints get no local trace (the bdb trick) unless a step or pause is pending.

Paused, the Python thread serves requests from the client (see _kusari_kernel_inspector) until
one resumes it. Any code on that thread can pause the same way:

    import _kusari_kernel_debugger
    _kusari_kernel_debugger.stop("op", "linear produced NaN", {"op": "linear", "node": 12})

stop(reason, description="", extra=None) pauses at the innermost frame of user code (a cell or
a file outside the kusari package and the standard library), sends `stopped` with that reason
and `extra` (a dict of CBOR-able values), serves requests until resumed, and returns the action
that resumed it ("continue", "next", "step", "return", "run_to", "next_op"); a step resumes into
tracing, stopping at the next line as requested. `location` = (source, line, note) reports that
line instead of the frame's (a backward op stop names the forward line that made the node); the
innermost frame then says so in its function name. It returns None at once when it cannot pause (not the
kernel's Python thread, no cell running, already paused), and raises KeyboardInterrupt when the
client interrupts the paused kernel.

Break on uncaught exceptions (set_breakpoints_request's break_on_exception): the rule is that
an exception is uncaught when it leaves the cell's top-level code (execute.run_cell catches it
and calls on_uncaught before reporting it). The kernel then pauses post mortem at the innermost
user frame of the traceback, reason "exception"; the finished frames keep their locals, so they
can be inspected, and only "continue" resumes. Nothing is traced for this while the cell runs.
"""
import os
import signal
import sys
import sysconfig
import threading

import _kusari_kernel_debug as _host
import _kusari_kernel_inspector as _inspector

CELL_PREFIX = "<cell "
KERNEL_PREFIX = "<kusari-kernel/"
RESUME_ACTIONS = ("continue", "next", "step", "return", "run_to", "next_op")
DEBUG_REQUESTS = ("set_breakpoints_request", "debug_control_request", "stack_request", "scopes_request",
                  "children_request", "evaluate_request", "set_variable_request", "tensor_data_request",
                  "set_op_breakpoints_request")
_REPLY = {name: name[:-len("request")] + "reply" for name in DEBUG_REQUESTS}


class Breakpoint:
    def __init__(self, spec):
        self.source = spec.get("source", "")
        self.line = int(spec.get("line", 0))
        self.condition = spec.get("condition", "") or ""
        self.hit_condition = (spec.get("hit_condition", "") or "").strip()
        self.log_message = spec.get("log_message", "") or ""
        self.enabled = bool(spec.get("enabled", True))
        self.hits = 0
        self.code = None

    def check(self):
        """'' when the breakpoint can hit, else why not."""
        if not self.source:
            return "no source"
        if self.line < 1:
            return f"line {self.line} is not a line"
        if not self.source.startswith(CELL_PREFIX):
            if not os.path.isabs(self.source):
                return f"{self.source} is neither a cell (<cell ID>) nor an absolute path"
            if not os.path.isfile(self.source):
                return f"{self.source} does not exist"
        if self.condition:
            try:
                self.code = compile(self.condition, "<breakpoint condition>", "eval")
            except SyntaxError as exc:
                return f"condition does not compile: {exc.msg}"
        if self.hit_condition and _hit_test(self.hit_condition, 1) is None:
            return f"hit condition {self.hit_condition!r} is not 'N', '== N', '>= N', '> N' or '% N'"
        return ""


def sendable(value):
    """`value` with anything a message cannot carry (NumPy scalars, objects) turned into text."""
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return value
    if isinstance(value, dict):
        return {str(k): sendable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [sendable(v) for v in value]
    return str(value)


def _hit_test(text, hits):
    """Whether `hits` satisfies the hit condition; None when the condition is malformed."""
    for op in ("==", ">=", ">", "%", ""):
        if text.startswith(op):
            try:
                n = int(text[len(op):].strip())
            except ValueError:
                continue
            if op == "%":
                return n > 0 and hits % n == 0
            return {"==": hits == n, "": hits == n, ">=": hits >= n, ">": hits > n}[op]
    return None


class Debugger:
    def __init__(self):
        self.breakpoints = {}  # source -> {line: [Breakpoint]}
        self.mode = None       # None | "step" | "pause" | "next" | "return" | "run_to"
        self.step_frame = None
        self.run_to = None     # (source, line)
        self.paused = False
        self.in_cell = False
        self.break_on_exception = False
        self.post_mortem = False  # paused on an uncaught exception: only continue resumes
        self._user_cache = {}
        self._library_roots = self._library_dirs()
        self._kusari_known = False
        # Set by _kusari_kernel_op_debug: requests it serves (kind -> fn(content) -> reply),
        # next_op (check() -> error text, arm()), and calls at cell start/end and before `stopped`.
        self.handlers = {}
        self.next_op_check = lambda: "op stepping is not available"
        self.next_op_arm = lambda: None
        self.cell_hooks = []      # fn(begin: bool)
        self.before_stop = []     # fn()
        self.after_stop = []      # fn(), when the kernel continues

    # --- which code is the user's -------------------------------------------------------
    @staticmethod
    def _library_dirs():
        """The standard library, site-/dist-packages and, once imported, the kusari package."""
        paths = [sysconfig.get_paths().get(key) for key in ("stdlib", "platstdlib", "purelib", "platlib")]
        paths += [p for p in sys.path if p.rstrip(os.sep).endswith(("site-packages", "dist-packages"))]
        kusari = sys.modules.get("kusari")
        if kusari is not None and getattr(kusari, "__file__", None):
            paths.append(os.path.dirname(kusari.__file__))
        return tuple(sorted({os.path.realpath(p) + os.sep for p in paths if p}))

    def is_user(self, filename):
        known = self._user_cache.get(filename)
        if known is not None:
            return known
        if filename.startswith(CELL_PREFIX):
            user = True
        elif filename.startswith("<") or not filename:
            user = False
        else:
            if not self._kusari_known and "kusari" in sys.modules:
                self._library_roots = self._library_dirs()
                self._kusari_known = True
            user = not os.path.realpath(filename).startswith(self._library_roots)
        self._user_cache[filename] = user
        return user

    # --- tracing ------------------------------------------------------------------------
    def _tracing_wanted(self):
        return bool(self.breakpoints) or self.mode is not None

    def update_tracing(self):
        """Installs or removes the trace function on this (the kernel's Python) thread."""
        if threading.current_thread() is not threading.main_thread():
            return
        if self._tracing_wanted():
            sys.settrace(self._trace_call)
            self._trace_stack(sys._getframe(1))
        else:
            sys.settrace(None)
            frame = sys._getframe(1)
            while frame is not None:
                if frame.f_trace is not None:
                    frame.f_trace = None
                frame = frame.f_back

    def _trace_stack(self, frame):
        """Running frames get a local trace too (they began before tracing was installed)."""
        while frame is not None:
            if self._wants_frame(frame):
                frame.f_trace = self._trace_local
            frame = frame.f_back

    def _wants_frame(self, frame):
        filename = frame.f_code.co_filename
        if filename in self.breakpoints:
            return True
        if self.run_to is not None and filename == self.run_to[0]:
            return True
        return self.mode is not None and self.is_user(filename)

    def _trace_call(self, frame, event, arg):
        if self.paused or not self.in_cell:
            return None
        return self._trace_local if self._wants_frame(frame) else None

    def _trace_local(self, frame, event, arg):
        if self.paused or not self.in_cell:
            return None
        if event == "line":
            self._on_line(frame)
        elif event == "return" and frame is self.step_frame and self.mode in ("next", "return"):
            caller = frame.f_back
            if caller is not None and self.is_user(caller.f_code.co_filename):
                self.step_frame = caller
                self.mode = "next"
                caller.f_trace = self._trace_local
            else:
                self.step_frame, self.mode = None, "step"
        return self._trace_local

    def _on_line(self, frame):
        filename = frame.f_code.co_filename
        line = frame.f_lineno
        for bp in self.breakpoints.get(filename, {}).get(line, ()):
            if bp.enabled and self._breakpoint_hits(bp, frame):
                if bp.log_message:
                    sys.stdout.write(_inspector.interpolate(bp.log_message, frame) + "\n")
                    continue
                self._pause(frame, "breakpoint", f"breakpoint at line {line}")
                return
        if self.mode is None:
            return
        user = self.is_user(filename)
        if self.mode in ("step", "pause") and user:
            self._pause(frame, self.mode, "")
        elif self.mode == "next" and frame is self.step_frame:
            self._pause(frame, "step", "")
        elif self.mode == "run_to" and (filename, line) == self.run_to:
            self._pause(frame, "step", f"ran to line {line}")

    def _breakpoint_hits(self, bp, frame):
        if bp.code is not None:
            try:
                if not eval(bp.code, frame.f_globals, frame.f_locals):
                    return False
            except Exception:
                return True  # a broken condition stops rather than silently never hitting
        bp.hits += 1
        return not bp.hit_condition or bool(_hit_test(bp.hit_condition, bp.hits))

    # --- the paused state ----------------------------------------------------------------
    def _pause(self, frame, reason, description, extra=None, location=None):
        self.paused = True
        try:
            action = self._serve_paused(frame, reason, description, extra, location)
        finally:
            self.paused = False
            _inspector.forget()
            for hook in self.after_stop:
                hook()
            _host.event("continued", {})
        self._resume(action, frame)
        return action

    def _serve_paused(self, frame, reason, description, extra, location):
        source, line = frame.f_code.co_filename, frame.f_lineno
        if location is not None:
            source, line = location[0], location[1]
        frames = _inspector.enter(frame, self.is_user, location)
        for hook in self.before_stop:
            hook()
        _host.event("stopped", {
            "reason": reason, "description": description,
            "source": source, "line": line,
            "frames": frames, "extra": sendable(dict(extra or {})),
        })
        _host.set_paused(True)
        try:
            while True:
                request = _host.next_request()  # raises KeyboardInterrupt on an interrupt
                if request is None:  # the client left
                    raise SystemExit("the client disconnected while the kernel was paused")
                kind, request_id, content = request
                if kind == "debug_control_request":
                    action = content.get("action", "")
                    error = self._check_action(content)
                    _host.reply("debug_control_reply", request_id, {"error": error})
                    if not error and action != "pause":
                        return content
                else:
                    self.serve(kind, request_id, content)
        finally:
            _host.set_paused(False)

    def _check_action(self, content):
        action = content.get("action", "")
        if action == "pause":
            return ""
        if action not in RESUME_ACTIONS:
            return f"unknown debug action {action!r}"
        if self.post_mortem and action != "continue":
            return "stopped on an uncaught exception: the cell has ended, only continue resumes"
        if action == "run_to" and (not content.get("source") or int(content.get("line", 0)) < 1):
            return "run_to needs a source and a line"
        if action == "next_op":
            return self.next_op_check()
        return ""

    def _resume(self, content, frame):
        action = content.get("action")
        self.mode, self.step_frame, self.run_to = None, None, None
        if action == "step":
            self.mode = "step"
        elif action in ("next", "return"):
            self.mode, self.step_frame = action, frame
        elif action == "run_to":
            self.mode, self.run_to = "run_to", (content["source"], int(content["line"]))
        elif action == "next_op":
            self.next_op_arm()
        if self._tracing_wanted():
            sys.settrace(self._trace_call)
            self._trace_stack(frame)
        else:
            self.update_tracing()
        return action

    def stop(self, reason, description="", extra=None, location=None):
        """Pauses in the innermost user frame (see the module docstring)."""
        if self.paused or not self.in_cell or threading.current_thread() is not threading.main_thread():
            return None
        frame = sys._getframe(1)
        while frame is not None and not self.is_user(frame.f_code.co_filename):
            frame = frame.f_back
        if frame is None:
            return None
        return self._pause(frame, reason, description, extra, location).get("action")

    def on_uncaught(self, exc):
        """execute.run_cell: `exc` is about to end the cell. Pauses at the innermost user frame
        of its traceback when break_on_exception is on (see the module docstring)."""
        if (not self.break_on_exception or not isinstance(exc, Exception) or self.paused or not self.in_cell
                or threading.current_thread() is not threading.main_thread()):
            return
        frame, line = None, 0
        tb = exc.__traceback__
        while tb is not None:
            if self.is_user(tb.tb_frame.f_code.co_filename):
                frame, line = tb.tb_frame, tb.tb_lineno
            tb = tb.tb_next
        if frame is None:  # e.g. a SyntaxError: no user code ran
            return
        sys.settrace(None)  # no stepping from here: the cell is over
        self.mode, self.step_frame, self.run_to = None, None, None
        self.post_mortem = True
        try:
            self._pause(frame, "exception", f"{type(exc).__name__}: {exc}",
                        {"ename": type(exc).__name__, "evalue": str(exc), "line": line})
        finally:
            self.post_mortem = False
            sys.settrace(None)

    # --- requests ------------------------------------------------------------------------
    def serve(self, kind, request_id, content):
        """Serves one debug request (paused or not) and posts its reply."""
        reply_type = _REPLY.get(kind)
        if reply_type is None:
            return
        try:
            if kind == "set_breakpoints_request":
                self.break_on_exception = bool(content.get("break_on_exception", False))
                reply = self.set_breakpoints(content.get("breakpoints", []))
            elif kind in self.handlers:
                reply = self.handlers[kind](content)
            elif kind == "debug_control_request":
                reply = self._control_unpaused(content)
            elif not self.paused:
                reply = {"error": "the kernel is not paused"}
            else:
                reply = _inspector.serve(kind, content)
        except Exception as exc:  # a bug here must not take the paused cell down
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        _host.reply(reply_type, request_id, reply)

    def _control_unpaused(self, content):
        if self.paused:
            return {"error": self._check_action(content)}
        if content.get("action") != "pause":
            return {"error": "the kernel is not paused"}
        if not self.in_cell:
            return {"error": "no cell is running"}
        self.mode = "pause"
        self.update_tracing()
        return {"error": ""}

    def set_breakpoints(self, specs):
        table, statuses = {}, []
        for spec in specs:
            bp = Breakpoint(spec)
            why = bp.check()
            statuses.append({"verified": not why, "message": why})
            if not why:
                table.setdefault(bp.source, {}).setdefault(bp.line, []).append(bp)
        self.breakpoints = table
        if self.in_cell and not self.paused:
            self.update_tracing()
        return {"breakpoints": statuses, "error": ""}

    # --- cells ------------------------------------------------------------------------------
    def begin_cell(self):
        self.in_cell = True
        self.mode, self.step_frame, self.run_to = None, None, None
        if self._tracing_wanted():
            sys.settrace(self._trace_call)
        for hook in self.cell_hooks:
            hook(True)

    def end_cell(self):
        self.in_cell = False
        self.mode, self.step_frame, self.run_to = None, None, None
        sys.settrace(None)
        for hook in self.cell_hooks:
            hook(False)


debugger = Debugger()


def _serve_urgent(signum, frame):
    """set_breakpoints / pause sent while a cell runs: the socket thread sends this signal."""
    _host.serve_urgent()


signal.signal(_host.URGENT_SIGNAL, _serve_urgent)
stop = debugger.stop
serve = debugger.serve
begin_cell = debugger.begin_cell
end_cell = debugger.end_cell
on_uncaught = debugger.on_uncaught

"""Runs one cell the way Jupyter does: the value of a trailing expression becomes the cell's
execute_result, and an exception becomes an error report whose traceback starts at the cell."""
import ast
import linecache
import traceback

import _kusari_kernel_debugger as _debugger
import _kusari_kernel_display as _display

CELL_PREFIX = "<cell "
KERNEL_PREFIX = "<kusari-kernel/"

current_cell_id = ""  # of the cell running now (training metrics name their run after it)


def cell_filename(cell_id):
    return f"{CELL_PREFIX}{cell_id}>"


def run_cell(code, cell_id, silent, namespace, execution_count=0):
    """None when the cell ran to the end, else an error report (a dict, see error_report).
    `execution_count` goes with the value of the last expression (execute_result)."""
    global current_cell_id
    current_cell_id = cell_id
    filename = cell_filename(cell_id)
    # mtime None: linecache.checkcache() keeps the entry, so tracebacks can show cell lines.
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    _debugger.begin_cell()  # traces only while breakpoints exist or a step is pending
    try:
        tree = compile(code, filename, "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        exec(compile(tree, filename, "exec", dont_inherit=True), namespace)
        if last is not None:
            value = eval(compile(last, filename, "eval", dont_inherit=True), namespace)
            if value is not None and not silent:
                namespace["_"] = value
                _display.publish_result(value, execution_count)
    except BaseException as exc:  # KeyboardInterrupt and SystemExit end the cell, not the kernel
        try:
            _debugger.on_uncaught(exc)  # break on uncaught exceptions, when asked
        except BaseException as ended:  # an interrupt (or a lost client) while paused there
            exc = ended
        _debugger.end_cell()
        return error_report(exc, cell_id)
    _debugger.end_cell()
    return None


def error_report(exc, running_cell_id=""):
    """An interrupt can land before the cell's first line ran: the error then names the
    running cell with line -1."""
    report = traceback.TracebackException(type(exc), exc, exc.__traceback__)
    _strip_kernel_frames(report)
    cell_id, line = _innermost_cell_line(exc) or (running_cell_id, -1)
    return {
        "ename": type(exc).__name__,
        "evalue": str(exc),
        "traceback": list(report.format()),
        "cell_id": cell_id,
        "line": line,
    }


def _strip_kernel_frames(report):
    """Drops the frames before the first cell frame and any frame of the kernel's own code."""
    seen = set()
    pending = [report]
    while pending:
        te = pending.pop()
        if te is None or id(te) in seen:
            continue
        seen.add(id(te))
        frames = list(te.stack)
        first = next((i for i, f in enumerate(frames) if f.filename.startswith(CELL_PREFIX)), len(frames))
        kept = [f for f in frames[first:] if not f.filename.startswith(KERNEL_PREFIX)]
        te.stack = traceback.StackSummary.from_list(kept)
        pending += [te.__cause__, te.__context__]


def _innermost_cell_line(exc):
    cell = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(CELL_PREFIX):
            cell = (filename[len(CELL_PREFIX):-1], tb.tb_lineno)
        tb = tb.tb_next
    if isinstance(exc, SyntaxError) and (exc.filename or "").startswith(CELL_PREFIX):
        cell = (exc.filename[len(CELL_PREFIX):-1], exc.lineno or -1)
    return cell

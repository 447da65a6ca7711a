"""The op-level debugger's engine hook: stop at ops, links, the first NaN/Inf, or the next op.

    import kusari.debug as kd
    w = kd.OpWatch()
    w.break_ops = {"relu", "convolution_2d"}  # op names, as FunctionNode.label / HookEvent.op
    w.break_links = {"predictor/l2"}         # full link paths; stops at "link_enter" and "link_exit"
    w.nan_watch = True                        # stop at the op that made the first NaN/Inf
    w.step_next_op = True                     # one shot: stop after the next op, then False again
    w.record_graph = True                     # record graph events (take_graph_events)
    w.on_stop = callback                      # callback(event: dict)
    with w:                                   # or w.install() ... w.uninstall()
        ...

All the deciding happens in C++ (kusari/debug/op_watch.h): an installed watch with nothing
armed costs one atomic load per op and calls no Python. ``on_stop`` runs synchronously on the
thread running the op, with the GIL held; the op waits until it returns. An exception it raises
propagates to the code that ran the op (the op's call, ``backward()``, or a link's ``__call__``).
Ops the callback itself runs are not watched (no nested stops, nothing recorded), nor the ops a
node's backward formula runs: in backward, the node is the unit (phase "backward").

Inside ``on_stop``, ``sys._getframe(1)`` is the innermost Python frame running when the op was
called (the user's line in forward; the ``backward()`` caller in backward), so a line debugger
can show that frame's variables while stopped.

The watch is global: installed, it sees the ops of every thread.

Stop event (a dict)::

    kind       "op" | "link_enter" | "link_exit" | "nan" | "step"
    phase      "forward" | "backward"
    op         the op's name ("" for link events)
    node_id    FunctionNode.id, 0 when no graph node was recorded (no_backprop_mode, links)
    node       the FunctionNode itself, or None (extension)
    link_path  the link whose forward ran the op ("predictor/l1"; "" outside links)
    file, line, function
               the user's source line: for forward, the line that called the op (or the link);
               for backward, the line of the forward call that made the node
    inputs, outputs
               lists of summaries. Forward: the op's inputs and outputs. Backward: the gradients
               arriving at the node's outputs (grad_outputs) and those it computed for its inputs
               (grad_inputs); None where a gradient is absent. Link events: empty lists.
    message    human text, e.g. "log produced NaN (1 of 4 elements) at <cell abc>:3 in <module>"

    summary = {"shape": [..], "dtype": "float32", "device": "cpu", "min", "max", "mean", "std"
               (over the finite elements; 0 when none is finite), "nan_count", "inf_count"}

When a stop fires:

* op breakpoints fire after an op's forward (its outputs are known) and again after its
  backward (phase "backward"), so a breakpoint on "relu" stops in both passes;
* link breakpoints fire when the link's forward starts (after its name joins the path) and when
  it returns normally (not when it raises); the path is the full one, "predictor/l2";
* nan_watch names the op that made the first non-finite value: in forward, the first op whose
  outputs hold NaN/Inf while none of its inputs did (a parameter that already holds NaN/Inf is
  reported at the first op that uses it, said so in the message); in backward, the first node
  whose input gradients hold NaN/Inf while the gradients arriving at it did not. Later ops
  that merely pass the NaN on are not reported;
* step_next_op stops after the next op, forward or backward, and resets itself; any op stop
  consumes it, link stops do not;
* one op gives at most one stop; the kind is the first of nan, op, step that applies.

Graph events (record_graph; ``take_graph_events()`` returns those since the last call)::

    {"event": "node", "id": node_id, "op", "label", "link_path", "file", "line", "function",
     "inputs": [{"var": var_id, "shape", "dtype", "name" ("" when unnamed), "param": bool,
                 "creator": node_id or 0}],
     "outputs": [{"var": var_id, "shape", "dtype"}]}
    {"event": "backward", "id": node_id, "op"}     # when that node's backward starts

A node is recorded when its forward finishes and only when a graph node is made (backprop on
and an input requires grad). Variable ids are ``Variable.id`` of the engine: a process-wide
counter stored in the variable when it is made, stable for its life and never reused (so an
output's var id equals the var id of the same variable where it is later an input). ``param``
marks Parameters and named variables without a creator. The buffer holds at most 200,000
events; beyond that, events are dropped and counted in ``graph_events_dropped``.

``graph_variable(var_id)`` returns the recorded variable with that id (a ``Variable`` sharing
its node) while something else keeps it alive, else None: the watch holds only weak references,
so recording keeps no array alive. ``clear_graph()`` forgets them.
"""
from collections.abc import MutableSet

from kusari._kusari import debug as _impl

__all__ = ["OpWatch"]


class _NameSet(MutableSet):
    """A live set of names: changes go straight to the watch (w.break_ops.add("relu"))."""

    def __init__(self, watch, attr):
        self._watch = watch
        self._attr = attr

    def _names(self):
        return set(getattr(self._watch, self._attr))

    def __contains__(self, name):
        return name in self._names()

    def __iter__(self):
        return iter(sorted(self._names()))

    def __len__(self):
        return len(getattr(self._watch, self._attr))

    def add(self, name):
        setattr(self._watch, self._attr, self._names() | {name})

    def discard(self, name):
        setattr(self._watch, self._attr, self._names() - {name})

    def __repr__(self):
        return repr(self._names())


class OpWatch:
    """A FunctionHook that stops the program at ops, links, the first NaN/Inf or the next op.

    See the module docstring for the stop event and graph event formats.
    """

    def __init__(self, break_ops=(), break_links=(), nan_watch=False, step_next_op=False,
                 record_graph=False, on_stop=None):
        self._impl = _impl.OpWatch()
        self._on_stop = None
        self._installed = False
        self.break_ops = break_ops
        self.break_links = break_links
        self.nan_watch = nan_watch
        self.step_next_op = step_next_op
        self.record_graph = record_graph
        self.on_stop = on_stop

    # ---- what stops ----
    @property
    def break_ops(self):
        return _NameSet(self._impl, "break_ops")

    @break_ops.setter
    def break_ops(self, names):
        self._impl.break_ops = names

    @property
    def break_links(self):
        return _NameSet(self._impl, "break_links")

    @break_links.setter
    def break_links(self, paths):
        self._impl.break_links = paths

    @property
    def nan_watch(self):
        return self._impl.nan_watch

    @nan_watch.setter
    def nan_watch(self, on):
        self._impl.nan_watch = bool(on)

    @property
    def step_next_op(self):
        return self._impl.step_next_op

    @step_next_op.setter
    def step_next_op(self, on):
        self._impl.step_next_op = bool(on)

    @property
    def record_graph(self):
        return self._impl.record_graph

    @record_graph.setter
    def record_graph(self, on):
        self._impl.record_graph = bool(on)

    @property
    def on_stop(self):
        return self._on_stop

    @on_stop.setter
    def on_stop(self, callback):
        self._impl._set_on_stop(callback)  # TypeError unless callable or None
        self._on_stop = callback

    # ---- installation ----
    @property
    def installed(self):
        return self._installed

    def install(self):
        """Installs the watch globally (every thread's ops); a second call does nothing."""
        if not self._installed:
            self._impl._install()
            self._installed = True
        return self

    def uninstall(self):
        if self._installed:
            self._impl._uninstall()
            self._installed = False

    def __enter__(self):
        return self.install()

    def __exit__(self, *exc):
        self.uninstall()
        return False

    # ---- graph ----
    def take_graph_events(self):
        """The graph events recorded since the last call, oldest first (cheap when none)."""
        return self._impl.take_graph_events()

    def clear_graph(self):
        """Drops the recorded events and forgets the recorded variables."""
        self._impl.clear_graph()

    def graph_variable(self, var_id):
        """The recorded variable with this ``var`` id while it lives, else None."""
        return self._impl.graph_variable(int(var_id))

    @property
    def graph_events_dropped(self):
        return self._impl.graph_events_dropped

    def __repr__(self):
        armed = [name for name in ("nan_watch", "step_next_op", "record_graph") if getattr(self, name)]
        return (f"<OpWatch break_ops={sorted(self.break_ops)} break_links={sorted(self.break_links)}"
                f"{' ' + ' '.join(armed) if armed else ''}{' installed' if self._installed else ''}>")

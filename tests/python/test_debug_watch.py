"""kusari.debug.OpWatch, the op-level debugger's hook, from Python: op breakpoints at the
user's line, the first-NaN watch in forward and backward, step to next op, link enter/exit
for a Chain's child, graph recording, uninstalling, and exceptions raised by on_stop."""
import inspect
import sys

import numpy as np
import pytest

import kusari as chainer
import kusari.debug as kd
import kusari.functions as F
import kusari.links as L


def here():
    """The caller's line number (write it on the line of the op being checked)."""
    return inspect.currentframe().f_back.f_lineno


class MLP(chainer.Chain):
    def __init__(self):
        super().__init__()
        with self.init_scope():
            self.l1 = L.Linear(3, 4)
            self.l2 = L.Linear(4, 2)

    def forward(self, x):
        h = F.relu(self.l1(x))
        return self.l2(h)


@pytest.fixture
def watch():
    stops = []
    w = kd.OpWatch(on_stop=stops.append)
    w.stops = stops
    w.install()
    yield w
    w.uninstall()


def arr(*values):
    return np.array(values, np.float32)


def test_op_breakpoint_on_relu_gives_the_callers_line_and_summaries(watch):
    watch.break_ops = {"relu"}
    x = chainer.Variable(arr(-1, 2, -3, 4))
    h = x * 2.0
    y, line = F.relu(h), here()
    assert len(watch.stops) == 1
    e = watch.stops[0]
    assert {"kind", "phase", "op", "node_id", "link_path", "file", "line", "function", "inputs", "outputs",
            "message"} <= set(e)
    assert (e["kind"], e["phase"], e["op"]) == ("op", "forward", "relu")
    assert (e["file"], e["line"], e["function"]) == (__file__, line, inspect.currentframe().f_code.co_name)
    assert e["node_id"] == y.creator.id and e["node"].id == y.creator.id
    s = e["inputs"][0]
    assert s["shape"] == [4] and s["dtype"] == "float32"
    assert (s["min"], s["max"], s["mean"], s["nan_count"], s["inf_count"]) == (-6.0, 8.0, 1.0, 0, 0)
    assert s["std"] == pytest.approx(np.std([-2, 4, -6, 8]))
    assert e["outputs"][0]["min"] == 0.0 and e["outputs"][0]["mean"] == 3.0
    assert "relu" in e["message"] and f":{line}" in e["message"]

    F.sum(y).backward()  # relu matches again, in backward, at its forward line
    assert [(s["op"], s["phase"], s["line"]) for s in watch.stops] == [("relu", "forward", line),
                                                                       ("relu", "backward", line)]
    assert watch.stops[1]["outputs"][0]["mean"] == 0.5  # relu's input gradient: x > 0


def test_op_breakpoint_without_a_graph_node_still_names_the_line(watch):
    watch.break_ops = {"exp"}
    with chainer.no_backprop_mode():
        y, line = F.exp(arr(1.0)), here()
    e = watch.stops[0]
    assert (e["node_id"], e["node"], e["file"], e["line"]) == (0, None, __file__, line)


def test_on_stop_sees_the_callers_frame(watch):
    seen = []
    watch.on_stop = lambda event: seen.append(sys._getframe(1).f_locals.get("marker"))
    watch.break_ops = {"exp"}
    marker = "the caller's local"  # noqa: F841 (read through the frame)
    F.exp(arr(1.0))
    assert seen == ["the caller's local"]


def test_break_ops_is_a_live_set_and_checks_its_input(watch):
    watch.break_ops.add("exp")
    assert "exp" in watch.break_ops and set(watch.break_ops) == {"exp"}
    F.exp(arr(1.0))
    assert [s["op"] for s in watch.stops] == ["exp"]
    watch.break_ops.discard("exp")
    F.exp(arr(1.0))
    assert len(watch.stops) == 1
    with pytest.raises(TypeError, match="break_ops"):
        watch.break_ops = "relu"
    with pytest.raises(TypeError, match="on_stop"):
        watch.on_stop = 3


def test_nan_watch_names_the_op_that_made_the_nan_not_later_ones(watch):
    watch.nan_watch = True
    x = chainer.Variable(arr(1, -1, 2, 4))
    h, line = F.log(x), here()
    z = F.exp(h * 2.0)
    F.sum(z)
    assert len(watch.stops) == 1
    e = watch.stops[0]
    assert (e["kind"], e["op"], e["line"]) == ("nan", "log", line)
    assert e["message"].startswith(f"log produced NaN (1 of 4 elements) at {__file__}:{line}")
    assert e["outputs"][0]["nan_count"] == 1 and e["inputs"][0]["nan_count"] == 0
    assert e["outputs"][0]["max"] == pytest.approx(np.log(4.0))  # moments over the finite elements


def test_backward_nan_reports_the_forward_line(watch):
    watch.nan_watch = True
    x = chainer.Variable(arr(0, 1, 4))
    r, line = F.sqrt(x * 3.0), here()
    loss = F.sum(r)
    assert watch.stops == []
    loss.backward()
    assert len(watch.stops) == 1  # sqrt, not mul_scalar which passes the Inf on
    e = watch.stops[0]
    assert (e["kind"], e["phase"], e["op"], e["file"], e["line"]) == ("nan", "backward", "sqrt", __file__, line)
    assert "backward of sqrt produced Inf (1 of 3 elements)" in e["message"]
    assert e["outputs"][0]["inf_count"] == 1


def test_step_next_op_fires_once(watch):
    watch.step_next_op = True
    x = chainer.Variable(arr(1, 2))
    a, line = F.exp(x), here()
    F.sum(F.log(a))
    assert [(s["kind"], s["op"], s["line"]) for s in watch.stops] == [("step", "exp", line)]
    assert watch.step_next_op is False
    loss = F.sum(a)
    watch.step_next_op = True
    loss.backward()  # the next op is sum's backward, not an op inside a backward formula
    assert [(s["kind"], s["phase"], s["op"]) for s in watch.stops[1:]] == [("step", "backward", "sum")]


def test_link_enter_and_exit_for_a_chain_child(watch):
    model = L.Classifier(MLP())
    watch.break_links = {"predictor/l2"}
    watch.break_ops = {"linear"}
    x = arr(1, 2, 3, 4, 5, 6).reshape(2, 3)
    model(x, np.array([0, 1], np.int32))
    assert [(s["kind"], s["link_path"]) for s in watch.stops] == [
        ("op", "predictor/l1"), ("link_enter", "predictor/l2"), ("op", "predictor/l2"), ("link_exit", "predictor/l2")]
    enter = watch.stops[1]
    assert enter["function"] == "forward" and enter["file"] == __file__
    assert enter["line"] == inspect.getsourcelines(MLP.forward)[1] + 2  # "return self.l2(h)"
    assert enter["op"] == "" and enter["node_id"] == 0 and enter["inputs"] == []


def test_uninstall_and_context_manager(watch):
    watch.break_ops = {"exp"}
    watch.uninstall()
    F.exp(arr(1.0))
    assert watch.stops == [] and not watch.installed
    with watch:
        F.exp(arr(1.0))
    F.exp(arr(1.0))
    assert len(watch.stops) == 1


def test_exception_in_on_stop_reaches_the_op_caller(watch):
    def boom(event):
        raise RuntimeError("stopped at " + event["kind"] + " " + event["phase"])
    watch.on_stop = boom
    watch.break_ops = {"sqrt"}
    x = chainer.Variable(arr(1, 4))
    with pytest.raises(RuntimeError, match="stopped at op forward"):
        F.sqrt(x)
    watch.break_ops = set()
    y = F.sqrt(x)
    watch.break_ops = {"sqrt"}
    with pytest.raises(RuntimeError, match="stopped at op backward"):
        F.sum(y).backward()
    watch.break_ops = set()
    watch.break_links = {"predictor"}
    model = L.Classifier(MLP())
    with pytest.raises(RuntimeError, match="stopped at link_enter"):
        model(arr(1, 2, 3).reshape(1, 3), np.array([0], np.int32))

    def boom_on_exit(event):
        if event["kind"] == "link_exit":
            raise RuntimeError("stopped at link_exit")
    watch.on_stop = boom_on_exit
    with pytest.raises(RuntimeError, match="stopped at link_exit"):
        model(arr(1, 2, 3).reshape(1, 3), np.array([0], np.int32))
    watch.uninstall()
    assert F.sqrt(x).array[1] == 2.0  # the engine carries on


def test_graph_events_of_an_mlp_forward_and_backward(watch):
    watch.record_graph = True
    model = MLP()
    x = arr(1, 2, 3, 4, 5, 6).reshape(2, 3)
    y, line = model(x), here()
    loss = F.sum(y)
    loss.backward()
    events = watch.take_graph_events()
    assert watch.take_graph_events() == []
    nodes = [e for e in events if e["event"] == "node"]
    assert [n["op"] for n in nodes] == ["linear", "relu", "linear", "sum"]
    assert [n["link_path"] for n in nodes] == ["l1", "", "l2", ""]
    l1, relu, l2, s = nodes
    assert l1["file"] == __file__ and l1["line"] == inspect.getsourcelines(MLP.forward)[1] + 1
    assert s["line"] == line + 1
    x_in, W, b = l1["inputs"]
    assert (x_in["param"], x_in["creator"], x_in["shape"]) == (False, 0, [2, 3])
    assert (W["param"], W["name"], W["shape"], W["dtype"]) == (True, "W", [4, 3], "float32")
    assert W["var"] == id_of(model.l1.W) and b["name"] == "b"
    # edges: each node consumes the previous one's output
    assert relu["inputs"][0]["var"] == l1["outputs"][0]["var"] and relu["inputs"][0]["creator"] == l1["id"]
    assert l2["inputs"][0]["var"] == relu["outputs"][0]["var"] and l2["inputs"][0]["creator"] == relu["id"]
    assert s["inputs"][0]["creator"] == l2["id"] and s["outputs"][0]["var"] == id_of(loss)
    assert s["id"] == loss.creator.id
    backward = [e["id"] for e in events if e["event"] == "backward"]
    assert backward == [s["id"], l2["id"], relu["id"], l1["id"]]
    assert events.index(nodes[-1]) < events.index(next(e for e in events if e["event"] == "backward"))
    watch.record_graph = False
    F.exp(chainer.Variable(arr(1.0)))
    assert watch.take_graph_events() == []


def id_of(variable):
    return hash(variable)  # Variable.__hash__ is the engine's variable id


def test_graph_variable_finds_recorded_variables_while_they_live(watch):
    watch.record_graph = True
    model = MLP()
    x = arr(1, 2, 3, 4, 5, 6).reshape(2, 3)
    h = model.l1(x)
    y = F.exp(F.relu(h))  # relu's output lives only as exp's input
    nodes = [e for e in watch.take_graph_events() if e["event"] == "node"]
    linear, relu, exp = nodes
    W = watch.graph_variable(linear["inputs"][1]["var"])
    assert W is not None and id_of(W) == id_of(model.l1.W)
    np.testing.assert_array_equal(W.array, model.l1.W.array)
    got_h = watch.graph_variable(linear["outputs"][0]["var"])
    np.testing.assert_array_equal(got_h.array, h.array)
    r = watch.graph_variable(relu["outputs"][0]["var"])
    np.testing.assert_array_equal(r.array, np.maximum(h.array, 0))
    assert watch.graph_variable(exp["outputs"][0]["var"]) is not None
    assert watch.graph_variable(10**12) is None
    # Weak references: what nothing else uses is gone, and the watch kept nothing alive.
    relu_out = relu["outputs"][0]["var"]
    del y, r
    assert watch.graph_variable(exp["outputs"][0]["var"]) is None
    assert watch.graph_variable(relu_out) is None
    assert watch.graph_variable(linear["outputs"][0]["var"]) is not None  # h is still ours
    watch.clear_graph()
    assert watch.graph_variable(linear["inputs"][1]["var"]) is None
    assert watch._impl._graph_variable_table_size == 0


def test_graph_variable_table_stays_bounded_over_many_passes(watch):
    watch.record_graph = True
    x = chainer.Variable(arr(1, 2))
    for _ in range(3000):
        F.sum(F.exp(x * 2.0))
        watch.take_graph_events()
    assert watch._impl._graph_variable_table_size < 8192  # 9000 recorded, dead ones swept

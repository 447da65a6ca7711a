// OpWatch, the op-level debugger's hook: op breakpoints, the first-NaN watch (forward and
// backward), step to next op, link enter/exit, graph recording, and exceptions from the
// stop callback.
#include <QTest>

#include <stdexcept>

#include "engine/engine_test_support.h"
#include "kusari/autograd/function_hook.h"
#include "kusari/debug/op_watch.h"
#include "kusari/functions/activation.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/connection.h"
#include "kusari/functions/math.h"
#include "kusari/functions/reduction.h"

using namespace kusari;
using namespace kusari::debug;

namespace {

// The "user's line": tests move it before each op they call.
int g_line = 0;
SourceLocationPtr fake_location() { return std::make_shared<const SourceLocation>(SourceLocation{"model.py", g_line, "forward"}); }

Variable vec(std::vector<double> v, bool requires_grad = true) {
  Shape s{static_cast<int64_t>(v.size())};
  return Variable(ops::from_vector<double>(v, s), requires_grad);
}

// A globally installed watch that records every stop, removed at scope end.
struct Watched {
  std::shared_ptr<OpWatch> watch = std::make_shared<OpWatch>();
  std::vector<StopEvent> stops;
  Watched() {
    watch->set_on_stop([this](const StopEvent& e) {
      StopEvent copy = e;
      copy.node = nullptr;  // not valid after the callback
      stops.push_back(std::move(copy));
    });
    add_global_hook(watch);
  }
  ~Watched() { remove_global_hook(watch.get()); }
};

}  // namespace

class TestOpWatch : public QObject {
  Q_OBJECT
 private slots:
  void init() { set_source_location_provider(fake_location); }
  void cleanup() { set_source_location_provider({}); }

  void op_breakpoint_fires_on_relu_forward_and_backward() {
    Watched w;
    w.watch->set_break_ops({"relu"});
    Variable x = vec({-1, 2, -3, 4});
    g_line = 7;
    Variable h = x * 2.0;
    g_line = 8;
    Variable y = relu(h);
    QCOMPARE(w.stops.size(), size_t{1});
    const StopEvent& e = w.stops[0];
    QCOMPARE(e.kind, StopKind::Op);
    QVERIFY(!e.backward);
    QCOMPARE(e.op, std::string("relu"));
    QCOMPARE(e.node_id, y.creator()->id);
    QCOMPARE(e.location.line, 8);
    QCOMPARE(e.inputs.size(), size_t{1});
    QCOMPARE(e.inputs[0].shape, (Shape{4}));
    QCOMPARE(e.inputs[0].min, -6.0);
    QCOMPARE(e.inputs[0].max, 8.0);
    QCOMPARE(e.outputs[0].min, 0.0);
    QCOMPARE(e.outputs[0].mean, 3.0);  // (0 + 4 + 0 + 8) / 4

    g_line = 30;
    sum(y).backward();
    QCOMPARE(w.stops.size(), size_t{2});  // relu again, in backward; not sum nor mul
    QCOMPARE(w.stops[1].kind, StopKind::Op);
    QVERIFY(w.stops[1].backward);
    QCOMPARE(w.stops[1].op, std::string("relu"));
    QCOMPARE(w.stops[1].location.line, 8);      // the forward call, not the backward() line
    QCOMPARE(w.stops[1].outputs[0].max, 1.0);   // grad of relu's input: mask of x > 0
    QCOMPARE(w.stops[1].outputs[0].mean, 0.5);
  }

  void nan_watch_stops_at_the_op_that_made_the_nan_only() {
    Watched w;
    w.watch->set_nan_watch(true);
    Variable x = vec({1, -1, 2, 4});
    g_line = 3;
    Variable h = log(x);  // log(-1) = NaN
    g_line = 4;
    Variable z = exp(h * 2.0);  // passes the NaN on: not the culprit
    g_line = 5;
    Variable s = sum(z);
    QCOMPARE(w.stops.size(), size_t{1});
    const StopEvent& e = w.stops[0];
    QCOMPARE(e.kind, StopKind::Nan);
    QCOMPARE(e.op, std::string("log"));
    QCOMPARE(e.location.line, 3);
    QCOMPARE(e.outputs[0].nan_count, int64_t{1});
    QCOMPARE(e.inputs[0].nan_count, int64_t{0});
    QVERIFY2(e.message.find("log produced NaN (1 of 4 elements) at model.py:3") != std::string::npos, e.message.c_str());
  }

  void nan_watch_blames_a_parameter_that_already_holds_nan() {
    Watched w;
    w.watch->set_nan_watch(true);
    Variable W = make_parameter(ops::from_vector<double>({1, NAN}, {2}), "W");
    Variable y = vec({1, 2}) * W;
    QCOMPARE(w.stops.size(), size_t{1});
    QCOMPARE(w.stops[0].op, std::string("mul"));
    QVERIFY2(w.stops[0].message.find("parameter W") != std::string::npos, w.stops[0].message.c_str());
  }

  void backward_nan_reports_the_forward_location() {
    Watched w;
    w.watch->set_nan_watch(true);
    Variable x = vec({0, 1, 4});
    g_line = 20;
    Variable h = x * 3.0;
    g_line = 21;
    Variable r = sqrt(h);  // finite forward; backward 1 / (2 sqrt(0)) = Inf
    g_line = 22;
    Variable s = sum(r);
    QCOMPARE(w.stops.size(), size_t{0});
    g_line = 99;
    s.backward();
    QCOMPARE(w.stops.size(), size_t{1});  // not mul_scalar, which only passes the Inf on
    const StopEvent& e = w.stops[0];
    QCOMPARE(e.kind, StopKind::Nan);
    QVERIFY(e.backward);
    QCOMPARE(e.op, std::string("sqrt"));
    QCOMPARE(e.location.line, 21);
    QCOMPARE(e.outputs[0].inf_count, int64_t{1});
    QCOMPARE(e.inputs[0].inf_count + e.inputs[0].nan_count, int64_t{0});
    QVERIFY2(e.message.find("backward of sqrt produced Inf (1 of 3 elements)") != std::string::npos, e.message.c_str());
    QVERIFY2(e.message.find("model.py:21") != std::string::npos, e.message.c_str());
  }

  void step_next_op_fires_once_and_can_be_rearmed_from_the_callback() {
    Watched w;
    w.watch->set_step_next_op(true);
    Variable x = vec({1, 2});
    Variable a = x * 2.0;
    Variable b = exp(a);
    Variable c = sum(b);
    QCOMPARE(w.stops.size(), size_t{1});
    QCOMPARE(w.stops[0].kind, StopKind::Step);
    QCOMPARE(w.stops[0].op, std::string("mul_scalar"));
    QVERIFY(!w.watch->step_next_op());

    // A debugger's "step" again, pressed while stopped: the next op, not the same one.
    int armed = 0;
    w.watch->set_on_stop([&](const StopEvent& e) {
      w.stops.push_back(e);
      if (armed++ == 0) w.watch->set_step_next_op(true);
    });
    w.watch->set_step_next_op(true);
    Variable d = exp(x);
    Variable f = log(d);
    Variable g = sum(f);
    QCOMPARE(w.stops.size(), size_t{3});
    QCOMPARE(w.stops[1].op, std::string("exp"));
    QCOMPARE(w.stops[2].op, std::string("log"));

    // In backward the next op is the next node's backward, not an op its formula runs.
    w.watch->set_step_next_op(true);
    Variable m = x * x;
    QCOMPARE(w.stops.size(), size_t{4});
    Variable total = sum(m);
    w.watch->set_step_next_op(true);
    total.backward();
    QCOMPARE(w.stops.size(), size_t{5});
    QVERIFY(w.stops[4].backward);
    QCOMPARE(w.stops[4].op, std::string("sum"));
  }

  void ops_run_by_the_callback_are_not_watched() {
    Watched w;
    w.watch->set_break_ops({"exp"});
    int inner = 0;
    w.watch->set_on_stop([&](const StopEvent&) {
      ++inner;
      (void)exp(vec({1}));  // would recurse if watched
    });
    (void)exp(vec({2}));
    QCOMPARE(inner, 1);
  }

  void link_enter_and_exit_for_a_child_path() {
    Watched w;
    w.watch->set_break_links({"predictor/l2"});
    {
      LinkPathScope root("");
      LinkPathScope predictor("predictor");
      {
        LinkPathScope l1("l1");
        (void)exp(vec({1}));
      }
      {
        g_line = 12;
        LinkPathScope l2("l2");
        QCOMPARE(w.stops.size(), size_t{1});
        (void)exp(vec({1}));
        QCOMPARE(w.stops.size(), size_t{1});
        g_line = 13;
      }
    }
    QCOMPARE(w.stops.size(), size_t{2});
    QCOMPARE(w.stops[0].kind, StopKind::LinkEnter);
    QCOMPARE(w.stops[0].link_path, std::string("predictor/l2"));
    QCOMPARE(w.stops[0].location.line, 12);
    QCOMPARE(w.stops[1].kind, StopKind::LinkExit);
    QCOMPARE(w.stops[1].link_path, std::string("predictor/l2"));
  }

  void callback_exception_reaches_the_caller_and_state_stays_sane() {
    Watched w;
    w.watch->set_break_ops({"exp"});
    w.watch->set_break_links({"net"});
    w.watch->set_on_stop([](const StopEvent& e) {
      if (e.kind != StopKind::LinkEnter) throw std::runtime_error("stop: " + std::string(stop_kind_name(e.kind)));
    });
    bool thrown = false;
    try {
      (void)exp(vec({1}));
    } catch (const std::runtime_error& e) {
      thrown = std::string(e.what()) == "stop: op";
    }
    QVERIFY(thrown);
    thrown = false;
    try {
      LinkPathScope net("net");
    } catch (const std::runtime_error& e) {
      thrown = std::string(e.what()) == "stop: link_exit";
    }
    QVERIFY(thrown);
    QCOMPARE(LinkPathScope::current(), std::string());  // popped despite the throw
    // A forward that throws: no exit event (and no terminate from the destructor).
    thrown = false;
    try {
      LinkPathScope net("net");
      throw std::logic_error("forward failed");
    } catch (const std::logic_error&) {
      thrown = true;
    }
    QVERIFY(thrown);
    QCOMPARE(LinkPathScope::current(), std::string());
  }

  void uninstalled_watch_sees_nothing() {
    auto watch = std::make_shared<OpWatch>();
    int stops = 0;
    watch->set_on_stop([&](const StopEvent&) { ++stops; });
    watch->set_break_ops({"exp"});
    add_global_hook(watch);
    (void)exp(vec({1}));
    remove_global_hook(watch.get());
    (void)exp(vec({1}));
    QCOMPARE(stops, 1);
    {
      HookScope scoped(watch);  // this thread only, while the scope lives
      (void)exp(vec({1}));
      (void)sum(exp(vec({1}))).backward();
    }
    (void)exp(vec({1}));
    QCOMPARE(stops, 4);  // two forward exps and one backward exp
  }

  void graph_of_a_two_layer_mlp_forward_and_backward() {
    Watched w;
    w.watch->set_record_graph(true);
    Variable x(ops::from_vector<double>({1, 2, 3, 4, 5, 6}, {2, 3}));
    Variable W1 = make_parameter(ops::full({4, 3}, 0.1, Dtype::Float64), "W1");
    Variable b1 = make_parameter(ops::zeros({4}, Dtype::Float64), "b1");
    Variable W2 = make_parameter(ops::full({2, 4}, 0.2, Dtype::Float64), "W2");
    Variable h = linear(x, W1, b1);
    Variable a = relu(h);
    Variable y = linear(a, W2);
    Variable loss = sum(y);
    loss.backward();
    QVERIFY(w.stops.empty());
    std::vector<GraphEvent> ev = w.watch->graph().take();
    QCOMPARE(ev.size(), size_t{8});
    std::vector<std::string> ops;
    for (size_t i = 0; i < 4; ++i) {
      QCOMPARE(ev[i].kind, GraphEvent::Kind::Node);
      ops.push_back(ev[i].op);
    }
    QCOMPARE(ops, (std::vector<std::string>{"linear", "relu", "linear", "sum"}));
    const GraphEvent &l1 = ev[0], &r = ev[1], &l2 = ev[2], &s = ev[3];
    QCOMPARE(l1.id, h.creator()->id);
    QCOMPARE(l1.inputs.size(), size_t{3});
    QCOMPARE(l1.inputs[0].id, x.id());
    QCOMPARE(l1.inputs[0].name, std::string());
    QVERIFY(!l1.inputs[0].param);  // unnamed data
    QCOMPARE(l1.inputs[1].name, std::string("W1"));
    QCOMPARE(l1.inputs[1].id, W1.id());
    QVERIFY(l1.inputs[1].param);
    QCOMPARE(l1.inputs[1].shape, (Shape{4, 3}));
    QCOMPARE(l1.outputs[0].id, h.id());
    QCOMPARE(l1.outputs[0].shape, (Shape{2, 4}));
    // Edges: each node's input is the previous node's output, created by it.
    QCOMPARE(r.inputs[0].id, l1.outputs[0].id);
    QCOMPARE(r.inputs[0].creator, l1.id);
    QCOMPARE(l2.inputs[0].id, r.outputs[0].id);
    QCOMPARE(l2.inputs[0].creator, r.id);
    QCOMPARE(l2.inputs[1].name, std::string("W2"));
    QCOMPARE(l2.inputs.size(), size_t{2});
    QCOMPARE(s.inputs[0].creator, l2.id);
    QCOMPARE(s.outputs[0].id, loss.id());
    // Backward runs from the loss down.
    std::vector<uint64_t> order;
    for (size_t i = 4; i < 8; ++i) {
      QCOMPARE(ev[i].kind, GraphEvent::Kind::Backward);
      order.push_back(ev[i].id);
    }
    QCOMPARE(order, (std::vector<uint64_t>{s.id, l2.id, r.id, l1.id}));
    QVERIFY(w.watch->graph().take().empty());
  }
};

QTEST_APPLESS_MAIN(TestOpWatch)
#include "test_op_watch.moc"

// Op breakpoints against a real kusari-kernel, through KernelClient: a breakpoint on an op stops
// at the user's line (inside a Chain's forward) with input/output statistics, link enter/exit,
// the first NaN in forward and in backward (reported at the forward line), stepping op by op,
// inspection while stopped at an op, breakpoints set while a cell runs, graph_events streaming,
// and no watch installed while nothing is set.
#include <QCborArray>
#include <QElapsedTimer>
#include <QTest>

#include <algorithm>

#include "debugger_test_support.h"
#include "kernel_test_support.h"

using kusari::client::KernelClient;
using kusari::test_support::awaitReply;
using kusari::test_support::RequestRecord;
using namespace kusari::protocol;

namespace {

// Lines 12-13 are forward's body.
const char* kModelCell =
    KUSARI_TEST_MLP_SOURCE
    "x = np.ones((2, 3), dtype=np.float32)\n";

const char* kForwardBackward =
    "y = model(x)\n"
    "loss = F.sum(y)\n"
    "loss.backward()\n"
    "print('ok', y.shape)\n";

QString text(const QCborMap& map, const char* key) { return map.value(QLatin1StringView(key)).toString(); }
qint64 integer(const QCborMap& map, const char* key) { return map.value(QLatin1StringView(key)).toInteger(); }

}  // namespace

class TestKernelDebuggerOps : public QObject {
  Q_OBJECT
  KernelClient kernel_;
  QList<StoppedEvent> stops_;
  QList<QCborMap> graph_;  // every graph event received, in order
  int graphMessages_ = 0;

  QString setOps(const QStringList& ops, const QStringList& links = {}, bool nan = false, bool graph = false) {
    return awaitReply(kernel_, kernel_.setOpBreakpoints(ops, links, nan, graph), &KernelClient::setOpBreakpointsReply).error;
  }
  QString control(const QString& action) {
    return awaitReply(kernel_, kernel_.debugControl(action), &KernelClient::debugControlReply).error;
  }
  EvaluateReply evaluate(const QString& expression, qint64 frame = 1) {
    return awaitReply(kernel_, kernel_.evaluate(expression, frame), &KernelClient::evaluateReply);
  }
  bool waitStop(int n) { return QTest::qWaitFor([&] { return stops_.size() >= n; }, 20000); }
  QString installed() {
    RequestRecord r(kernel_, kernel_.execute("import _kusari_kernel_op_debug as _o\nprint(_o.installed())", "installed"));
    return r.waitDone() ? r.out.trimmed() : QStringLiteral("<no reply>");
  }
  static QCborMap stats(const StoppedEvent& e, const char* side, int i) {
    return e.extra.value(QLatin1StringView(side)).toArray().at(i).toMap();
  }
  static QList<qint64> shape(const QCborMap& stats) {
    QList<qint64> s;
    for (const QCborValue& v : stats.value(QStringLiteral("shape")).toArray()) s.append(v.toInteger());
    return s;
  }

 private slots:
  void initTestCase() {
    connect(&kernel_, &KernelClient::debugStopped, this, [this](const QString&, const StoppedEvent& e) { stops_.append(e); });
    connect(&kernel_, &KernelClient::graphEvents, this, [this](const QString&, const GraphEvents& g) {
      ++graphMessages_;
      graph_ += g.events;
    });
    kernel_.start();
    QTRY_COMPARE_WITH_TIMEOUT(kernel_.state(), KernelClient::State::Idle, 30000);
    // Set before kusari is imported: the watch is made when a cell imports it.
    KUSARI_RUN_CELL(kernel_, fresh, "import sys\nprint('kusari' in sys.modules)", "fresh");
    QCOMPARE(fresh.out, QStringLiteral("False\n"));
    QCOMPARE(setOps({QStringLiteral("no_such_op")}), QString());
    QCOMPARE(installed(), QStringLiteral("False"));
    KUSARI_RUN_CELL(kernel_, record, kModelCell, "model");
    QVERIFY2(record.errors.isEmpty(), qPrintable(record.errorText()));
    QCOMPARE(installed(), QStringLiteral("True"));
    QCOMPARE(setOps({}), QString());
  }

  void init() {
    stops_.clear();
    graph_.clear();
    graphMessages_ = 0;
  }
  void cleanup() {
    QCOMPARE(setOps({}), QString());
    if (kernel_.state() == KernelClient::State::Busy) {
      kernel_.interrupt();
      QTRY_COMPARE_WITH_TIMEOUT(kernel_.state(), KernelClient::State::Idle, 10000);
    }
  }

  void noWatchWhileNothingIsSet() {
    QCOMPARE(installed(), QStringLiteral("False"));
    QCOMPARE(setOps({}, {}, true, false), QString());
    QCOMPARE(installed(), QStringLiteral("True"));
    QCOMPARE(setOps({}), QString());
    QCOMPARE(installed(), QStringLiteral("False"));
    QCOMPARE(setOps({QStringLiteral("")}), QStringLiteral("ops must be a list of op names"));
  }

  void opBreakpointInForwardAndBackward() {
    QCOMPARE(setOps({QStringLiteral("relu")}, {}, false, true), QString());
    RequestRecord run(kernel_, kernel_.execute(kForwardBackward, "fb"));
    QVERIFY(waitStop(1));
    const StoppedEvent& stop = stops_[0];
    QCOMPARE(stop.reason, QStringLiteral("op"));
    QCOMPARE(stop.source, QStringLiteral("<cell model>"));
    QCOMPARE(stop.line, 12);
    QCOMPARE(stop.frames.value(0).function, QStringLiteral("forward"));
    QCOMPARE(stop.frames.value(1).source, QStringLiteral("<cell fb>"));
    QCOMPARE(text(stop.extra, "kind"), QStringLiteral("op"));
    QCOMPARE(text(stop.extra, "phase"), QStringLiteral("forward"));
    QCOMPARE(text(stop.extra, "op"), QStringLiteral("relu"));
    QCOMPARE(text(stop.extra, "file"), QStringLiteral("<cell model>"));
    QCOMPARE(integer(stop.extra, "line"), 12);
    QVERIFY(text(stop.extra, "message").contains(QStringLiteral("relu")));
    QCOMPARE(shape(stats(stop, "inputs", 0)), (QList<qint64>{2, 4}));
    QCOMPARE(shape(stats(stop, "outputs", 0)), (QList<qint64>{2, 4}));
    QVERIFY(stats(stop, "outputs", 0).value(QStringLiteral("min")).toDouble() >= 0.0);
    QCOMPARE(stats(stop, "outputs", 0).value(QStringLiteral("nan_count")).toInteger(), 0);

    // Stopped at an op: the frame of forward can be inspected.
    QCOMPARE(awaitReply(kernel_, kernel_.requestStack(), &KernelClient::stackReply).frames, stop.frames);
    QCOMPARE(evaluate("x.shape").result.value, QStringLiteral("(2, 3)"));
    const double reluMax = stats(stop, "outputs", 0).value(QStringLiteral("max")).toDouble();
    QCOMPARE(evaluate(QStringLiteral("abs(float(self.l1(x).array.clip(0).max()) - %1) < 1e-5").arg(reluMax, 0, 'g', 17)).result.value,
             QStringLiteral("True"));
    const ScopesReply scopes = awaitReply(kernel_, kernel_.requestScopes(1), &KernelClient::scopesReply);
    const ChildrenReply locals = awaitReply(kernel_, kernel_.requestChildren(scopes.localsReference), &KernelClient::childrenReply);
    QVERIFY(std::any_of(locals.variables.begin(), locals.variables.end(), [](const DebugVariable& v) { return v.name == "self"; }));

    // The graph so far came before `stopped`: it holds relu's node.
    const qint64 nodeId = integer(stop.extra, "node_id");
    QVERIFY(nodeId > 0);
    QCOMPARE(text(graph_.value(0), "event"), QStringLiteral("reset"));
    QVERIFY(std::any_of(graph_.begin(), graph_.end(), [&](const QCborMap& e) {
      return text(e, "event") == QLatin1StringView("node") && integer(e, "id") == nodeId && text(e, "op") == QLatin1StringView("relu");
    }));

    // Backward: relu again, reported at its forward line.
    QCOMPARE(control("continue"), QString());
    QVERIFY(waitStop(2));
    const StoppedEvent& back = stops_[1];
    QCOMPARE(text(back.extra, "phase"), QStringLiteral("backward"));
    QCOMPARE(back.source, QStringLiteral("<cell model>"));
    QCOMPARE(back.line, 12);
    QCOMPARE(back.frames.value(0).line, 12);
    QVERIFY2(back.frames.value(0).function.contains(QStringLiteral("backward of relu")), qPrintable(back.frames.value(0).function));
    QCOMPARE(evaluate("loss.shape").result.value, QStringLiteral("()"));  // the frame running backward()
    QVERIFY(std::any_of(graph_.begin(), graph_.end(), [&](const QCborMap& e) {
      return text(e, "event") == QLatin1StringView("backward");
    }));

    QCOMPARE(control("continue"), QString());
    QVERIFY(run.waitDone());
    QCOMPARE(run.reply->status, QStringLiteral("ok"));
    QCOMPARE(run.out, QStringLiteral("ok (2, 2)\n"));
    QCOMPARE(stops_.size(), 2);
  }

  // A recorded graph variable's data by its var id ("<graph var N>"), while stopped at an op.
  void graphVariableDataById() {
    QCOMPARE(setOps({QStringLiteral("relu")}, {}, false, true), QString());
    RequestRecord run(kernel_, kernel_.execute(kForwardBackward, "graphvar"));
    QVERIFY(waitStop(1));
    const qint64 nodeId = integer(stops_[0].extra, "node_id");
    QCborMap linear, relu;
    for (const QCborMap& e : graph_) {
      if (text(e, "event") != QLatin1StringView("node")) continue;
      if (integer(e, "id") == nodeId) relu = e;
      else if (text(e, "op") == QLatin1StringView("linear") && linear.isEmpty()) linear = e;
    }
    QVERIFY(!relu.isEmpty() && !linear.isEmpty());
    const auto var = [](const QCborMap& node, const char* side, int i) {
      return node.value(QLatin1StringView(side)).toArray().at(i).toMap().value(QStringLiteral("var")).toInteger();
    };
    const auto data = [&](const QString& expression) {
      TensorDataRequest request;
      request.expression = expression;
      return awaitReply(kernel_, kernel_.requestTensorData(request), &KernelClient::tensorDataReply);
    };
    const auto graphVar = [](qint64 id) { return QStringLiteral("<graph var %1>").arg(id); };
    // relu's output, its input (l1's output) and l1's W: the same values as the frame computes.
    const QList<QPair<qint64, QString>> cases = {{var(relu, "outputs", 0), "F.relu(self.l1(x))"},
                                                 {var(relu, "inputs", 0), "self.l1(x)"},
                                                 {var(linear, "inputs", 1), "self.l1.W"}};
    for (const auto& [id, expression] : cases) {
      const TensorDataReply byId = data(graphVar(id));
      QVERIFY2(byId.error.isEmpty(), qPrintable(byId.error));
      const TensorDataReply expected = data(expression);
      QVERIFY2(expected.error.isEmpty(), qPrintable(expected.error));
      QCOMPARE(byId.stats.shape, expected.stats.shape);
      QCOMPARE(byId.sliceShape, expected.sliceShape);
      QCOMPARE(byId.data, expected.data);
      QVERIFY(!byId.data.isEmpty());
    }
    QCOMPARE(data(graphVar(var(linear, "inputs", 1))).stats.shape, (QList<qint64>{4, 3}));
    const EvaluateReply evaluated = evaluate(graphVar(var(relu, "outputs", 0)));
    QVERIFY2(evaluated.error.isEmpty(), qPrintable(evaluated.error));
    QCOMPARE(evaluated.result.typeName, QStringLiteral("Variable"));
    QVERIFY(evaluated.result.tensor.has_value());
    QCOMPARE(evaluated.result.tensor->shape, (QList<qint64>{2, 4}));
    QVERIFY(data(graphVar(999999999)).error.contains(QStringLiteral("graph variable 999999999 is gone")));
    QCOMPARE(control("continue"), QString());
    QVERIFY(waitStop(2));  // relu's backward
    QCOMPARE(control("continue"), QString());
    QVERIFY(run.waitDone());
    QCOMPARE(run.out, QStringLiteral("ok (2, 2)\n"));
    // Not paused: nothing is served.
    QCOMPARE(data(graphVar(var(linear, "inputs", 1))).error, QStringLiteral("the kernel is not paused"));
  }

  void evaluationWhilePausedIsNotRecorded() {
    QCOMPARE(setOps({}, {}, false, true), QString());
    const SetBreakpointsReply bps =
        awaitReply(kernel_, kernel_.setBreakpoints({SourceBreakpoint{"<cell model>", 13, {}, {}, {}, true}}), &KernelClient::setBreakpointsReply);
    QVERIFY(bps.breakpoints.value(0).verified);
    RequestRecord run(kernel_, kernel_.execute("y = model(x)\n", "evalgraph"));
    QVERIFY(waitStop(1));
    QCOMPARE(stops_[0].reason, QStringLiteral("breakpoint"));
    QCOMPARE(evaluate("F.relu(self.l1(x)).shape").result.value, QStringLiteral("(2, 4)"));
    QCOMPARE(control("continue"), QString());
    QVERIFY(run.waitDone());
    awaitReply(kernel_, kernel_.setBreakpoints({}), &KernelClient::setBreakpointsReply);
    QStringList ops;
    for (const QCborMap& e : graph_)
      if (text(e, "event") == QLatin1StringView("node")) ops << text(e, "op");
    QCOMPARE(ops, (QStringList{"linear", "relu", "linear"}));
  }

  void linkEnterAndExit() {
    QCOMPARE(setOps({}, {QStringLiteral("l2")}), QString());
    RequestRecord run(kernel_, kernel_.execute("y = model(x)\nprint(y.shape)\n", "links"));
    QVERIFY(waitStop(1));
    QCOMPARE(stops_[0].reason, QStringLiteral("link"));
    QCOMPARE(text(stops_[0].extra, "kind"), QStringLiteral("link_enter"));
    QCOMPARE(text(stops_[0].extra, "link_path"), QStringLiteral("l2"));
    QCOMPARE(stops_[0].line, 13);
    QCOMPARE(evaluate("h.shape").result.value, QStringLiteral("(2, 4)"));
    QCOMPARE(control("continue"), QString());
    QVERIFY(waitStop(2));
    QCOMPARE(text(stops_[1].extra, "kind"), QStringLiteral("link_exit"));
    QCOMPARE(stops_[1].line, 13);
    QCOMPARE(control("continue"), QString());
    QVERIFY(run.waitDone());
    QCOMPARE(run.out, QStringLiteral("(2, 2)\n"));
    QCOMPARE(stops_.size(), 2);

    // next_op from a link's enter: l2's linear; again: the link's exit comes first and ends
    // the pending step, so continue runs to the end.
    RequestRecord again(kernel_, kernel_.execute("y = model(x)\nz = F.exp(y)\nprint(z.shape)\n", "links2"));
    QVERIFY(waitStop(3));
    QCOMPARE(control("next_op"), QString());
    QVERIFY(waitStop(4));
    QCOMPARE(stops_[3].reason, QStringLiteral("next_op"));
    QCOMPARE(text(stops_[3].extra, "link_path"), QStringLiteral("l2"));
    QCOMPARE(control("next_op"), QString());
    QVERIFY(waitStop(5));
    QCOMPARE(text(stops_[4].extra, "kind"), QStringLiteral("link_exit"));
    QCOMPARE(control("continue"), QString());
    QVERIFY(again.waitDone());
    QCOMPARE(again.out, QStringLiteral("(2, 2)\n"));
    QCOMPARE(stops_.size(), 5);  // no stop at exp
  }

  void nanInForwardStopsAtTheFirstOp() {
    QCOMPARE(setOps({}, {}, true), QString());
    RequestRecord run(kernel_, kernel_.execute("a = kusari.Variable(np.array([1., 2., 3.], np.float32))\n"
                                               "h = F.log(a - 10)\n"
                                               "z = F.exp(h * 2.0)\n"
                                               "loss = F.sum(z)\n"
                                               "print(bool(np.isnan(loss.array)))\n",
                                               "fnan"));
    QVERIFY(waitStop(1));
    QCOMPARE(stops_[0].reason, QStringLiteral("nan"));
    QCOMPARE(stops_[0].source, QStringLiteral("<cell fnan>"));
    QCOMPARE(stops_[0].line, 2);
    QCOMPARE(text(stops_[0].extra, "op"), QStringLiteral("log"));
    QCOMPARE(stats(stops_[0], "outputs", 0).value(QStringLiteral("nan_count")).toInteger(), 3);
    QCOMPARE(stats(stops_[0], "inputs", 0).value(QStringLiteral("nan_count")).toInteger(), 0);
    QCOMPARE(control("continue"), QString());
    QVERIFY(run.waitDone());
    QCOMPARE(run.out, QStringLiteral("True\n"));
    QCOMPARE(stops_.size(), 1);  // exp and sum pass the NaN on: no stop
  }

  void nanInBackwardNamesTheForwardLine() {
    QCOMPARE(setOps({}, {}, true), QString());
    RequestRecord run(kernel_, kernel_.execute("a = kusari.Variable(np.array([0., 1., 4.], np.float32))\n"
                                               "r = F.sqrt(a * 3.0)\n"
                                               "loss = F.sum(r)\n"
                                               "loss.backward()\n"
                                               "print('grad', a.grad[0])\n",
                                               "bnan"));
    QVERIFY(waitStop(1));
    const StoppedEvent& stop = stops_[0];
    QCOMPARE(stop.reason, QStringLiteral("nan"));
    QCOMPARE(text(stop.extra, "phase"), QStringLiteral("backward"));
    QCOMPARE(text(stop.extra, "op"), QStringLiteral("sqrt"));
    QCOMPARE(stop.source, QStringLiteral("<cell bnan>"));
    QCOMPARE(stop.line, 2);
    QCOMPARE(stop.frames.value(0).line, 2);
    QVERIFY2(stop.frames.value(0).function.contains(QStringLiteral("backward of sqrt")), qPrintable(stop.frames.value(0).function));
    QVERIFY2(stop.frames.value(0).function.contains(QStringLiteral(":4")), qPrintable(stop.frames.value(0).function));
    QCOMPARE(stats(stop, "outputs", 0).value(QStringLiteral("inf_count")).toInteger(), 1);
    QCOMPARE(evaluate("r.shape").result.value, QStringLiteral("(3,)"));
    QCOMPARE(control("continue"), QString());
    QVERIFY(run.waitDone());
    QCOMPARE(run.out, QStringLiteral("grad inf\n"));
    QCOMPARE(stops_.size(), 1);
  }

  void nextOpStepsOpByOp() {
    QCOMPARE(setOps({QStringLiteral("linear")}), QString());
    RequestRecord run(kernel_, kernel_.execute(kForwardBackward, "steps"));
    QVERIFY(waitStop(1));
    QCOMPARE(text(stops_[0].extra, "link_path"), QStringLiteral("l1"));
    QCOMPARE(stops_[0].line, 12);
    QCOMPARE(setOps({}), QString());  // served while paused; next_op still works
    QCOMPARE(control("next_op"), QString());
    QVERIFY(waitStop(2));
    QCOMPARE(stops_[1].reason, QStringLiteral("next_op"));
    QCOMPARE(text(stops_[1].extra, "op"), QStringLiteral("relu"));
    QCOMPARE(stops_[1].line, 12);
    QCOMPARE(control("next_op"), QString());
    QVERIFY(waitStop(3));
    QCOMPARE(text(stops_[2].extra, "op"), QStringLiteral("linear"));
    QCOMPARE(text(stops_[2].extra, "link_path"), QStringLiteral("l2"));
    QCOMPARE(stops_[2].line, 13);
    QCOMPARE(control("next_op"), QString());
    QVERIFY(waitStop(4));
    QCOMPARE(text(stops_[3].extra, "op"), QStringLiteral("sum"));
    QCOMPARE(stops_[3].source, QStringLiteral("<cell steps>"));
    QCOMPARE(stops_[3].line, 2);
    QCOMPARE(control("next_op"), QString());  // into backward: sum's node first
    QVERIFY(waitStop(5));
    QCOMPARE(text(stops_[4].extra, "phase"), QStringLiteral("backward"));
    QCOMPARE(text(stops_[4].extra, "op"), QStringLiteral("sum"));
    QCOMPARE(stops_[4].line, 2);
    QCOMPARE(control("continue"), QString());
    QVERIFY(run.waitDone());
    QCOMPARE(run.out, QStringLiteral("ok (2, 2)\n"));
    QCOMPARE(stops_.size(), 5);
    QCOMPARE(installed(), QStringLiteral("False"));  // the step was the last thing set
  }

  void opBreakpointSetWhileRunning() {
    KUSARI_RUN_CELL(kernel_, flag, "stop_now = False", "flag");
    RequestRecord run(kernel_, kernel_.execute("import time\n"
                                               "for i in range(3000):\n"
                                               "    e = F.exp(kusari.Variable(np.ones(2, np.float32)))\n"
                                               "    time.sleep(0.002)\n"
                                               "    if stop_now: break\n"
                                               "print('end', i, stop_now)\n",
                                               "live"));
    QTRY_COMPARE_WITH_TIMEOUT(kernel_.state(), KernelClient::State::Busy, 10000);
    QTest::qWait(150);
    QCOMPARE(setOps({QStringLiteral("exp")}), QString());
    QVERIFY(waitStop(1));
    QCOMPARE(stops_[0].reason, QStringLiteral("op"));
    QCOMPARE(stops_[0].line, 3);
    const int i = evaluate("i").result.value.toInt();
    QVERIFY(i > 0);
    QVERIFY(evaluate("stop_now = True").error.isEmpty());
    QCOMPARE(setOps({}), QString());
    QCOMPARE(control("continue"), QString());
    QVERIFY(run.waitDone(30000));
    QCOMPARE(run.out, QStringLiteral("end %1 True\n").arg(i));
    QCOMPARE(stops_.size(), 1);
  }

  void interruptWhileStoppedAtAnOp() {
    QCOMPARE(setOps({}, {}, true), QString());
    RequestRecord run(kernel_, kernel_.execute("a = kusari.Variable(np.array([0., 1.], np.float32))\n"
                                               "r = F.sqrt(a)\n"
                                               "F.sum(r).backward()\n"
                                               "print('not reached')\n",
                                               "stopint"));
    QVERIFY(waitStop(1));
    QCOMPARE(text(stops_[0].extra, "phase"), QStringLiteral("backward"));
    kernel_.interrupt();  // ends the cell from inside backward(): KeyboardInterrupt at line 3
    QVERIFY(run.waitDone());
    QCOMPARE(run.reply->status, QStringLiteral("error"));
    QCOMPARE(run.errors.value(0).ename, QStringLiteral("KeyboardInterrupt"));
    QCOMPARE(run.errors.value(0).line, 3);
    QVERIFY(run.out.isEmpty());
    KUSARI_RUN_CELL(kernel_, after, "print(float(F.sum(F.exp(a)).array) > 0)", "after-interrupt");
    QCOMPARE(after.out, QStringLiteral("True\n"));
  }

  void nextOpNeedsAStop() { QCOMPARE(control("next_op"), QStringLiteral("the kernel is not paused")); }

  void graphStreamsFirstPassThenSamples() {
    QCOMPARE(setOps({}, {}, false, true), QString());
    QElapsedTimer clock;
    clock.start();
    RequestRecord run(kernel_, kernel_.execute("import time\n"
                                               "for i in range(60):\n"
                                               "    model.cleargrads()\n"
                                               "    loss = F.sum(model(x))\n"
                                               "    loss.backward()\n"
                                               "    time.sleep(0.01)\n",
                                               "train"));
    QVERIFY(run.waitDone());
    QVERIFY2(run.errors.isEmpty(), qPrintable(run.errorText()));
    const double seconds = clock.elapsed() / 1000.0;
    const qsizetype resets = std::count_if(graph_.begin(), graph_.end(), [](const QCborMap& e) { return text(e, "event") == "reset"; });
    QStringList firstPass;
    for (qsizetype i = 1; i < graph_.size() && text(graph_[i], "event") != QLatin1StringView("reset"); ++i)
      if (text(graph_[i], "event") == QLatin1StringView("node")) firstPass << text(graph_[i], "op");
    QCOMPARE(text(graph_.value(0), "event"), QStringLiteral("reset"));
    QCOMPARE(firstPass, (QStringList{"linear", "relu", "linear", "sum"}));
    // The first pass, about one a second, and the last: far fewer than the 60 passes.
    QStringList kinds;
    for (const QCborMap& e : graph_) kinds << text(e, "event");
    QVERIFY2(resets >= 2 && resets <= 3 + seconds,
             qPrintable(QStringLiteral("%1 passes in %2 s: %3").arg(resets).arg(seconds).arg(kinds.join(' '))));
    QVERIFY2(graphMessages_ <= 3 + 12 * seconds, qPrintable(QString::number(graphMessages_)));
    QCOMPARE(text(graph_.last(), "event"), QStringLiteral("backward"));  // the last pass, to its end
  }
};

QTEST_GUILESS_MAIN(TestKernelDebuggerOps)
#include "test_kernel_debugger_ops.moc"

// The line debugger against a real kusari-kernel, through KernelClient: breakpoints (in cells,
// inside a Chain's forward, in an imported file), conditions, hit counts, log points, stepping,
// inspection of a paused frame, pause, interrupt and the op-stop entry point.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstring>

#include "kernel_test_support.h"

using kusari::client::KernelClient;
using kusari::test_support::awaitReply;
using kusari::test_support::RequestRecord;
using namespace kusari::protocol;

namespace {

// Lines 10-12 are forward's body.
const char* kModelCell =
    "import numpy as np\n"
    "import kusari\n"
    "import kusari.links as L\n"
    "class MLP(kusari.Chain):\n"
    "    def __init__(self):\n"
    "        super().__init__()\n"
    "        with self.init_scope():\n"
    "            self.l1 = L.Linear(3, 4)\n"
    "    def forward(self, x):\n"
    "        h = self.l1(x)\n"
    "        y = h * 2\n"
    "        return y\n"
    "model = MLP()\n"
    "x = np.ones((2, 3), dtype=np.float32)\n";

const char* kLoopCell =
    "total = 0\n"
    "for i in range(10):\n"
    "    total += i\n"
    "print('done', total)\n";

SourceBreakpoint at(const QString& source, qint64 line) { return SourceBreakpoint{source, line, {}, {}, {}, true}; }

const DebugVariable* find(const QList<DebugVariable>& list, const QString& name) {
  for (const DebugVariable& v : list)
    if (v.name == name) return &v;
  return nullptr;
}

}  // namespace

class TestKernelDebugger : public QObject {
  Q_OBJECT
  KernelClient kernel_;
  QList<StoppedEvent> stops_;
  int continued_ = 0;

  SetBreakpointsReply setBreakpoints(const QList<SourceBreakpoint>& bps) {
    return awaitReply(kernel_, kernel_.setBreakpoints(bps), &KernelClient::setBreakpointsReply);
  }
  QString control(const QString& action, const QString& source = {}, qint64 line = 0) {
    return awaitReply(kernel_, kernel_.debugControl(action, source, line), &KernelClient::debugControlReply).error;
  }
  EvaluateReply evaluate(const QString& expression, qint64 frame = 1) {
    return awaitReply(kernel_, kernel_.evaluate(expression, frame), &KernelClient::evaluateReply);
  }
  QList<DebugVariable> children(qint64 reference) {
    const ChildrenReply reply = awaitReply(kernel_, kernel_.requestChildren(reference), &KernelClient::childrenReply);
    if (!reply.error.isEmpty()) qWarning("children_request: %s", qPrintable(reply.error));
    return reply.variables;
  }
  QList<DebugVariable> locals(qint64 frame = 1) {
    return children(awaitReply(kernel_, kernel_.requestScopes(frame), &KernelClient::scopesReply).localsReference);
  }
  // Waits for stop number `n` (1-based, counted over the whole test function).
  bool waitStop(int n) { return QTest::qWaitFor([&] { return stops_.size() >= n; }, 20000); }

 private slots:
  void initTestCase() {
    connect(&kernel_, &KernelClient::debugStopped, this, [this](const QString&, const StoppedEvent& e) { stops_.append(e); });
    connect(&kernel_, &KernelClient::debugContinued, this, [this](const QString&) { ++continued_; });
    kernel_.start();
    QTRY_COMPARE_WITH_TIMEOUT(kernel_.state(), KernelClient::State::Idle, 30000);
    KUSARI_RUN_CELL(kernel_, record, kModelCell, "model");
    QVERIFY2(record.errors.isEmpty(), qPrintable(record.errorText()));
  }

  void init() {
    stops_.clear();
    continued_ = 0;
  }
  void cleanup() {
    QVERIFY(setBreakpoints({}).error.isEmpty());
    if (kernel_.state() == KernelClient::State::Busy) {  // a failed test left a cell paused or running
      kernel_.interrupt();
      QTRY_COMPARE_WITH_TIMEOUT(kernel_.state(), KernelClient::State::Idle, 10000);
    }
  }

  void noTraceFunctionWithoutBreakpoints() {
    KUSARI_RUN_CELL(kernel_, off, "import sys\nprint(sys.gettrace() is None)", "trace-off");
    QCOMPARE(off.out, QStringLiteral("True\n"));
    QCOMPARE(setBreakpoints({at("<cell elsewhere>", 1)}).breakpoints.value(0).verified, true);
    KUSARI_RUN_CELL(kernel_, on, "import sys\nprint(sys.gettrace() is None)", "trace-on");
    QCOMPARE(on.out, QStringLiteral("False\n"));  // the check above would see a tracer
    QVERIFY(setBreakpoints({}).error.isEmpty());
    KUSARI_RUN_CELL(kernel_, again, "print(sys.gettrace() is None)", "trace-off-again");
    QCOMPARE(again.out, QStringLiteral("True\n"));
  }

  void unverifiedBreakpoints() {
    const SetBreakpointsReply reply = setBreakpoints(
        {at("<cell a>", 2), at("relative.py", 1), at("/no/such/file.py", 1), at("<cell a>", 0),
         SourceBreakpoint{"<cell a>", 1, "x ==", {}, {}, true}, SourceBreakpoint{"<cell a>", 1, {}, "often", {}, true}});
    QCOMPARE(reply.breakpoints.size(), 6);
    QVERIFY(reply.breakpoints[0].verified);
    for (int i = 1; i < 6; ++i) {
      QVERIFY2(!reply.breakpoints[i].verified, qPrintable(QString::number(i)));
      QVERIFY(!reply.breakpoints[i].message.isEmpty());
    }
    QVERIFY(reply.breakpoints[2].message.contains(QStringLiteral("does not exist")));
    QVERIFY(reply.breakpoints[4].message.contains(QStringLiteral("condition")));
  }

  void stopInsideForwardAndInspect() {
    setBreakpoints({at("<cell model>", 11)});
    RequestRecord run(kernel_, kernel_.execute("out = model(x)\nresult = float(out.array.sum())\n", "call"));
    QVERIFY(waitStop(1));
    const StoppedEvent& stop = stops_[0];
    QCOMPARE(stop.reason, QStringLiteral("breakpoint"));
    QCOMPARE(stop.source, QStringLiteral("<cell model>"));
    QCOMPARE(stop.line, 11);
    QCOMPARE(stop.frames.size(), 2);
    QCOMPARE(stop.frames[0].function, QStringLiteral("forward"));
    QCOMPARE(stop.frames[1].source, QStringLiteral("<cell call>"));
    QCOMPARE(stop.frames[1].line, 1);
    QVERIFY(!run.done());

    const StackReply stack = awaitReply(kernel_, kernel_.requestStack(), &KernelClient::stackReply);
    QCOMPARE(stack.frames, stop.frames);

    const QList<DebugVariable> vars = locals();
    const DebugVariable* h = find(vars, "h");
    QVERIFY(h && h->tensor);
    QCOMPARE(h->typeName, QStringLiteral("Variable"));
    QCOMPARE(h->tensor->shape, (QList<qint64>{2, 4}));
    QCOMPARE(h->tensor->dtype, QStringLiteral("float32"));
    QCOMPARE(h->tensor->nanCount, 0);
    const double hMax = evaluate("float(h.array.max())").result.value.toDouble();
    QVERIFY(qAbs(h->tensor->max - hMax) < 1e-6);
    const DebugVariable* xv = find(vars, "x");  // all ones
    QVERIFY(xv && xv->tensor);
    QCOMPARE(xv->tensor->min, 1.0);
    QCOMPARE(xv->tensor->mean, 1.0);
    QCOMPARE(xv->tensor->std, 0.0);

    // self -> l1 -> W (with grad), children of a Chain.
    const DebugVariable* self = find(vars, "self");
    QVERIFY(self && self->reference > 0);
    const DebugVariable* l1 = find(children(self->reference), "l1");
    QVERIFY(l1 && l1->reference > 0);
    const QList<DebugVariable> params = children(l1->reference);
    const DebugVariable* w = find(params, "W");
    QVERIFY2(w && w->tensor, "l1 lists its parameter W");
    QCOMPARE(w->tensor->shape, (QList<qint64>{4, 3}));
    QVERIFY(find(children(w->reference), "grad"));

    // A slice of h, as the tensor view asks for it.
    TensorDataRequest slice;
    slice.expression = QStringLiteral("h");
    slice.rowAxis = 0;
    slice.colAxis = 1;
    const TensorDataReply data = awaitReply(kernel_, kernel_.requestTensorData(slice), &KernelClient::tensorDataReply);
    QVERIFY2(data.error.isEmpty(), qPrintable(data.error));
    QCOMPARE(data.sliceShape, (QList<qint64>{2, 4}));
    QCOMPARE(data.data.size(), 8 * 4);
    float first = 0;
    std::memcpy(&first, data.data.constData(), 4);
    QVERIFY(qAbs(first - evaluate("float(h.array[0, 0])").result.value.toDouble()) < 1e-6);
    slice.maxElements = 4;  // downsampled by striding
    const TensorDataReply small = awaitReply(kernel_, kernel_.requestTensorData(slice), &KernelClient::tensorDataReply);
    QVERIFY(small.sliceShape[0] * small.sliceShape[1] <= 4);
    QCOMPARE(small.data.size(), small.sliceShape[0] * small.sliceShape[1] * 4);

    QCOMPARE(control("continue"), QString());
    QVERIFY(run.waitDone());
    QCOMPARE(run.reply->status, QStringLiteral("ok"));
    QCOMPARE(continued_, 1);
    KUSARI_RUN_CELL(kernel_, check, "print(abs(result - float((model.l1(x).array * 2).sum())) < 1e-5)", "check");
    QCOMPARE(check.out, QStringLiteral("True\n"));
  }

  void stepIntoOverAndOut() {
    setBreakpoints({at("<cell steps>", 1)});
    RequestRecord run(kernel_, kernel_.execute("out = model(x)\ntotal = float(out.array.sum())\n", "steps"));
    QVERIFY(waitStop(1));
    QCOMPARE(stops_[0].line, 1);
    QCOMPARE(control("step"), QString());  // into forward, past the C++ __call__
    QVERIFY(waitStop(2));
    QCOMPARE(stops_[1].reason, QStringLiteral("step"));
    QCOMPARE(stops_[1].frames[0].function, QStringLiteral("forward"));
    QCOMPARE(stops_[1].line, 10);
    QCOMPARE(control("next"), QString());
    QVERIFY(waitStop(3));
    QCOMPARE(stops_[2].line, 11);
    QCOMPARE(stops_[2].frames[0].function, QStringLiteral("forward"));
    QCOMPARE(control("return"), QString());  // out of forward, to the cell's next line
    QVERIFY(waitStop(4));
    QCOMPARE(stops_[3].source, QStringLiteral("<cell steps>"));
    QCOMPARE(stops_[3].line, 2);
    QCOMPARE(control("continue"), QString());
    QVERIFY(run.waitDone());
    QCOMPARE(run.reply->status, QStringLiteral("ok"));
    QCOMPARE(stops_.size(), 4);
  }

  void stepSkipsLibraryCode() {
    // `with self.init_scope():` runs kusari/link.py and contextlib: a step passes over them.
    setBreakpoints({at("<cell model>", 7)});
    RequestRecord run(kernel_, kernel_.execute("m2 = MLP()\n", "skiplib"));
    QVERIFY(waitStop(1));
    QCOMPARE(stops_[0].frames[0].function, QStringLiteral("__init__"));
    QCOMPARE(control("step"), QString());
    QVERIFY(waitStop(2));
    QCOMPARE(stops_[1].source, QStringLiteral("<cell model>"));
    QCOMPARE(stops_[1].line, 8);
    setBreakpoints({});  // (leaving the `with` block is a line event on line 7 again)
    QCOMPARE(control("continue"), QString());
    QVERIFY(run.waitDone());
    QCOMPARE(run.reply->status, QStringLiteral("ok"));
  }

  void evaluateAndSetVariable() {
    setBreakpoints({at("<cell model>", 12)});
    RequestRecord run(kernel_, kernel_.execute("res = float(model(x).array.sum())\n", "setvar"));
    QVERIFY(waitStop(1));
    const EvaluateReply shape = evaluate("y.shape");
    QVERIFY2(shape.error.isEmpty(), qPrintable(shape.error));
    QCOMPARE(shape.result.value, QStringLiteral("(2, 4)"));
    QVERIFY(evaluate("undefined_name").error.startsWith(QStringLiteral("NameError")));
    const SetVariableReply set = awaitReply(kernel_, kernel_.setVariable(1, "y", "y * 0 + 5"), &KernelClient::setVariableReply);
    QVERIFY2(set.error.isEmpty(), qPrintable(set.error));
    QVERIFY(set.value.tensor);
    QCOMPARE(set.value.tensor->mean, 5.0);
    QCOMPARE(control("continue"), QString());
    QVERIFY(run.waitDone());
    KUSARI_RUN_CELL(kernel_, check, "print(res)", "setvar-check");
    QCOMPARE(check.out, QStringLiteral("40.0\n"));  // 2 x 4 elements of 5: the new y was returned
  }

  void conditionAndHitCount() {
    // Stops where i is odd, from the second such hit on: i = 3, then 5.
    setBreakpoints({SourceBreakpoint{"<cell loop>", 3, "i % 2 == 1", ">= 2", {}, true}});
    RequestRecord run(kernel_, kernel_.execute(kLoopCell, "loop"));
    QVERIFY(waitStop(1));
    QCOMPARE(evaluate("i").result.value, QStringLiteral("3"));
    QCOMPARE(control("continue"), QString());
    QVERIFY(waitStop(2));
    QCOMPARE(evaluate("i").result.value, QStringLiteral("5"));
    setBreakpoints({});  // while paused: the rest of the loop runs through
    QCOMPARE(control("continue"), QString());
    QVERIFY(run.waitDone());
    QCOMPARE(run.out, QStringLiteral("done 45\n"));
    QCOMPARE(stops_.size(), 2);
  }

  void logPointPrintsAndDoesNotStop() {
    setBreakpoints({SourceBreakpoint{"<cell logloop>", 3, "i < 3", {}, "i={i} sq={i * i}", true},
                    SourceBreakpoint{"<cell logloop>", 4, {}, {}, {}, false}});  // disabled
    RequestRecord run(kernel_, kernel_.execute(kLoopCell, "logloop"));
    QVERIFY(run.waitDone());
    QCOMPARE(run.out, QStringLiteral("i=0 sq=0\ni=1 sq=1\ni=2 sq=4\ndone 45\n"));
    QCOMPARE(stops_.size(), 0);
  }

  void breakpointInImportedFile() {
    QTemporaryDir dir;
    const QString path = QDir(dir.path()).canonicalPath() + QStringLiteral("/dbg_helper_mod.py");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("def scale(v):\n    doubled = v * 2\n    return doubled\n");
    file.close();
    QVERIFY(setBreakpoints({at(path, 2)}).breakpoints.value(0).verified);
    const QString code = QStringLiteral("import sys\nsys.path.insert(0, %1)\nimport dbg_helper_mod\nr = dbg_helper_mod.scale(21)\nprint(r)\n")
                             .arg(QStringLiteral("'") + QFileInfo(path).path() + QStringLiteral("'"));
    RequestRecord run(kernel_, kernel_.execute(code, "import"));
    QVERIFY(waitStop(1));
    QCOMPARE(stops_[0].source, path);
    QCOMPARE(stops_[0].line, 2);
    QCOMPARE(stops_[0].frames[0].function, QStringLiteral("scale"));
    QCOMPARE(stops_[0].frames[1].source, QStringLiteral("<cell import>"));
    QCOMPARE(evaluate("v").result.value, QStringLiteral("21"));
    QCOMPARE(control("continue"), QString());
    QVERIFY(run.waitDone());
    QCOMPARE(run.out, QStringLiteral("42\n"));
  }

  void pauseRunningLoopThenInterrupt() {
    QCOMPARE(control("pause"), QStringLiteral("no cell is running"));
    RequestRecord run(kernel_, kernel_.execute("n = 0\nwhile True:\n    n += 1\n", "spin"));
    QTRY_COMPARE_WITH_TIMEOUT(kernel_.state(), KernelClient::State::Busy, 10000);
    QTest::qWait(100);
    QCOMPARE(control("pause"), QString());
    QVERIFY(waitStop(1));
    QCOMPARE(stops_[0].reason, QStringLiteral("pause"));
    QCOMPARE(stops_[0].source, QStringLiteral("<cell spin>"));
    QVERIFY(stops_[0].line == 2 || stops_[0].line == 3);
    QCOMPARE(evaluate("n > 0").result.value, QStringLiteral("True"));

    // Served while paused: other requests work, a new cell is refused.
    const VariablesReply vars = awaitReply(kernel_, kernel_.requestVariables(), &KernelClient::variablesReply);
    QVERIFY(std::any_of(vars.variables.begin(), vars.variables.end(), [](const VariableInfo& v) { return v.name == "n"; }));
    RequestRecord refused(kernel_, kernel_.execute("1 + 1", "refused"));
    QVERIFY(refused.waitDone());
    QCOMPARE(refused.reply->status, QStringLiteral("error"));
    QCOMPARE(refused.errors.value(0).ename, QStringLiteral("DebuggerPaused"));

    QCOMPARE(control("continue"), QString());
    QTest::qWait(100);
    QCOMPARE(control("pause"), QString());  // running again: pause works a second time
    QVERIFY(waitStop(2));
    QVERIFY(!run.done());

    kernel_.interrupt();  // while paused: the cell ends with KeyboardInterrupt
    QVERIFY(run.waitDone());
    QCOMPARE(run.reply->status, QStringLiteral("error"));
    QCOMPARE(run.errors.value(0).ename, QStringLiteral("KeyboardInterrupt"));
    QCOMPARE(continued_, 2);
    KUSARI_RUN_CELL(kernel_, after, "import sys\nprint(n > 0, sys.gettrace() is None)", "after");
    QCOMPARE(after.out, QStringLiteral("True True\n"));
  }

  void breakpointSetWhileRunning() {
    // Served at once, even while the cell sleeps; the running frame starts tracing.
    RequestRecord run(kernel_, kernel_.execute("import time\nk = 0\nwhile k < 2000:\n    k += 1\n    time.sleep(0.005)\nprint('end', k)\n", "live"));
    QTRY_COMPARE_WITH_TIMEOUT(kernel_.state(), KernelClient::State::Busy, 10000);
    QTest::qWait(100);
    const SetBreakpointsReply reply = setBreakpoints({at("<cell live>", 4)});
    QVERIFY2(reply.error.isEmpty(), qPrintable(reply.error));
    QVERIFY(reply.breakpoints.value(0).verified);
    QVERIFY(waitStop(1));
    QCOMPARE(stops_[0].line, 4);
    QVERIFY(!run.done());
    QVERIFY(awaitReply(kernel_, kernel_.setVariable(1, "k", "10**6"), &KernelClient::setVariableReply).error.isEmpty());
    setBreakpoints({});
    QCOMPARE(control("continue"), QString());
    QVERIFY(run.waitDone());
    QCOMPARE(run.out, QStringLiteral("end 1000001\n"));
  }

  void runToCursor() {
    setBreakpoints({at("<cell runto>", 1)});
    RequestRecord run(kernel_, kernel_.execute("a = 1\nb = model(x)\nc = 3\nprint(a + c)\n", "runto"));
    QVERIFY(waitStop(1));
    QCOMPARE(control("run_to", "<cell runto>", 4), QString());
    QVERIFY(waitStop(2));
    QCOMPARE(stops_[1].line, 4);
    QCOMPARE(evaluate("c").result.value, QStringLiteral("3"));
    QCOMPARE(control("continue"), QString());
    QVERIFY(run.waitDone());
    QCOMPARE(run.out, QStringLiteral("4\n"));
  }

  void stopFromOtherCode() {
    // What an op hook does: enter the paused state from any code on the kernel's Python thread.
    RequestRecord run(kernel_, kernel_.execute(
        "import _kusari_kernel_debugger as dbg\n"
        "def hook():\n"
        "    return dbg.stop('op', 'linear produced NaN', {'op': 'linear', 'node': 7, 'where': object()})\n"
        "action = hook()\n"
        "print(action)\n",
        "opstop"));
    QVERIFY(waitStop(1));
    QCOMPARE(stops_[0].reason, QStringLiteral("op"));
    QCOMPARE(stops_[0].description, QStringLiteral("linear produced NaN"));
    QCOMPARE(stops_[0].extra.value(QStringLiteral("op")).toString(), QStringLiteral("linear"));
    QCOMPARE(stops_[0].extra.value(QStringLiteral("node")).toInteger(), 7);
    QVERIFY(stops_[0].extra.value(QStringLiteral("where")).toString().startsWith(QStringLiteral("<object")));
    QCOMPARE(stops_[0].frames[0].function, QStringLiteral("hook"));  // cell code is user code
    QCOMPARE(stops_[0].line, 3);
    QCOMPARE(control("next"), QString());  // a step after an op stop stops at the next line
    QVERIFY(waitStop(2));
    QCOMPARE(stops_[1].reason, QStringLiteral("step"));
    QCOMPARE(control("continue"), QString());
    QVERIFY(run.waitDone());
    QCOMPARE(run.out, QStringLiteral("next\n"));
  }

  void shutdownWhilePaused() {
    KernelClient other;
    other.start();
    QTRY_COMPARE_WITH_TIMEOUT(other.state(), KernelClient::State::Idle, 30000);
    QSignalSpy stopped(&other, &KernelClient::debugStopped);
    QSignalSpy ended(&other, &KernelClient::stopped);
    QSignalSpy died(&other, &KernelClient::died);
    other.setBreakpoints({at("<cell held>", 2)});
    RequestRecord run(other, other.execute("a = 1\nb = 2\n", "held"));
    QVERIFY(stopped.wait(20000));
    QElapsedTimer clock;
    clock.start();
    other.shutdown();
    QVERIFY(run.waitDone());  // the paused cell ends (KeyboardInterrupt), then the kernel leaves
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 20000);
    QVERIFY2(clock.elapsed() < 2500, "the kernel exited by itself, not killed after the grace period");
    QCOMPARE(died.size(), 0);
  }

  void debugRequestsWhenNotPaused() {
    QCOMPARE(awaitReply(kernel_, kernel_.requestStack(), &KernelClient::stackReply).error, QStringLiteral("the kernel is not paused"));
    QCOMPARE(control("continue"), QStringLiteral("the kernel is not paused"));
  }
};

QTEST_GUILESS_MAIN(TestKernelDebugger)
#include "test_kernel_debugger.moc"

// Break on uncaught exceptions against a real kusari-kernel (set_breakpoints_request's
// break_on_exception): an exception leaving a cell pauses at the user line that raised it, a
// caught one does not, continue ends the cell with the usual error, off means no pause.
#include <QSignalSpy>
#include <QTest>

#include "kernel_test_support.h"

using kusari::client::KernelClient;
using kusari::test_support::awaitReply;
using kusari::test_support::RequestRecord;
using namespace kusari::protocol;

namespace {

// Line 11 divides by zero inside forward when `bad` is set.
const char* kModelCell =
    "import numpy as np\n"
    "import kusari\n"
    "import kusari.links as L\n"
    "class MLP(kusari.Chain):\n"
    "    def __init__(self):\n"
    "        super().__init__()\n"
    "        with self.init_scope():\n"
    "            self.l1 = L.Linear(3, 4)\n"
    "    def forward(self, x, bad=False):\n"
    "        h = self.l1(x)\n"
    "        scale = 1 / 0 if bad else 2\n"
    "        return h * scale\n"
    "model = MLP()\n"
    "x = np.ones((2, 3), dtype=np.float32)\n";

}  // namespace

class TestKernelDebuggerExceptions : public QObject {
  Q_OBJECT
  KernelClient kernel_;
  QList<StoppedEvent> stops_;

  SetBreakpointsReply breakOnException(bool on) {
    return awaitReply(kernel_, kernel_.setBreakpoints({}, on), &KernelClient::setBreakpointsReply);
  }
  QString control(const QString& action) {
    return awaitReply(kernel_, kernel_.debugControl(action), &KernelClient::debugControlReply).error;
  }
  EvaluateReply evaluate(const QString& expression, qint64 frame = 1) {
    return awaitReply(kernel_, kernel_.evaluate(expression, frame), &KernelClient::evaluateReply);
  }

 private slots:
  void initTestCase() {
    connect(&kernel_, &KernelClient::debugStopped, this, [this](const QString&, const StoppedEvent& e) { stops_.append(e); });
    kernel_.start();
    QTRY_COMPARE_WITH_TIMEOUT(kernel_.state(), KernelClient::State::Idle, 30000);
    KUSARI_RUN_CELL(kernel_, record, kModelCell, "model");
    QVERIFY2(record.errors.isEmpty(), qPrintable(record.errorText()));
  }
  void init() { stops_.clear(); }
  void cleanup() {
    QVERIFY(breakOnException(false).error.isEmpty());
    if (kernel_.state() == KernelClient::State::Busy) {
      kernel_.interrupt();
      QTRY_COMPARE_WITH_TIMEOUT(kernel_.state(), KernelClient::State::Idle, 10000);
    }
  }

  void uncaughtInsideForwardPausesThere() {
    QVERIFY(breakOnException(true).error.isEmpty());
    KUSARI_RUN_CELL(kernel_, trace, "import sys\nprint(sys.gettrace() is None)", "no-trace");
    QCOMPARE(trace.out, QStringLiteral("True\n"));  // the option alone traces nothing

    RequestRecord run(kernel_, kernel_.execute("y = model(x, bad=True)\n", "raise"));
    QVERIFY(QTest::qWaitFor([&] { return !stops_.isEmpty(); }, 20000));
    const StoppedEvent stop = stops_[0];
    QCOMPARE(stop.reason, QStringLiteral("exception"));
    QCOMPARE(stop.source, QStringLiteral("<cell model>"));
    QCOMPARE(stop.line, 11);
    QCOMPARE(stop.description, QStringLiteral("ZeroDivisionError: division by zero"));
    QCOMPARE(stop.extra.value(QStringLiteral("ename")).toString(), QStringLiteral("ZeroDivisionError"));
    QCOMPARE(stop.extra.value(QStringLiteral("evalue")).toString(), QStringLiteral("division by zero"));
    QCOMPARE(stop.frames.size(), 2);
    QCOMPARE(stop.frames[0].function, QStringLiteral("forward"));
    QCOMPARE(stop.frames[0].line, 11);
    QCOMPARE(stop.frames[1].source, QStringLiteral("<cell raise>"));
    QCOMPARE(stop.frames[1].line, 1);
    QVERIFY(!run.done());

    // The raising frame's locals are there: h was computed, bad is True.
    const EvaluateReply h = evaluate(QStringLiteral("h"));
    QVERIFY2(h.error.isEmpty(), qPrintable(h.error));
    QVERIFY(h.result.tensor.has_value());
    QCOMPARE(h.result.tensor->shape, (QList<qint64>{2, 4}));
    QCOMPARE(evaluate(QStringLiteral("bad")).result.value, QStringLiteral("True"));

    QVERIFY(control(QStringLiteral("next")).contains(QStringLiteral("only continue")));
    QCOMPARE(control(QStringLiteral("continue")), QString());
    QVERIFY(run.waitDone());
    QCOMPARE(run.reply->status, QStringLiteral("error"));
    QCOMPARE(run.errors.size(), 1);
    QCOMPARE(run.errors[0].ename, QStringLiteral("ZeroDivisionError"));
    QCOMPARE(stops_.size(), 1);
  }

  void caughtExceptionDoesNotPause() {
    QVERIFY(breakOnException(true).error.isEmpty());
    KUSARI_RUN_CELL(kernel_, run,
                    "try:\n    model(x, bad=True)\nexcept ZeroDivisionError as e:\n    print('caught', e)\n", "caught");
    QVERIFY2(run.errors.isEmpty(), qPrintable(run.errorText()));
    QCOMPARE(run.out, QStringLiteral("caught division by zero\n"));
    QCOMPARE(stops_.size(), 0);
  }

  void offMeansNoPause() {
    QVERIFY(breakOnException(false).error.isEmpty());
    KUSARI_RUN_CELL(kernel_, run, "model(x, bad=True)\n", "off");
    QCOMPARE(run.errors.size(), 1);
    QCOMPARE(run.errors[0].ename, QStringLiteral("ZeroDivisionError"));
    QCOMPARE(stops_.size(), 0);
  }

  void interruptWhilePausedEndsTheCell() {
    QVERIFY(breakOnException(true).error.isEmpty());
    RequestRecord run(kernel_, kernel_.execute("def g():\n    raise ValueError('bad value')\ng()\n", "interrupt"));
    QVERIFY(QTest::qWaitFor([&] { return !stops_.isEmpty(); }, 20000));
    QCOMPARE(stops_[0].reason, QStringLiteral("exception"));
    QCOMPARE(stops_[0].line, 2);
    QCOMPARE(stops_[0].frames.value(0).function, QStringLiteral("g"));
    QCOMPARE(stops_[0].description, QStringLiteral("ValueError: bad value"));
    kernel_.interrupt();
    QVERIFY(run.waitDone());
    QCOMPARE(run.errors.size(), 1);
    QCOMPARE(run.errors[0].ename, QStringLiteral("KeyboardInterrupt"));
    KUSARI_RUN_CELL(kernel_, after, "print('alive')", "after-interrupt");
    QCOMPARE(after.out, QStringLiteral("alive\n"));
  }

  void syntaxErrorDoesNotPause() {
    QVERIFY(breakOnException(true).error.isEmpty());
    KUSARI_RUN_CELL(kernel_, syntax, "x = (\n", "syntax");
    QCOMPARE(syntax.errors.size(), 1);
    QCOMPARE(syntax.errors[0].ename, QStringLiteral("SyntaxError"));
    QCOMPARE(stops_.size(), 0);
  }
};

QTEST_GUILESS_MAIN(TestKernelDebuggerExceptions)
#include "test_kernel_debugger_exceptions.moc"

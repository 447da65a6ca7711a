// NotebookSession against a real kusari-kernel: the queue, outputs written into the cells,
// interrupt, death and restart, variables.
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include "ipynb/ipynb_reader.h"
#include "ipynb/ipynb_writer.h"
#include "session/notebook_session.h"
#include "session/output_conversion.h"

using namespace kusari::studio;
using kusari::client::KernelClient;
using S = ExecutionStatus;

namespace {

void addCell(Notebook& notebook, const QString& source, CellType type = CellType::Code) {
  Cell cell;
  cell.type = type;
  cell.source = source;
  notebook.insertCell(notebook.cellCount(), cell);
}

QString text(const QJsonObject& output) { return output.value(QStringLiteral("text")).toString(); }
QJsonObject data(const QJsonObject& output) { return output.value(QStringLiteral("data")).toObject(); }

}  // namespace

class TestSession : public QObject {
  Q_OBJECT
  KernelClient kernel_;  // shared by the tests that leave it alive

  static bool runAndWait(NotebookSession& session, const std::function<void()>& run) {
    QSignalSpy emptied(&session, &NotebookSession::queueEmptied);
    run();
    return emptied.wait(30000);
  }
  S status(NotebookSession& s, int index) { return s.status(s.notebook()->cell(index).id); }

 private slots:
  void initTestCase() {
    kernel_.start();
    QTRY_COMPARE_WITH_TIMEOUT(kernel_.state(), KernelClient::State::Idle, 30000);
  }
  void init() {
    if (kernel_.state() != KernelClient::State::Idle) kernel_.restart();
    QTRY_COMPARE_WITH_TIMEOUT(kernel_.state(), KernelClient::State::Idle, 30000);
  }

  void runAllWritesOutputsAndCounts() {
    Notebook nb;
    addCell(nb, "x = 2\nprint('a')");
    addCell(nb, "# Heading", CellType::Markdown);
    addCell(nb, "x * 21");
    addCell(nb, "import numpy as np\nnp.arange(6.0, dtype=np.float32).reshape(2, 3) - 1");
    NotebookSession session(&nb, &kernel_);
    QSignalSpy statuses(&session, &NotebookSession::cellStatusChanged);
    QVERIFY(runAndWait(session, [&] { session.runAll(); }));
    QCOMPARE(status(session, 0), S::Done);
    QCOMPARE(status(session, 1), S::Idle);  // markdown is not run
    QCOMPARE(status(session, 3), S::Done);
    // queued -> running -> done, in order, for each code cell
    QList<S> first;
    for (const auto& args : statuses)
      if (args[0].toString() == nb.cell(0).id) first << args[1].value<S>();
    QCOMPARE(first, (QList<S>{S::Queued, S::Running, S::Done}));

    const int c = *nb.cell(0).executionCount;
    QCOMPARE(nb.cell(2).executionCount, std::optional<int>(c + 1));
    QCOMPARE(nb.cell(3).executionCount, std::optional<int>(c + 2));
    QCOMPARE(nb.cell(1).executionCount, std::nullopt);
    QCOMPARE(nb.cell(0).outputs.size(), 1);
    QCOMPARE(nb.cell(0).outputs[0][QStringLiteral("name")].toString(), QStringLiteral("stdout"));
    QCOMPARE(text(nb.cell(0).outputs[0]), QStringLiteral("a\n"));
    QCOMPARE(data(nb.cell(2).outputs[0])[QStringLiteral("text/plain")].toString(), QStringLiteral("42"));

    const QJsonObject tensor = data(nb.cell(3).outputs[0])[QLatin1StringView(kTensorMime)].toObject();
    QCOMPARE(tensor[QStringLiteral("shape")].toArray(), (QJsonArray{2, 3}));
    QCOMPARE(tensor[QStringLiteral("dtype")].toString(), QStringLiteral("float32"));
    QCOMPARE(tensor[QStringLiteral("max")].toDouble(), 4.0);
    const QByteArray preview = QByteArray::fromBase64(tensor[QStringLiteral("preview")].toString().toLatin1());
    QCOMPARE(preview.size(), qsizetype(6 * sizeof(float)));
    for (int i = 0; i < 6; ++i) QCOMPARE(reinterpret_cast<const float*>(preview.constData())[i], float(i - 1));
    QVERIFY(session.lastExecutionMs() >= 0);
    QVERIFY(nb.isModified());
  }

  // The last expression's value is stored as Jupyter does: an execute_result numbered like its
  // cell, written to .ipynb with output_type/execution_count/data/metadata and read back as is.
  void executeResultRoundTripsThroughIpynb() {
    Notebook nb;
    addCell(nb, "display('side')\n'value'");
    NotebookSession session(&nb, &kernel_);
    QVERIFY(runAndWait(session, [&] { session.runAll(); }));
    QCOMPARE(nb.cell(0).outputs.size(), 2);
    QCOMPARE(nb.cell(0).outputs[0][QStringLiteral("output_type")].toString(), QStringLiteral("display_data"));
    const QJsonObject result = nb.cell(0).outputs[1];
    QCOMPARE(result[QStringLiteral("output_type")].toString(), QStringLiteral("execute_result"));
    QVERIFY(nb.cell(0).executionCount);
    QCOMPARE(result[QStringLiteral("execution_count")].toInt(), *nb.cell(0).executionCount);
    QCOMPARE(data(result)[QStringLiteral("text/plain")].toString(), QStringLiteral("'value'"));

    const QByteArray bytes = serializeIpynb(nb);
    const QJsonObject written = QJsonDocument::fromJson(bytes)[QStringLiteral("cells")][0][QStringLiteral("outputs")][1].toObject();
    QCOMPARE(written.keys(), (QStringList{"data", "execution_count", "metadata", "output_type"}));
    QCOMPARE(written[QStringLiteral("execution_count")].toInt(), *nb.cell(0).executionCount);
    QCOMPARE(written[QStringLiteral("data")][QStringLiteral("text/plain")].toArray(), QJsonArray{QStringLiteral("'value'")});
    Notebook reread;
    loadIpynb(bytes, reread);
    QCOMPARE(reread.cell(0).outputs, nb.cell(0).outputs);
  }

  void errorAbortsTheRest() {
    Notebook nb;
    addCell(nb, "1");
    addCell(nb, "y = 1\n1 / 0");
    addCell(nb, "print('never')");
    addCell(nb, "2");
    NotebookSession session(&nb, &kernel_);
    QSignalSpy errors(&session, &NotebookSession::cellError);
    QVERIFY(runAndWait(session, [&] { session.runAll(); }));
    QCOMPARE(status(session, 0), S::Done);
    QCOMPARE(status(session, 1), S::Error);
    QCOMPARE(status(session, 2), S::Aborted);
    QCOMPARE(status(session, 3), S::Aborted);
    QCOMPARE(nb.cell(1).outputs.size(), 1);
    const QJsonObject error = nb.cell(1).outputs[0];
    QCOMPARE(error[QStringLiteral("output_type")].toString(), QStringLiteral("error"));
    QCOMPARE(error[QStringLiteral("ename")].toString(), QStringLiteral("ZeroDivisionError"));
    QVERIFY(!error[QStringLiteral("traceback")].toArray().isEmpty());
    QVERIFY(nb.cell(1).executionCount.has_value());
    QVERIFY(nb.cell(2).outputs.isEmpty());
    QCOMPARE(nb.cell(2).executionCount, std::nullopt);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0][0].toString(), nb.cell(1).id);
  }

  void streamTextMerged() {
    Notebook nb;
    addCell(nb, "import sys, time\nprint('a')\ntime.sleep(0.2)\nprint('b')\ntime.sleep(0.2)\nprint('c')\n"
                "time.sleep(0.2)\nprint('e', file=sys.stderr)\ntime.sleep(0.2)\nprint('d')");
    NotebookSession session(&nb, &kernel_);
    QSignalSpy streams(&kernel_, &KernelClient::stream);
    QVERIFY(runAndWait(session, [&] { session.runAll(); }));
    QVERIFY2(streams.size() >= 4, "the kernel batched everything into too few messages for the test to mean anything");
    QCOMPARE(nb.cell(0).outputs.size(), 3);
    QCOMPARE(text(nb.cell(0).outputs[0]), QStringLiteral("a\nb\nc\n"));
    QCOMPARE(nb.cell(0).outputs[1][QStringLiteral("name")].toString(), QStringLiteral("stderr"));
    QCOMPARE(text(nb.cell(0).outputs[2]), QStringLiteral("d\n"));
  }

  void interruptStopsCellAndQueue() {
    Notebook nb;
    addCell(nb, "import time\nprint('started', flush=True)\ntime.sleep(60)");
    addCell(nb, "print('after')");
    NotebookSession session(&nb, &kernel_);
    QSignalSpy emptied(&session, &NotebookSession::queueEmptied);
    session.runAll();
    QTRY_VERIFY_WITH_TIMEOUT(!nb.cell(0).outputs.isEmpty(), 20000);  // the sleep has begun
    QCOMPARE(status(session, 0), S::Running);
    session.interrupt();
    QVERIFY(emptied.wait(20000));
    QCOMPARE(status(session, 0), S::Interrupted);
    QCOMPARE(status(session, 1), S::Aborted);
    QCOMPARE(nb.cell(0).outputs.last()[QStringLiteral("ename")].toString(), QStringLiteral("KeyboardInterrupt"));
    // The kernel is still usable.
    QVERIFY(runAndWait(session, [&] { session.runCell(1); }));
    QCOMPARE(status(session, 1), S::Done);
    QCOMPARE(text(nb.cell(1).outputs[0]), QStringLiteral("after\n"));
  }

  void kernelDeathKeepsNotebook() {
    KernelClient kernel;
    Notebook nb;
    addCell(nb, "print('kept')");
    addCell(nb, "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)");
    addCell(nb, "print('never')");
    NotebookSession session(&nb, &kernel);
    QSignalSpy died(&session, &NotebookSession::kernelDied);
    session.runAll();  // starts the kernel itself
    QVERIFY(died.wait(30000));
    QVERIFY2(died[0][1].toString().contains(QStringLiteral("signal 9")), qPrintable(died[0][1].toString()));
    QCOMPARE(session.kernelState(), KernelClient::State::Dead);
    QCOMPARE(status(session, 0), S::Done);
    QCOMPARE(status(session, 1), S::Error);
    QCOMPARE(status(session, 2), S::Aborted);
    QCOMPARE(text(nb.cell(0).outputs[0]), QStringLiteral("kept\n"));
    QCOMPARE(nb.cell(0).executionCount, std::optional<int>(1));
    // Running on a dead kernel aborts at once; a restart brings it back.
    session.runCell(2);
    QCOMPARE(status(session, 2), S::Aborted);
    session.restart();
    QVERIFY(runAndWait(session, [&] { session.runCell(2); }));
    QCOMPARE(status(session, 2), S::Done);
    QCOMPARE(nb.cell(2).executionCount, std::optional<int>(1));  // a fresh kernel counts from 1
    QCOMPARE(text(nb.cell(0).outputs[0]), QStringLiteral("kept\n"));
  }

  void restartAndRunAllStartsOver() {
    Notebook nb;
    addCell(nb, "import time\nz = 5\ntime.sleep(60)");
    NotebookSession session(&nb, &kernel_);
    session.runAll();
    QTRY_COMPARE_WITH_TIMEOUT(kernel_.state(), KernelClient::State::Busy, 20000);
    nb.setSource(0, QStringLiteral("z = 7\nz"));
    session.restart();
    QCOMPARE(status(session, 0), S::Interrupted);
    QVERIFY(runAndWait(session, [&] { session.restartAndRunAll(); }));
    QCOMPARE(status(session, 0), S::Done);
    QCOMPARE(nb.cell(0).executionCount, std::optional<int>(1));
    QCOMPARE(data(nb.cell(0).outputs[0])[QStringLiteral("text/plain")].toString(), QStringLiteral("7"));
  }

  void variablesRefreshedAfterRun() {
    Notebook nb;
    addCell(nb, "import numpy as np\nalpha = 3\nweights = np.full((2, 3), 0.5)");
    NotebookSession session(&nb, &kernel_);
    QSignalSpy changed(&session, &NotebookSession::variablesChanged);
    session.runAll();
    QVERIFY(changed.wait(30000));
    QStringList names;
    for (const auto& v : session.variables()) names << v.name;
    QVERIFY2(names.contains(QStringLiteral("alpha")) && names.contains(QStringLiteral("weights")), qPrintable(names.join(',')));
    QVERIFY(!names.contains(QStringLiteral("np")));
    for (const auto& v : session.variables())
      if (v.name == QLatin1StringView("weights")) QCOMPARE(v.mean, 0.5);
  }

  void completionAndInspection() {
    Notebook nb;
    addCell(nb, "kusari_value = 12");
    NotebookSession session(&nb, &kernel_);
    QVERIFY(runAndWait(session, [&] { session.runAll(); }));
    QStringList matches;
    session.complete(QStringLiteral("kusari_v"), 8, [&](const kusari::protocol::CompleteReply& r) { matches = r.matches; });
    QTRY_VERIFY_WITH_TIMEOUT(!matches.isEmpty(), 10000);
    QCOMPARE(matches, QStringList{QStringLiteral("kusari_value")});
    QString type;
    session.inspect(QStringLiteral("kusari_value"), 3, [&](const kusari::protocol::InspectReply& r) { type = r.typeName; });
    QTRY_COMPARE_WITH_TIMEOUT(type, QStringLiteral("int"), 10000);
  }

  void clearOutputs() {
    Notebook nb;
    addCell(nb, "print(1)");
    NotebookSession session(&nb, &kernel_);
    QVERIFY(runAndWait(session, [&] { session.runAll(); }));
    QCOMPARE(nb.cell(0).outputs.size(), 1);
    session.clearAllOutputs();
    QVERIFY(nb.cell(0).outputs.isEmpty());
    QCOMPARE(nb.cell(0).executionCount, std::nullopt);
  }
};

QTEST_GUILESS_MAIN(TestSession)
#include "test_session.moc"

// The main window's Run and Kernel actions, triggered as from the menus and the toolbar, act on
// the current notebook and its own kernel: run cell, run all, clear outputs, interrupt, restart.
#include <QApplication>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include "client/kernel_client.h"
#include "document/notebook.h"
#include "main_window/main_window.h"
#include "main_window/notebook_document.h"
#include "main_window/session_runner.h"
#include "main_window/studio_actions.h"
#include "window_test_support.h"

using namespace kusari::studio;
using kusari::test_support::writeNotebook;

namespace {

QString outputType(const QJsonObject& output) { return output.value(QStringLiteral("output_type")).toString(); }
QString plainText(const QJsonObject& output) {
  return output.value(QStringLiteral("data")).toObject().value(QStringLiteral("text/plain")).toString();
}

}  // namespace

class TestWindowActions : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

  // A window on a notebook of `sources`; autosave off, so nothing is left behind.
  NotebookDocument* open(MainWindow& window, const QString& name, const QStringList& sources) {
    const QString path = dir_.filePath(name);
    if (!writeNotebook(path, sources)) return nullptr;
    window.setAutosaveInterval(0);
    return window.openNotebook(path) ? window.currentDocument() : nullptr;
  }
  static bool trigger(QAction* action, NotebookDocument* doc) {
    QSignalSpy finished(doc->runner(), &CellRunner::queueFinished);
    action->trigger();
    return finished.wait(30000);
  }
  static qint64 kernelPid(NotebookDocument* doc) { return qobject_cast<SessionRunner*>(doc->runner())->kernel()->processId(); }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
  }

  void runCellRunsTheCurrentCellOnly() {
    MainWindow window;
    NotebookDocument* doc = open(window, QStringLiteral("run_cell.ipynb"), {"a = 6", "a * 7", "print('third')"});
    QVERIFY(doc);
    Notebook* nb = doc->notebook();
    doc->view()->setCurrentIndex(0);
    QVERIFY(trigger(window.actions().runCell, doc));
    QVERIFY(nb->cell(0).executionCount);
    QVERIFY(!nb->cell(1).executionCount);
    doc->view()->setCurrentIndex(1);
    QVERIFY(trigger(window.actions().runCell, doc));
    QCOMPARE(nb->cell(1).executionCount, std::optional<int>(*nb->cell(0).executionCount + 1));
    QCOMPARE(nb->cell(1).outputs.size(), 1);
    QCOMPARE(outputType(nb->cell(1).outputs[0]), QStringLiteral("execute_result"));
    QCOMPARE(nb->cell(1).outputs[0].value(QStringLiteral("execution_count")).toInt(), *nb->cell(1).executionCount);
    QCOMPARE(plainText(nb->cell(1).outputs[0]), QStringLiteral("42"));
    QVERIFY(nb->cell(2).outputs.isEmpty());
    QVERIFY(nb->isModified());
    QVERIFY(window.findChild<QTabWidget*>()->tabText(0).endsWith(QStringLiteral("●")));
  }

  void runAllThenClearOutputs() {
    MainWindow window;
    NotebookDocument* doc = open(window, QStringLiteral("run_all.ipynb"), {"print('one')", "2 + 2", "print('three')"});
    QVERIFY(doc);
    Notebook* nb = doc->notebook();
    QVERIFY(trigger(window.actions().runAll, doc));
    for (int i = 0; i < 3; ++i) QCOMPARE(nb->cell(i).outputs.size(), 1);
    QCOMPARE(nb->cell(0).outputs[0].value(QStringLiteral("text")).toString(), QStringLiteral("one\n"));
    QCOMPARE(plainText(nb->cell(1).outputs[0]), QStringLiteral("4"));
    QCOMPARE(nb->cell(2).outputs[0].value(QStringLiteral("text")).toString(), QStringLiteral("three\n"));

    doc->view()->setCurrentIndex(1);
    window.actions().clearOutputs->trigger();
    QVERIFY(nb->cell(1).outputs.isEmpty());
    QCOMPARE(nb->cell(0).outputs.size(), 1);
    QCOMPARE(nb->cell(2).outputs.size(), 1);
    window.actions().clearAllOutputs->trigger();
    for (int i = 0; i < 3; ++i) QVERIFY(nb->cell(i).outputs.isEmpty());
  }

  void interruptStopsTheRunningCellAndTheQueue() {
    MainWindow window;
    NotebookDocument* doc =
        open(window, QStringLiteral("interrupt.ipynb"),
             {"import time\nprint('started', flush=True)\nfor _ in range(1200):\n    time.sleep(0.05)", "print('queued')"});
    QVERIFY(doc);
    Notebook* nb = doc->notebook();
    QSignalSpy finished(doc->runner(), &CellRunner::queueFinished);
    window.actions().runAll->trigger();
    // Interrupt once the loop runs (its first output has arrived).
    QTRY_VERIFY_WITH_TIMEOUT(!nb->cell(0).outputs.isEmpty(), 30000);
    window.actions().interrupt->trigger();
    QVERIFY(finished.wait(10000));
    const QJsonObject last = nb->cell(0).outputs.last();
    QCOMPARE(outputType(last), QStringLiteral("error"));
    QCOMPARE(last.value(QStringLiteral("ename")).toString(), QStringLiteral("KeyboardInterrupt"));
    QVERIFY(nb->cell(1).outputs.isEmpty());  // the queue was aborted
    // The kernel survived: the aborted cell runs on request.
    doc->view()->setCurrentIndex(1);
    QVERIFY(trigger(window.actions().runCell, doc));
    QCOMPARE(nb->cell(1).outputs[0].value(QStringLiteral("text")).toString(), QStringLiteral("queued\n"));
  }

  void restartGivesAFreshKernel() {
    MainWindow window;
    NotebookDocument* doc = open(window, QStringLiteral("restart.ipynb"), {"x = 1", "x"});
    QVERIFY(doc);
    Notebook* nb = doc->notebook();
    doc->view()->setCurrentIndex(0);
    QVERIFY(trigger(window.actions().runCell, doc));
    const qint64 before = kernelPid(doc);
    QVERIFY(before > 0);
    window.actions().restart->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(kernelPid(doc) > 0 && kernelPid(doc) != before, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(doc->runner()->state(), KernelState::Idle, 30000);
    doc->view()->setCurrentIndex(1);
    QVERIFY(trigger(window.actions().runCell, doc));
    QCOMPARE(outputType(nb->cell(1).outputs[0]), QStringLiteral("error"));
    QCOMPARE(nb->cell(1).outputs[0].value(QStringLiteral("ename")).toString(), QStringLiteral("NameError"));
  }
};

QTEST_MAIN(TestWindowActions)
#include "test_window_actions.moc"

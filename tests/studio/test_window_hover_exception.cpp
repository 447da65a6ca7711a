// Hover to inspect and Break on Uncaught Exceptions in the studio window, against a real
// kernel: paused in a Chain's forward, a dwell over `h` shows its shape in a tooltip; with
// "Break on Uncaught Exceptions" checked a cell whose function divides by zero pauses at that
// line (only Continue enabled), hovering its argument shows the value, and Continue ends the
// cell with the usual error output.
#include <QAction>
#include <QCheckBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>

#include "debug/debug_session.h"
#include "document/notebook.h"
#include "main_window/debug_wiring.h"
#include "main_window/hover_wiring.h"
#include "main_window/kernel_status.h"
#include "main_window/main_window.h"
#include "main_window/notebook_document.h"
#include "widgets/debug/breakpoints_view.h"
#include "widgets/editor/code_editor.h"
#include "widgets/notebook/notebook_view.h"
#include "window_test_support.h"

using namespace kusari::studio;
using kusari::widgets::CodeEditor;

namespace {

const char* kCallCell = "y = model(x)\n";
const char* kRaiseCell = "def f(v):\n    return v / 0\nf(3)\n";

// Rests the mouse (SCN_DWELLSTART) on the first `needle` of `line` (1-based) in `editor`.
void dwell(CodeEditor* editor, int line, const QString& needle) {
  const QString text = editor->text(line - 1);
  const long pos = editor->positionFromLineIndex(line - 1, int(text.indexOf(needle)));
  emit editor->SCN_DWELLSTART(int(pos), 30, 5);
}

}  // namespace

class TestWindowHoverException : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void hoverWhilePausedAndBreakOnException() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hover.ipynb"));
    QVERIFY(kusari::test_support::writeNotebook(path, {kusari::test_support::kDebugModelCell, kCallCell, kRaiseCell}));
    MainWindow window;
    window.setOfferRecovery(false);
    window.resize(1200, 800);
    window.show();
    QVERIFY(window.openNotebook(path));
    NotebookDocument* doc = window.currentDocument();
    const StudioActions& actions = window.actions();
    DebugSession* debug = window.debugWiring()->session();
    HoverWiring* hover = window.debugWiring()->hover();
    QVERIFY(debug && hover);
    QSignalSpy finished(doc->runner(), &CellRunner::cellFinished);
    doc->runner()->run({0});
    QVERIFY(QTest::qWaitFor([&] { return finished.size() == 1; }, 60000));

    // Not paused: hovering asks nothing.
    CodeEditor* model = doc->view()->cellWidget(0)->editor();
    QSignalSpy shown(hover, &HoverWiring::tooltipShown);
    dwell(model, 11, QStringLiteral("h *"));
    QTest::qWait(200);
    QCOMPARE(shown.size(), 0);

    // Paused on line 12 of forward: h is (2, 4).
    emit model->marginClicked(CodeEditor::BreakpointMargin, 11, Qt::NoModifier);
    doc->runner()->run({1});
    QVERIFY(QTest::qWaitFor([&] { return debug->state() == DebugSession::State::Paused; }, 30000));
    dwell(model, 11, QStringLiteral("h *"));
    QVERIFY(shown.wait(10000));
    const QString text = shown.last().at(0).toString();
    QVERIFY2(text.startsWith(QStringLiteral("h: Variable (2, 4) float32")), qPrintable(text));
    // h = x W^T with x = [[1, 2, 3], [4, 5, 6]], W[i][j] = (3i + j) / 10; 4 significant digits.
    QVERIFY2(text.endsWith(QStringLiteral("\nmin 0.8  mean 5.975  max 15.2")), qPrintable(text));
    QVERIFY2(QToolTip::text().contains(QStringLiteral("(2, 4)")), qPrintable(QToolTip::text()));
    dwell(model, 10, QStringLiteral("l1"));  // an attribute chain
    QVERIFY(shown.wait(10000));
    QVERIFY2(shown.last().at(0).toString().startsWith(QStringLiteral("self.l1: ")), qPrintable(shown.last().at(0).toString()));
    emit model->SCN_DWELLEND(0, 0, 0);
    QVERIFY(hover->shownText().isEmpty());
    actions.debugContinue->trigger();
    QVERIFY(QTest::qWaitFor([&] { return finished.size() == 2; }, 30000));
    emit model->marginClicked(CodeEditor::BreakpointMargin, 11, Qt::NoModifier);  // off again

    // Break on Uncaught Exceptions: the menu action and the Breakpoints dock's box agree.
    QVERIFY(!actions.breakOnException->isChecked());
    actions.breakOnException->trigger();
    QVERIFY(debug->breakpoints()->breakOnException());
    QVERIFY(window.docks().breakpointsView->breakOnExceptionBox()->isChecked());
    doc->runner()->run({2});
    QVERIFY(QTest::qWaitFor([&] { return debug->state() == DebugSession::State::Paused; }, 30000));
    QCOMPARE(debug->stop().reason, QStringLiteral("exception"));
    CodeEditor* raise = doc->view()->cellWidget(2)->editor();
    QCOMPARE(raise->pausedLine(), 2);
    QCOMPARE(window.kernelStatus()->pausedText(), QStringLiteral("paused at cell [3]:2 (ZeroDivisionError: division by zero)"));
    QVERIFY(actions.debugContinue->isEnabled());
    QVERIFY(!actions.stepOver->isEnabled() && !actions.stepInto->isEnabled());
    dwell(raise, 2, QStringLiteral("v /"));
    QVERIFY(shown.wait(10000));
    QCOMPARE(shown.last().at(0).toString(), QStringLiteral("v: int = 3"));

    actions.debugContinue->trigger();
    QVERIFY(QTest::qWaitFor([&] { return finished.size() == 3; }, 30000));
    bool error = false;
    for (const QJsonObject& o : doc->notebook()->cell(2).outputs)
      error = error || o.value(QStringLiteral("ename")).toString() == QLatin1String("ZeroDivisionError");
    QVERIFY(error);
    QCOMPARE(debug->state(), DebugSession::State::Idle);

    // Unchecked in the dock: the action follows, and the next error does not pause.
    window.docks().breakpointsView->breakOnExceptionBox()->setChecked(false);
    QVERIFY(!actions.breakOnException->isChecked());
    doc->runner()->run({2});
    QVERIFY(QTest::qWaitFor([&] { return finished.size() == 4; }, 30000));
    QCOMPARE(debug->state(), DebugSession::State::Idle);
  }
};

QTEST_MAIN(TestWindowHoverException)
#include "test_window_hover_exception.moc"

// The debugger in the studio window, end to end against a real kernel: a breakpoint set by a
// click in a cell's margin stops the Chain's forward called from another cell; the Call Stack,
// the paused line, the status bar and the Variables tree show the stop; a tensor row opens in
// the Tensor dock with the kernel's values; F10 steps, F5 continues to the cell's output; the
// NaN/Inf watch stops at the op that made the first NaN, with its node current in the live graph.
#include <QAction>
#include <QCheckBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QDockWidget>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include "debug/debug_session.h"
#include "document/notebook.h"
#include "main_window/debug_wiring.h"
#include "main_window/kernel_status.h"
#include "main_window/main_window.h"
#include "main_window/notebook_document.h"
#include "widgets/debug/breakpoints_view.h"
#include "widgets/debug/call_stack_view.h"
#include "widgets/editor/breakpoint_markers.h"
#include "widgets/editor/code_editor.h"
#include "widgets/notebook/notebook_view.h"
#include "widgets/tensor/tensor_image_grid.h"
#include "widgets/tensor/tensor_view.h"
#include "widgets/variables/variables_tree_model.h"
#include "widgets/variables/variables_tree_view.h"
#include "widgets/variables/variables_view.h"
#include "window_test_support.h"

using namespace kusari::studio;
using kusari::widgets::CodeEditor;
using kusari::widgets::VariablesTreeModel;

namespace {

const char* kCallCell = "y = model(x)\nprint('sum %.2f' % float(y.array.sum()))\n";

bool hasMarker(CodeEditor* editor, int line, int marker) { return (editor->markersAtLine(line - 1) & (1 << marker)) != 0; }

QString outputText(const Notebook* notebook, int index) {
  QString text;
  for (const QJsonObject& o : notebook->cell(index).outputs) {
    const QJsonValue t = o.value(QStringLiteral("text"));
    if (t.isArray())
      for (const QJsonValue& line : t.toArray()) text += line.toString();
    else text += t.toString();
  }
  return text;
}

}  // namespace

class TestWindowDebugger : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void breakpointStepInspectContinue() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("debug.ipynb"));
    QVERIFY(kusari::test_support::writeNotebook(path, {kusari::test_support::kDebugModelCell, kCallCell}));
    MainWindow window;
    window.setOfferRecovery(false);
    window.resize(1400, 900);
    window.show();
    QVERIFY(window.openNotebook(path));
    NotebookDocument* doc = window.currentDocument();
    kusari::widgets::NotebookView* view = doc->view();
    const StudioDocks& docks = window.docks();
    const StudioActions& actions = window.actions();
    DebugSession* debug = window.debugWiring()->session();
    QVERIFY(debug);
    QCOMPARE(docks.breakpointsView->list(), debug->breakpoints());
    QVERIFY(!actions.debugContinue->isEnabled());

    QSignalSpy finished(doc->runner(), &CellRunner::cellFinished);
    doc->runner()->run({0});
    QVERIFY(QTest::qWaitFor([&] { return finished.size() == 1; }, 60000));
    QVERIFY2(outputText(doc->notebook(), 0).isEmpty(), qPrintable(outputText(doc->notebook(), 0)));

    // A click in the margin of the forward cell's line 11 sets the session's breakpoint.
    CodeEditor* editor = view->cellWidget(0)->editor();
    emit editor->marginClicked(CodeEditor::BreakpointMargin, 10, Qt::NoModifier);
    QVERIFY(debug->breakpoints()->findLine(QStringLiteral("cell0"), 11) >= 0);
    QVERIFY(hasMarker(editor, 11, CodeEditor::BreakpointMarker));
    const int row0 = debug->breakpoints()->findLine(QStringLiteral("cell0"), 11);
    QCOMPARE(debug->breakpoints()->index(row0, 0).data().toString(), QStringLiteral("cell [1]:11"));
    // A condition made in the Breakpoints list shows in the margin as a conditional marker.
    const int row = debug->breakpoints()->findLine(QStringLiteral("cell0"), 11);
    debug->breakpoints()->setCondition(row, QStringLiteral("True"));
    QVERIFY(hasMarker(editor, 11, CodeEditor::ConditionalBreakpointMarker));
    QVERIFY(!hasMarker(editor, 11, CodeEditor::BreakpointMarker));

    doc->runner()->run({1});
    QVERIFY(QTest::qWaitFor([&] { return debug->state() == DebugSession::State::Paused; }, 30000));
    QCOMPARE(doc->runner()->state(), KernelState::Paused);
    const auto& frames = docks.callStackView->frames();
    QCOMPARE(frames.size(), 2);
    QCOMPARE(frames[0].function, QStringLiteral("forward"));
    QCOMPARE(frames[0].line, 11);
    QCOMPARE(frames[0].source, QStringLiteral("cell [1]"));
    QCOMPARE(frames[1].source, QStringLiteral("cell [2]"));
    QCOMPARE(editor->pausedLine(), 11);
    QVERIFY(hasMarker(editor, 11, CodeEditor::PausedLineMarker));
    QCOMPARE(view->cellWidget(1)->editor()->pausedLine(), 0);
    QCOMPARE(window.kernelStatus()->pausedText(), QStringLiteral("paused at cell [1]:11"));
    QVERIFY(actions.debugContinue->isEnabled() && actions.stepOver->isEnabled());
    QVERIFY(!actions.pause->isEnabled());
    QCOMPARE(actions.stepOver->shortcut(), QKeySequence(Qt::Key_F10));
    QCOMPARE(actions.debugContinue->shortcut(), QKeySequence(Qt::Key_F5));

    // The Variables dock shows the frame's locals as a tree; h with its shape.
    QCOMPARE(docks.variablesStack->currentWidget(), docks.variablesTree);
    VariablesTreeModel* model = docks.variablesTree->model();
    QModelIndex h;
    QVERIFY(QTest::qWaitFor([&] {
      for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, VariablesTreeModel::Name).data().toString() == QLatin1String("h")) h = model->index(r, 0);
      return h.isValid();
    }, 10000));
    QCOMPARE(model->index(h.row(), VariablesTreeModel::Shape).data().toString(), QStringLiteral("(2, 4)"));
    QVERIFY(docks.variablesTree->visibleNames().contains(QStringLiteral("self")));

    // Activating the tensor row fills the Tensor dock with h = x W^T.
    const QModelIndex proxyH = docks.variablesTree->proxy()->mapFromSource(h);
    emit docks.variablesTree->tree()->activated(proxyH);
    kusari::widgets::TensorView* tensor = docks.tensorView;
    QVERIFY(QTest::qWaitFor([&] { return tensor->slice().isValid(); }, 10000));
    QCOMPARE(docks.tensorStack->currentWidget(), tensor);
    QCOMPARE(tensor->info().shape, (QList<qint64>{2, 4}));
    const float xs[2][3] = {{1, 2, 3}, {4, 5, 6}};
    for (int r = 0; r < 2; ++r)
      for (int c = 0; c < 4; ++c) {
        float expected = 0;
        for (int k = 0; k < 3; ++k) expected += xs[r][k] * float(3 * c + k) / 10.0f;
        QVERIFY2(qAbs(tensor->slice().at(r, c) - expected) < 1e-5,
                 qPrintable(QStringLiteral("h[%1, %2] = %3, expected %4").arg(r).arg(c).arg(tensor->slice().at(r, c)).arg(expected)));
      }

    // The image grid wants the whole tensor: it is gathered from the paused kernel.
    tensor->setMode(kusari::widgets::TensorView::Mode::Images);
    QVERIFY(QTest::qWaitFor([&] { return !tensor->imageGrid()->tiles().isEmpty(); }, 10000));
    tensor->setMode(kusari::widgets::TensorView::Mode::Heatmap);
    // Any expression of the frame opens too; a 4-D one is gathered slice by slice, in order.
    QSignalSpy arrays(debug, &DebugSession::arrayArrived);
    window.debugWiring()->openExpression(QStringLiteral("np.arange(24, dtype=np.float32).reshape(2, 3, 2, 2)"));
    QVERIFY(QTest::qWaitFor([&] { return tensor->info().shape == QList<qint64>{2, 3, 2, 2}; }, 10000));
    tensor->setMode(kusari::widgets::TensorView::Mode::Images);
    QVERIFY(arrays.wait(10000));
    const auto array = arrays.first().at(1).value<kusari::widgets::TensorArray>();
    QCOMPARE(array.data.size(), 24);
    for (int i = 0; i < 24; ++i) QCOMPARE(array.data[i], float(i));
    tensor->setMode(kusari::widgets::TensorView::Mode::Heatmap);
    window.debugWiring()->openExpression(QStringLiteral("h"));
    QVERIFY(QTest::qWaitFor([&] { return tensor->info().shape == QList<qint64>{2, 4} && tensor->slice().rows == 2; }, 10000));

    if (const QString shots = qEnvironmentVariable("KUSARI_SCREENSHOT_DIR"); !shots.isEmpty()) {  // to look at it
      QTest::qWait(300);
      window.grab().save(shots + QStringLiteral("/debugger_paused.png"));
      docks.breakpoints->raise();
      QTest::qWait(100);
      window.grab().save(shots + QStringLiteral("/debugger_breakpoints.png"));
    }

    // F10 (pressed in the cell's editor): the next line; the tensor shown is fetched again,
    // with its previous values for Δ.
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_F10);
    QVERIFY(QTest::qWaitFor([&] { return editor->pausedLine() == 12 && debug->state() == DebugSession::State::Paused; }, 10000));
    QCOMPARE(window.kernelStatus()->pausedText(), QStringLiteral("paused at cell [1]:12"));
    QVERIFY(QTest::qWaitFor([&] { return tensor->differenceAvailable(); }, 10000));

    // F5: the cell finishes and prints; the paused marks go.
    QTest::keyClick(editor, Qt::Key_F5);
    QVERIFY(QTest::qWaitFor([&] { return finished.size() == 2; }, 10000));
    QCOMPARE(outputText(doc->notebook(), 1), QStringLiteral("sum 95.60\n"));  // 2 * sum(x W^T)
    QCOMPARE(debug->state(), DebugSession::State::Idle);
    QCOMPARE(editor->pausedLine(), 0);
    QVERIFY(window.kernelStatus()->pausedText().isEmpty());
    QVERIFY(docks.callStackView->frames().isEmpty());
    QCOMPARE(docks.variablesStack->currentWidget(), docks.variablesView);
    QVERIFY(!actions.debugContinue->isEnabled());

    // F9 in a cell's editor toggles a breakpoint on the cursor's line, once per press.
    view->setCurrentIndex(1);
    CodeEditor* callEditor = view->cellWidget(1)->editor();
    callEditor->setFocus();
    callEditor->setCursorPosition(1, 0);
    QTest::keyClick(callEditor, Qt::Key_F9);
    QVERIFY(debug->breakpoints()->findLine(QStringLiteral("cell1"), 2) >= 0);
    QVERIFY(hasMarker(callEditor, 2, CodeEditor::BreakpointMarker));
    QTest::keyClick(callEditor, Qt::Key_F9);
    QCOMPARE(debug->breakpoints()->findLine(QStringLiteral("cell1"), 2), -1);
    QVERIFY(!hasMarker(callEditor, 2, CodeEditor::BreakpointMarker));

    // The NaN/Inf watch goes to the kernel as an op breakpoint request.
    QVERIFY(!debug->sentOpBreakpoints().value(QStringLiteral("nan_watch")).toBool());
    actions.stopOnNonFinite->trigger();
    QVERIFY(debug->breakpoints()->stopOnNonFinite());
    QVERIFY(docks.breakpointsView->stopOnNonFiniteBox()->isChecked());
    QCOMPARE(debug->sentOpBreakpoints().value(QStringLiteral("nan_watch")).toBool(), true);
    QCOMPARE(debug->sentOpBreakpoints().value(QStringLiteral("record_graph")).toBool(), true);

    // Pause: a running cell stops at its next line; Continue lets it finish.
    Cell loop;
    loop.source = QStringLiteral("import time\nfor i in range(100):\n    time.sleep(0.01)\nprint('looped', i)\n");
    doc->notebook()->insertCell(2, loop);
    doc->runner()->run({2});
    QVERIFY(QTest::qWaitFor([&] { return actions.pause->isEnabled(); }, 10000));
    QCOMPARE(debug->state(), DebugSession::State::Running);
    actions.pause->trigger();
    QVERIFY(QTest::qWaitFor([&] { return debug->state() == DebugSession::State::Paused; }, 10000));
    QCOMPARE(debug->stop().reason, QStringLiteral("pause"));
    const int line = view->cellWidget(2)->editor()->pausedLine();
    QVERIFY2(line == 2 || line == 3, qPrintable(QString::number(line)));
    actions.debugContinue->trigger();
    QVERIFY(QTest::qWaitFor([&] { return finished.size() == 3; }, 10000));
    QCOMPARE(outputText(doc->notebook(), 2), QStringLiteral("looped 99\n"));
  }
  // The NaN/Inf watch against a real kernel: the stop names the op that made the first NaN at
  // its line, the live graph holds that op outlined as the current node, and Continue finishes.
  void nanWatchStopsAtTheFirstBadOp() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("nan.ipynb"));
    QVERIFY(kusari::test_support::writeNotebook(path, {
        "import numpy as np\nimport kusari\nimport kusari.functions as F\n"
        "x = kusari.Variable(np.array([1, 20, 3], dtype=np.float32))\n",
        "h = x * 2\nbad = F.log(h - 10)\nloss = F.sum(F.exp(bad))\nprint('done')\n"}));
    MainWindow window;
    window.setOfferRecovery(false);
    window.resize(1400, 900);
    window.show();
    QVERIFY(window.openNotebook(path));
    NotebookDocument* doc = window.currentDocument();
    DebugSession* debug = window.debugWiring()->session();
    QSignalSpy finished(doc->runner(), &CellRunner::cellFinished);
    doc->runner()->run({0});
    QVERIFY(QTest::qWaitFor([&] { return finished.size() == 1; }, 60000));

    window.actions().stopOnNonFinite->trigger();
    doc->runner()->run({1});
    QVERIFY(QTest::qWaitFor([&] { return debug->state() == DebugSession::State::Paused; }, 30000));
    QCOMPARE(debug->stop().reason, QStringLiteral("nan"));
    QCOMPARE(debug->stop().extra.value(QStringLiteral("op")).toString(), QStringLiteral("log"));
    QCOMPARE(doc->view()->cellWidget(1)->editor()->pausedLine(), 2);
    const QString current = debug->graph()->currentId();
    QVERIFY(!current.isEmpty());
    const kusari::widgets::GraphNode* node = debug->graph()->node(current);
    QVERIFY2(node, qPrintable(current));
    QCOMPARE(node->label, QStringLiteral("log"));
    QVERIFY(!window.docks().graph->visibleRegion().isEmpty());  // brought forward with the stop

    window.actions().debugContinue->trigger();
    QVERIFY(QTest::qWaitFor([&] { return finished.size() == 2; }, 30000));
    QCOMPARE(outputText(doc->notebook(), 1), QStringLiteral("done\n"));
  }
};

QTEST_MAIN(TestWindowDebugger)
#include "test_window_debugger.moc"

// The op debugger's studio side without a kernel that speaks it: graph_events turned into the
// Graph model, and a stop with reason "op" (as KernelClient reports it) pausing the notebook's
// DebugSession, outlining the current node and bringing the Graph dock forward.
#include <QCborArray>
#include <QCborMap>
#include <QDockWidget>
#include <QJsonArray>
#include <QJsonObject>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "client/kernel_client.h"
#include "debug/debug_session.h"
#include "debug/graph_feed.h"
#include "document/notebook.h"
#include "main_window/debug_wiring.h"
#include "main_window/kernel_status.h"
#include "main_window/main_window.h"
#include "main_window/notebook_document.h"
#include "main_window/session_runner.h"
#include "widgets/editor/code_editor.h"
#include "widgets/graph/graph_view.h"
#include "widgets/notebook/notebook_view.h"
#include "widgets/tensor/tensor_view.h"
#include "studio_test_support.h"

using namespace kusari::studio;
using kusari::widgets::GraphModel;
using kusari::widgets::GraphNodeKind;

namespace {

QCborMap var(qint64 id, const QString& name, QList<qint64> shape, bool param = false) {
  QCborArray dims;
  for (qint64 d : shape) dims.append(d);
  return QCborMap{{QStringLiteral("var"), id}, {QStringLiteral("name"), name}, {QStringLiteral("shape"), dims},
                  {QStringLiteral("dtype"), QStringLiteral("float32")}, {QStringLiteral("param"), param}};
}

// x -> linear(W, b) -> h -> relu -> y, as the kernel records a forward pass.
QCborArray forwardEvents(const QString& cellSource) {
  QCborMap linear{{QStringLiteral("event"), QStringLiteral("node")}, {QStringLiteral("id"), 1},
                  {QStringLiteral("op"), QStringLiteral("linear")}, {QStringLiteral("link_path"), QStringLiteral("/l1")},
                  {QStringLiteral("file"), cellSource}, {QStringLiteral("line"), 2},
                  {QStringLiteral("inputs"), QCborArray{var(10, "x", {2, 3}), var(11, "W", {4, 3}, true), var(12, "b", {4}, true)}},
                  {QStringLiteral("outputs"), QCborArray{var(13, "", {2, 4})}}};
  QCborMap relu{{QStringLiteral("event"), QStringLiteral("node")}, {QStringLiteral("id"), 2},
                {QStringLiteral("op"), QStringLiteral("relu")}, {QStringLiteral("file"), cellSource},
                {QStringLiteral("line"), 3}, {QStringLiteral("inputs"), QCborArray{var(13, "", {2, 4})}},
                {QStringLiteral("outputs"), QCborArray{var(14, "", {2, 4})}}};
  return {linear, relu};
}

}  // namespace

class TestWindowDebugOps : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void graphEventsBuildTheModel() {
    GraphModel model;
    QVERIFY(applyGraphEvents(&model, forwardEvents(QStringLiteral("<cell a>"))).isEmpty());
    QCOMPARE(model.nodes().size(), 2 + 5);  // two ops, x W b h y
    const auto* linear = model.node(graphOpNodeId(1));
    QVERIFY(linear);
    QCOMPARE(linear->kind, GraphNodeKind::Op);
    QCOMPARE(linear->label, QStringLiteral("linear"));
    QCOMPARE(linear->linkPath, QStringLiteral("/l1"));
    QCOMPARE(linear->sourceLine, 2);
    QCOMPARE(model.node(graphVarNodeId(11))->kind, GraphNodeKind::Parameter);
    QCOMPARE(model.node(graphVarNodeId(11))->shape, QStringLiteral("(4, 3)"));
    QCOMPARE(model.node(graphVarNodeId(12))->shape, QStringLiteral("(4,)"));
    QCOMPARE(model.node(graphVarNodeId(10))->kind, GraphNodeKind::Variable);
    QCOMPARE(model.node(graphVarNodeId(10))->label, QStringLiteral("x"));
    QCOMPARE(model.node(graphVarNodeId(13))->label, QStringLiteral("float32"));  // unnamed: its dtype
    QCOMPARE(model.edges().size(), 3 + 1 + 1 + 1);  // x W b -> linear -> h -> relu -> y
    QVERIFY(model.edges().contains({graphVarNodeId(13), graphOpNodeId(2)}));

    const QStringList skipped = applyGraphEvents(
        &model, {QCborMap{{QStringLiteral("event"), QStringLiteral("backward")}, {QStringLiteral("id"), 2}},
                 QCborMap{{QStringLiteral("event"), QStringLiteral("sideways")}}});
    QVERIFY(model.isBackward(graphOpNodeId(2)));
    QCOMPARE(skipped.size(), 1);
    QVERIFY(skipped.first().contains(QStringLiteral("sideways")));
    applyGraphEvents(&model, {QCborMap{{QStringLiteral("event"), QStringLiteral("reset")}}});
    QVERIFY(model.nodes().isEmpty());

    const QCborMap content = opBreakpointsContent({"relu"}, {"/l1"}, true, false);
    QCOMPARE(content.value(QStringLiteral("ops")).toArray().at(0).toString(), QStringLiteral("relu"));
    QCOMPARE(content.value(QStringLiteral("links")).toArray().at(0).toString(), QStringLiteral("/l1"));
    QVERIFY(content.value(QStringLiteral("nan_watch")).toBool());
    QVERIFY(!content.value(QStringLiteral("record_graph")).toBool());
  }

  // Idle (no paused frame to ask), a tensor card click shows the card's own preview, and says so.
  void tensorCardOpensItsPreview() {
    MainWindow window;
    window.setOfferRecovery(false);
    NotebookDocument* doc = window.newNotebook();
    const QJsonObject card{{QStringLiteral("shape"), QJsonArray{64, 784}},
                           {QStringLiteral("dtype"), QStringLiteral("float32")},
                           {QStringLiteral("preview_shape"), QJsonArray{2, 3}},
                           {QStringLiteral("preview"), QJsonArray{QJsonArray{1, 2, 3}, QJsonArray{4, 5, -6}}}};
    QCOMPARE(window.docks().tensorStack->currentIndex(), 0);  // "No tensor selected"
    emit doc->view()->tensorOpenRequested(card);  // as a click on the card in an output
    kusari::widgets::TensorView* view = window.docks().tensorView;
    QCOMPARE(window.docks().tensorStack->currentWidget(), view);
    QCOMPARE(view->info().shape, (QList<qint64>{2, 3}));
    QVERIFY2(view->headerText().contains(QStringLiteral("preview")), qPrintable(view->headerText()));
    QVERIFY2(view->headerText().contains(QStringLiteral("(64, 784)")), qPrintable(view->headerText()));
    QVERIFY(QTest::qWaitFor([&] { return view->slice().isValid(); }, 2000));
    QCOMPARE(view->slice().at(1, 2), -6.0f);
    QCOMPARE(view->slice().at(0, 1), 2.0f);
    QVERIFY(window.debugWiring()->shownExpression().isEmpty());
  }

  void opStopOutlinesTheNodeInTheWindow() {
    MainWindow window;
    window.setOfferRecovery(false);
    window.resize(1200, 800);
    window.show();
    NotebookDocument* doc = window.newNotebook();
    QVERIFY(doc);
    doc->notebook()->setSource(0, QStringLiteral("import kusari\nh = l1(x)\ny = kusari.functions.relu(h)\n"));
    auto* runner = qobject_cast<SessionRunner*>(doc->runner());
    QVERIFY(runner);
    DebugSession* debug = window.debugWiring()->session();
    QCOMPARE(debug, runner->debug());
    const QString cell = doc->notebook()->cell(0).id;
    const QString source = DebugSession::cellSource(cell);
    kusari::client::KernelClient* kernel = runner->kernel();

    kusari::protocol::GraphEvents graph;
    for (const QCborValue& e : forwardEvents(source)) graph.events.append(e.toMap());
    emit kernel->graphEvents(QStringLiteral("run1"), graph);
    QCOMPARE(window.docks().graphView->model(), debug->graph());
    QCOMPARE(debug->graph()->nodes().size(), 7);

    kusari::protocol::StoppedEvent stop;
    stop.reason = QStringLiteral("op");
    stop.source = source;
    stop.line = 3;
    stop.frames = {{1, source, 3, QStringLiteral("<module>")}};
    stop.extra = QCborMap{{QStringLiteral("kind"), QStringLiteral("op")}, {QStringLiteral("op"), QStringLiteral("relu")},
                          {QStringLiteral("node_id"), 2}};
    emit kernel->debugStopped(QStringLiteral("run1"), stop);
    QCOMPARE(debug->state(), DebugSession::State::Paused);
    QCOMPARE(debug->graph()->currentId(), graphOpNodeId(2));
    // Graph comes forward; Call Stack, tabbed with it, goes behind.
    QVERIFY(QTest::qWaitFor([&] { return window.docks().callStack->visibleRegion().isEmpty(); }, 2000));
    QVERIFY(!window.docks().graph->visibleRegion().isEmpty());
    QCOMPARE(doc->view()->cellWidget(0)->editor()->pausedLine(), 3);
    if (const QString shots = qEnvironmentVariable("KUSARI_SCREENSHOT_DIR"); !shots.isEmpty()) {  // to look at it
      QTest::qWait(1500);  // the graph's layout runs dot
      window.grab().save(shots + QStringLiteral("/debugger_op_stop.png"));
    }
    QCOMPARE(window.kernelStatus()->pausedText(), QStringLiteral("paused at cell [1]:3"));
    QVERIFY(window.actions().nextOp->isEnabled());

    // A stop in an imported file opens it read-only in the Source dock at that line.
    QTemporaryDir dir;
    const QString module = dir.filePath(QStringLiteral("helpers.py"));
    QVERIFY(kusari::test_support::writeAll(module, "def f(x):\n    y = x + 1\n    return y\n"));
    kusari::protocol::StoppedEvent inFile;
    inFile.reason = QStringLiteral("step");
    inFile.source = module;
    inFile.line = 2;
    inFile.frames = {{1, module, 2, QStringLiteral("f")}, {2, source, 3, QStringLiteral("<module>")}};
    emit kernel->debugContinued(QStringLiteral("run1"));
    emit kernel->debugStopped(QStringLiteral("run1"), inFile);
    QVERIFY(window.debugWiring()->sourceDock());
    QCOMPARE(window.debugWiring()->sourceDock()->windowTitle(), QStringLiteral("Source: helpers.py"));
    QVERIFY(window.debugWiring()->sourceView()->isReadOnly());
    QCOMPARE(window.debugWiring()->sourceView()->text(1), QStringLiteral("    y = x + 1\n"));
    QCOMPARE(window.debugWiring()->sourceView()->pausedLine(), 2);
    QCOMPARE(doc->view()->cellWidget(0)->editor()->pausedLine(), 0);  // the cell is not where it stands
    QCOMPARE(window.kernelStatus()->pausedText(), QStringLiteral("paused at helpers.py:2"));

    emit kernel->debugContinued(QStringLiteral("run1"));
    QCOMPARE(window.debugWiring()->sourceView()->pausedLine(), 0);
    QCOMPARE(debug->state(), DebugSession::State::Idle);
    QVERIFY(debug->graph()->currentId().isEmpty());
    QCOMPARE(doc->view()->cellWidget(0)->editor()->pausedLine(), 0);
    QVERIFY(!window.actions().nextOp->isEnabled());
  }
};

QTEST_MAIN(TestWindowDebugOps)
#include "test_window_debug_ops.moc"

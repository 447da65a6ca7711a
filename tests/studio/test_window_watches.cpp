// Watches and graph tensors in the studio window, end to end against a real kernel. Paused in a
// Chain's forward: watches added there show their values (a NameError in its row), a step
// updates them, picking another frame evaluates them there, a tensor watch opens in the Tensor
// dock, and Continue leaves them "available while paused". Activating a node of the live graph
// while paused shows that variable's data in the Tensor dock (an op node: its output); not
// paused, the Tensor dock says the data is available while paused.
#include <QLabel>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QDockWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include "debug/debug_session.h"
#include "document/notebook.h"
#include "main_window/cell_runner.h"
#include "main_window/debug_wiring.h"
#include "main_window/main_window.h"
#include "main_window/notebook_document.h"
#include "widgets/debug/call_stack_view.h"
#include "widgets/debug/watches_view.h"
#include "widgets/graph/graph_view.h"
#include "widgets/placeholder_pane.h"
#include "widgets/tensor/tensor_view.h"
#include "window_test_support.h"

using namespace kusari::studio;
using kusari::widgets::GraphNodeKind;
using kusari::widgets::WatchesView;

namespace {

const char* kCallCell = "y = model(x)\nprint('done')\n";

QString cell(const WatchesView* view, int row, int column) { return view->list()->topLevelItem(row)->text(column); }

// h = x W^T
float hAt(int r, int c) {
  const float xs[2][3] = {{1, 2, 3}, {4, 5, 6}};
  float v = 0;
  for (int k = 0; k < 3; ++k) v += xs[r][k] * float(3 * c + k) / 10.0f;
  return v;
}

QString nodeLabelled(const kusari::widgets::GraphModel* model, GraphNodeKind kind, const QString& label) {
  for (const kusari::widgets::GraphNode& n : model->nodes())
    if (n.kind == kind && n.label.compare(label, Qt::CaseInsensitive) == 0) return n.id;
  return {};
}

}  // namespace

class TestWindowWatches : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void watchesAndGraphTensorsWhilePaused() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("watches.ipynb"));
    QVERIFY(kusari::test_support::writeNotebook(path, {kusari::test_support::kDebugModelCell, kCallCell}));
    MainWindow window;
    window.setOfferRecovery(false);
    window.resize(1400, 900);
    window.show();
    QVERIFY(window.openNotebook(path));
    NotebookDocument* doc = window.currentDocument();
    const StudioDocks& docks = window.docks();
    DebugSession* debug = window.debugWiring()->session();
    QVERIFY(debug);
    WatchesView* watches = docks.watchesView;
    QVERIFY(docks.watches);
    QCOMPARE(docks.watches->windowTitle(), QStringLiteral("Watches"));

    QSignalSpy finished(doc->runner(), &CellRunner::cellFinished);
    doc->runner()->run({0});
    QVERIFY(QTest::qWaitFor([&] { return finished.size() == 1; }, 60000));

    // A watch added while idle waits for a stop.
    QCOMPARE(watches->addExpression(QStringLiteral("h.shape")), 0);
    QCOMPARE(cell(watches, 0, WatchesView::Value), QStringLiteral("available while paused"));

    // The Graph dock shown: the kernel records the forward pass.
    docks.graph->raise();
    QVERIFY(QTest::qWaitFor([&] { return debug->sentOpBreakpoints().value(QStringLiteral("record_graph")).toBool(); }, 5000));
    debug->breakpoints()->toggleLine(QStringLiteral("cell0"), 11);  // y = h * 2
    doc->runner()->run({1});
    QVERIFY(QTest::qWaitFor([&] { return debug->state() == DebugSession::State::Paused; }, 30000));
    QCOMPARE(debug->stop().line, 11);

    // Evaluated at the stop, in forward's frame; new watches at once; an error in its row.
    QVERIFY(QTest::qWaitFor([&] { return cell(watches, 0, WatchesView::Value) == QLatin1String("(2, 4)"); }, 10000));
    QCOMPARE(watches->addExpression(QStringLiteral("h * 0")), 1);
    QCOMPARE(watches->addExpression(QStringLiteral("y")), 2);
    QVERIFY(QTest::qWaitFor([&] { return watches->isTensor(1) && !watches->errorText(2).isEmpty(); }, 10000));
    QCOMPARE(cell(watches, 1, WatchesView::Shape), QStringLiteral("(2, 4)"));
    QCOMPARE(cell(watches, 1, WatchesView::Type), QStringLiteral("Variable float32"));
    QCOMPARE(cell(watches, 1, WatchesView::Stats), QStringLiteral("min 0 · mean 0 · max 0"));
    QCOMPARE(watches->errorText(2), QStringLiteral("NameError: name 'y' is not defined"));
    QCOMPARE(cell(watches, 2, WatchesView::Value), watches->errorText(2));

    // A step: the watches again; y now has a value, 2 h.
    debug->stepOver();
    QVERIFY(QTest::qWaitFor([&] { return debug->state() == DebugSession::State::Paused && debug->stop().line == 12; }, 10000));
    QVERIFY(QTest::qWaitFor([&] { return watches->isTensor(2); }, 10000));
    QVERIFY(watches->errorText(2).isEmpty());
    QCOMPARE(cell(watches, 2, WatchesView::Shape), QStringLiteral("(2, 4)"));
    QVERIFY2(cell(watches, 2, WatchesView::Stats).contains(QStringLiteral("max %1").arg(double(2 * hAt(1, 3)), 0, 'g', 5)),
             qPrintable(cell(watches, 2, WatchesView::Stats)));
    QCOMPARE(cell(watches, 0, WatchesView::Value), QStringLiteral("(2, 4)"));

    // Another frame (the calling cell's): h is not there; back in forward, it is.
    const auto& frames = docks.callStackView->frames();
    QCOMPARE(frames.size(), 2);
    QVERIFY(docks.callStackView->selectFrame(frames[1].id));
    QVERIFY(QTest::qWaitFor([&] { return watches->errorText(0) == QLatin1String("NameError: name 'h' is not defined"); }, 10000));
    QVERIFY(docks.callStackView->selectFrame(frames[0].id));
    QVERIFY(QTest::qWaitFor([&] { return cell(watches, 0, WatchesView::Value) == QLatin1String("(2, 4)"); }, 10000));
    QVERIFY(QTest::qWaitFor([&] { return watches->isTensor(1); }, 10000));

    // A tensor watch opens in the Tensor dock with the kernel's values.
    kusari::widgets::TensorView* tensor = docks.tensorView;
    emit watches->list()->itemDoubleClicked(watches->list()->topLevelItem(1), WatchesView::Value);
    QVERIFY(QTest::qWaitFor([&] { return tensor->slice().isValid() && tensor->info().name == QLatin1String("h * 0"); }, 10000));
    QCOMPARE(docks.tensorStack->currentWidget(), tensor);
    QCOMPARE(tensor->info().shape, (QList<qint64>{2, 4}));
    QCOMPARE(tensor->slice().at(1, 3), 0.0f);

    // The graph's linear node: its output h in the Tensor dock; W's node: the weights.
    const kusari::widgets::GraphModel* graph = debug->graph();
    const QString linear = nodeLabelled(graph, GraphNodeKind::Op, QStringLiteral("linear"));
    QVERIFY2(!linear.isEmpty(), qPrintable(QString::number(graph->nodes().size())));
    emit docks.graphView->nodeActivated(linear);
    QVERIFY(QTest::qWaitFor([&] { return tensor->info().name.startsWith(QLatin1String("linear output (graph var ")) &&
                                         tensor->slice().rows == 2 && tensor->slice().at(1, 3) != 0.0f; }, 10000));
    QCOMPARE(tensor->info().shape, (QList<qint64>{2, 4}));
    QVERIFY(window.debugWiring()->shownExpression().startsWith(QLatin1String("<graph var ")));
    for (int r = 0; r < 2; ++r)
      for (int c = 0; c < 4; ++c)
        QVERIFY2(qAbs(tensor->slice().at(r, c) - hAt(r, c)) < 1e-5, qPrintable(QStringLiteral("h[%1, %2]").arg(r).arg(c)));
    const QString w = nodeLabelled(graph, GraphNodeKind::Parameter, QStringLiteral("W"));
    QVERIFY(!w.isEmpty());
    emit docks.graphView->nodeActivated(w);
    QVERIFY(QTest::qWaitFor([&] { return tensor->info().shape == QList<qint64>{4, 3} && tensor->slice().rows == 4; }, 10000));
    QVERIFY2(tensor->info().name.startsWith(QLatin1String("W (graph var ")), qPrintable(tensor->info().name));
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 3; ++j) QVERIFY(qAbs(tensor->slice().at(i, j) - float(3 * i + j) / 10.0f) < 1e-6);

    // Continue: the cell ends; the watches wait for the next stop.
    debug->continueRunning();
    QVERIFY(QTest::qWaitFor([&] { return finished.size() == 2; }, 10000));
    for (int row = 0; row < watches->count(); ++row)
      QCOMPARE(cell(watches, row, WatchesView::Value), QStringLiteral("available while paused"));

    // Not paused, a graph node says where its data is to be had.
    QVERIFY(graph->node(linear));
    emit docks.graphView->nodeActivated(linear);
    kusari::widgets::PlaceholderPane* note = window.debugWiring()->graphNote();
    QVERIFY(note);
    QCOMPARE(docks.tensorStack->currentWidget(), note);
    QStringList texts;
    for (const QLabel* label : note->findChildren<QLabel*>()) texts << label->text();
    QVERIFY2(texts.join(' ').contains(QStringLiteral("available while paused")), qPrintable(texts.join(' ')));
  }
};

QTEST_MAIN(TestWindowWatches)
#include "test_window_watches.moc"

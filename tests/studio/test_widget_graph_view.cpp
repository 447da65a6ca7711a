// GraphView/GraphModel: a small MLP gives the expected DOT (nodes, shapes, edges, clusters) and,
// after the asynchronous layout, the expected scene; the flow direction by the view's shape and a
// readable first view; clicks, search, current/backward marks,
// coalesced relayouts, the fallback without Graphviz, exports, and a 1,000-node layout (timed).
#include "widgets/graph/graph_canvas.h"
#include "widgets/graph/graph_items.h"
#include "widgets/graph/graph_layouter.h"
#include "widgets/graph/graph_model.h"
#include "widgets/graph/graph_view.h"

#include <QElapsedTimer>
#include <QGraphicsScene>
#include <QImage>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

using namespace kusari::widgets;

namespace {

GraphNode node(const QString& id, GraphNodeKind kind, const QString& label, const QString& shape = {},
               const QString& link = {}) {
  GraphNode n;
  n.id = id;
  n.kind = kind;
  n.label = label;
  n.shape = shape;
  n.linkPath = link;
  n.sourceFile = QStringLiteral("cell-1");
  n.sourceLine = 3;
  return n;
}

// x -> linear(W, b) -> relu -> linear -> softmax_cross_entropy(., t) -> loss
GraphBatch mlp() {
  using K = GraphNodeKind;
  GraphBatch b;
  b.nodes = {node("x", K::Variable, "x", "(64, 784)"),
             node("W1", K::Parameter, "W", "(100, 784)", "/l1"),
             node("b1", K::Parameter, "b", "(100)", "/l1"),
             node("linear1", K::Op, "linear", {}, "/l1"),
             node("h1", K::Variable, "h1", "(64, 100)"),
             node("relu", K::Op, "relu"),
             node("h2", K::Variable, "h2", "(64, 100)"),
             node("W2", K::Parameter, "W", "(10, 100)", "/l2"),
             node("b2", K::Parameter, "b", "(10)", "/l2"),
             node("linear2", K::Op, "linear", {}, "/l2"),
             node("y", K::Variable, "y", "(64, 10)"),
             node("t", K::Variable, "t", "(64)"),
             node("sce", K::Op, "softmax_cross_entropy"),
             node("loss", K::Variable, "loss", "()")};
  b.edges = {{"x", "linear1"},  {"W1", "linear1"}, {"b1", "linear1"}, {"linear1", "h1"}, {"h1", "relu"},
             {"relu", "h2"},    {"h2", "linear2"}, {"W2", "linear2"}, {"b2", "linear2"}, {"linear2", "y"},
             {"y", "sce"},      {"t", "sce"},      {"sce", "loss"}};
  return b;
}

template <typename T>
QList<T*> itemsOf(QGraphicsScene* scene) {
  QList<T*> out;
  for (QGraphicsItem* i : scene->items())
    if (i->type() == T::Type) out << static_cast<T*>(i);
  return out;
}

// The body of "subgraph cluster_N { ... }" whose label is label (nested braces counted).
QString clusterBody(const QString& dot, const QString& label) {
  const int at = dot.indexOf(QStringLiteral("label=\"%1\"").arg(label));
  if (at < 0) return {};
  const int open = dot.lastIndexOf(QStringLiteral("subgraph cluster_"), at);
  int depth = 0;
  for (int i = dot.indexOf(QLatin1Char('{'), open); i < dot.size(); ++i) {
    if (dot[i] == QLatin1Char('{')) ++depth;
    if (dot[i] == QLatin1Char('}') && --depth == 0) return dot.mid(open, i - open + 1);
  }
  return {};
}

// The DOT statement of the node with this tooltip (its id).
QString nodeStatement(const QString& dot, const QString& id) {
  const QRegularExpression re(QStringLiteral("\\n\\s*(n\\d+ \\[[^\\n]*tooltip=\"%1\"\\];)").arg(id));
  return re.match(dot).captured(1);
}

}  // namespace

class TestWidgetGraphView : public QObject {
  Q_OBJECT
  // Lays out mlp() in the view and shows it; false when either does not happen in time.
  bool showLaidOutMlp() {
    QSignalSpy done(view_, &GraphView::layoutFinished);
    view_->model()->addNodes(mlp());
    if (!done.wait(5000)) return false;
    view_->show();
    return QTest::qWaitForWindowExposed(view_);
  }

 private slots:
  void init() {
    view_ = new GraphView;
    view_->resize(800, 600);
  }
  void cleanup() { delete view_; }

  void dotHasNodesEdgesAndClusters() {
    QVERIFY(view_->model()->addNodes(mlp()).isEmpty());
    const GraphDot dot = view_->dot();
    const QString& t = dot.text;
    QVERIFY(t.contains(QStringLiteral("rankdir=TB")));
    QCOMPARE(dot.nodeNames.size(), 14);
    QCOMPARE(t.count(QStringLiteral(" -> ")), 13);
    // Edge x -> linear1 by DOT names.
    QVERIFY(t.contains(QStringLiteral("%1 -> %2;").arg(dot.nodeNames[0], dot.nodeNames[3])));
    // Ops are ellipses named by the op, variables rounded boxes with their shape, parameters filled bold boxes.
    QVERIFY(nodeStatement(t, "relu").contains(QStringLiteral("shape=ellipse")));
    QVERIFY(nodeStatement(t, "relu").contains(QStringLiteral("label=\"relu\"")));
    QVERIFY(nodeStatement(t, "h1").contains(
        QStringLiteral("label=\"h1\\n(64, 100)\" shape=box style=\"rounded,filled\"")));
    QVERIFY(nodeStatement(t, "W1").contains(QStringLiteral("style=\"rounded,filled,bold\"")));
    // Clusters: /l1 holds W1, b1, linear1 and nothing else; /l2 likewise.
    QCOMPARE(dot.clusterPaths, (QStringList{"/l1", "/l2"}));
    const QString l1 = clusterBody(t, "l1"), l2 = clusterBody(t, "l2");
    QVERIFY2(!l1.isEmpty() && !l2.isEmpty(), qPrintable(t));
    for (const char* id : {"W1", "b1", "linear1"}) QVERIFY2(l1.contains(QStringLiteral("tooltip=\"%1\"").arg(id)), id);
    for (const char* id : {"W2", "b2", "linear2"}) QVERIFY2(l2.contains(QStringLiteral("tooltip=\"%1\"").arg(id)), id);
    for (const char* id : {"x", "h1", "relu", "W2", "loss"})
      QVERIFY2(!l1.contains(QStringLiteral("tooltip=\"%1\"").arg(id)), id);
  }

  void sceneAfterLayout() {
    QSignalSpy done(view_, &GraphView::layoutFinished);
    view_->model()->addNodes(mlp());
    QVERIFY(done.wait(5000));
    QGraphicsScene* scene = view_->scene();
    QCOMPARE(itemsOf<GraphNodeItem>(scene).size(), 14);
    QCOMPARE(itemsOf<GraphEdgeItem>(scene).size(), 13);
    const auto clusters = itemsOf<GraphClusterItem>(scene);
    QCOMPARE(clusters.size(), 2);
    QMap<QString, QRectF> clusterRect;
    for (auto* c : clusters) clusterRect[c->label()] = c->sceneBoundingRect();
    QCOMPARE(clusterRect.keys(), (QStringList{"l1", "l2"}));
    auto rect = [this](const char* id) { return view_->nodeItem(id)->sceneBoundingRect(); };
    for (const char* id : {"W1", "b1", "linear1"}) QVERIFY2(clusterRect["l1"].contains(rect(id)), id);
    for (const char* id : {"W2", "b2", "linear2"}) QVERIFY2(clusterRect["l2"].contains(rect(id)), id);
    QVERIFY(!clusterRect["l1"].contains(rect("relu")));
    // Flow top to bottom.
    QVERIFY(rect("x").center().y() < rect("linear1").center().y());
    QVERIFY(rect("linear1").center().y() < rect("relu").center().y());
    QVERIFY(rect("relu").center().y() < rect("linear2").center().y());
    QVERIFY(rect("linear2").center().y() < rect("loss").center().y());
    // Ops are ellipses in the scene too: a point near the corner of the box is outside an
    // ellipse but inside a rounded box.
    auto nearCorner = [this](const char* id) {
      const QRectF box = view_->nodeItem(id)->boundingRect().adjusted(4, 4, -4, -4);  // the node's own rect
      return view_->nodeItem(id)->shape().contains(box.topLeft() + QPointF(4, 4));
    };
    QVERIFY(!nearCorner("relu"));
    QVERIFY(nearCorner("h1"));
    QVERIFY(nearCorner("W1"));
    QCOMPARE(view_->laidOutNodeCount(), 14);
  }

  void usesGraphvizWhenInstalled() {
    if (GraphLayouter::findDot().isEmpty()) QSKIP("Graphviz 'dot' is not installed (scripts/install-deps.sh adds it)");
    QSignalSpy done(view_, &GraphView::layoutFinished);
    view_->model()->addNodes(mlp());
    QVERIFY(done.wait(5000));
    QCOMPARE(view_->message(), QString());
    // dot routes edges as splines ending in an arrow.
    for (auto* e : itemsOf<GraphEdgeItem>(view_->scene())) QVERIFY(e->path().elementCount() >= 4);
  }

  void missingDotShowsMessageAndFallsBack() {
    view_->layouter()->setDotProgram(QStringLiteral("/nonexistent/kusari-no-dot"));
    QSignalSpy done(view_, &GraphView::layoutFinished);
    view_->model()->addNodes(mlp());
    QVERIFY(done.wait(5000));
    QVERIFY2(view_->message().contains(QStringLiteral("Graphviz")), qPrintable(view_->message()));
    QVERIFY(view_->message().contains(QStringLiteral("layered layout")));
    QCOMPARE(itemsOf<GraphNodeItem>(view_->scene()).size(), 14);
    QCOMPARE(itemsOf<GraphClusterItem>(view_->scene()).size(), 2);
    QVERIFY(view_->nodeItem("x")->sceneBoundingRect().bottom() < view_->nodeItem("loss")->sceneBoundingRect().top());
  }

  void slowOrBrokenDotIsReported() {
    // A stand-in for dot that is slow and then writes something that is not a layout.
    QTemporaryDir dir;
    const QString fake = dir.filePath("dot");
    QFile script(fake);
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("#!/bin/sh\ncat > /dev/null\nsleep 0.7\necho 'this is not json'\n");
    script.close();
    script.setPermissions(script.permissions() | QFileDevice::ExeOwner);
    view_->layouter()->setDotProgram(fake);
    QSignalSpy done(view_, &GraphView::layoutFinished);
    view_->model()->addNodes(mlp());
    QTRY_VERIFY_WITH_TIMEOUT(view_->message().contains(QStringLiteral("Laying out 14 nodes")), 3000);
    QVERIFY(view_->layoutPending());
    QVERIFY(done.wait(5000));
    QVERIFY2(view_->message().contains(QStringLiteral("not JSON")), qPrintable(view_->message()));
    QCOMPARE(view_->laidOutNodeCount(), 14);  // the fallback still shows the graph
  }

  void clickOnNodeEmitsItsId() {
    QVERIFY(showLaidOutMlp());
    GraphCanvas* canvas = view_->canvas();
    GraphNodeItem* relu = view_->nodeItem("relu");
    canvas->centerOn(relu);
    QSignalSpy activated(view_, &GraphView::nodeActivated);
    const QPoint at = canvas->mapFromScene(relu->sceneBoundingRect().center());
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().first().toString(), QStringLiteral("relu"));
    QVERIFY(relu->isSelected());
    // A click on empty background emits nothing.
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, QPoint(2, 2));
    QCOMPARE(activated.size(), 1);
  }

  void zoomWithCtrlWheelAndFit() {
    QVERIFY(showLaidOutMlp());
    GraphCanvas* canvas = view_->canvas();
    auto wheel = [canvas](Qt::KeyboardModifiers mods, int delta) {
      const QPointF at = canvas->viewport()->rect().center();
      QWheelEvent e(at, canvas->viewport()->mapToGlobal(at), {}, {0, delta}, Qt::NoButton, mods, Qt::NoScrollPhase,
                    false);
      QCoreApplication::sendEvent(canvas->viewport(), &e);
    };
    canvas->fit();
    const QRectF all = view_->scene()->itemsBoundingRect();
    QVERIFY(canvas->mapToScene(canvas->viewport()->rect()).boundingRect().contains(all));
    const double fitted = canvas->zoom();
    wheel(Qt::ControlModifier, 240);
    QVERIFY(canvas->zoom() > fitted * 1.2);
    wheel(Qt::NoModifier, 240);  // a plain wheel scrolls, it does not zoom
    const double zoomed = canvas->zoom();
    wheel(Qt::NoModifier, -240);
    QCOMPARE(canvas->zoom(), zoomed);
    for (int i = 0; i < 100; ++i) wheel(Qt::ControlModifier, -240);
    QCOMPARE(canvas->zoom(), GraphCanvas::kMinZoom);  // clamped
    QTest::keyClick(canvas, Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(canvas->zoom(), fitted);
  }

  void flowsLeftToRightInAWideShortView() {
    // The default bottom dock is wide and short: the graph flows left to right there, top to bottom
    // in a tall view, and a resize across the ratio lays it out again.
    auto position = [this](const char* id) { return view_->nodeItem(QString::fromLatin1(id))->sceneBoundingRect().center(); };
    view_->resize(900, 220);
    view_->show();
    QVERIFY(QTest::qWaitForWindowExposed(view_));
    QSignalSpy done(view_, &GraphView::layoutFinished);
    view_->model()->addNodes(mlp());
    QVERIFY(done.wait(5000));
    QCOMPARE(view_->direction(), GraphDirection::LeftToRight);
    QVERIFY(view_->dot().text.contains(QStringLiteral("rankdir=LR")));
    QVERIFY(position("x").x() < position("relu").x() && position("relu").x() < position("loss").x());
    view_->resize(400, 800);
    QVERIFY(done.wait(5000));
    QCOMPARE(view_->direction(), GraphDirection::TopToBottom);
    QVERIFY(view_->dot().text.contains(QStringLiteral("rankdir=TB")));
    QVERIFY(position("x").y() < position("relu").y() && position("relu").y() < position("loss").y());
    view_->resize(440, 780);  // another resize on the same side: no new layout
    QVERIFY(!done.wait(GraphView::kRelayoutDelayMs + 300));
  }

  void firstViewOfALongGraphIsReadable() {
    // 60 ops in a chain do not fit a 500 × 300 view at a readable size: the first view shows the
    // newest part readable, not the whole graph as specks; Fit still shows it all.
    using K = GraphNodeKind;
    GraphBatch b;
    b.nodes << node("v0", K::Variable, "x", "(8, 8)");
    for (int i = 1; i <= 60; ++i) {
      b.nodes << node(QStringLiteral("op%1").arg(i), K::Op, "tanh")
              << node(QStringLiteral("v%1").arg(i), K::Variable, "h", "(8, 8)");
      b.edges << GraphEdge{QStringLiteral("v%1").arg(i - 1), QStringLiteral("op%1").arg(i)}
              << GraphEdge{QStringLiteral("op%1").arg(i), QStringLiteral("v%1").arg(i)};
    }
    view_->resize(500, 300);
    view_->show();
    QVERIFY(QTest::qWaitForWindowExposed(view_));
    QSignalSpy done(view_, &GraphView::layoutFinished);
    view_->model()->addNodes(b);
    QVERIFY(done.wait(10000));
    GraphCanvas* canvas = view_->canvas();
    auto visible = [canvas](GraphNodeItem* item) {
      return canvas->mapToScene(canvas->viewport()->rect()).boundingRect().contains(item->sceneBoundingRect());
    };
    QVERIFY2(canvas->zoom() >= GraphView::kReadableZoom - 1e-9, qPrintable(QString::number(canvas->zoom())));
    QVERIFY(visible(view_->nodeItem(QStringLiteral("v60"))));
    QVERIFY(!visible(view_->nodeItem(QStringLiteral("v0"))));
    // A smaller dock reframes the untouched first view; after the user zooms, a resize leaves it.
    view_->resize(420, 260);
    QTRY_VERIFY(visible(view_->nodeItem(QStringLiteral("v60"))));
    QTest::keyClick(canvas, Qt::Key_Minus, Qt::ControlModifier);
    const double zoomed = canvas->zoom();
    view_->resize(480, 280);
    QTest::qWait(50);
    QCOMPARE(canvas->zoom(), zoomed);
    view_->fit();
    QVERIFY(canvas->zoom() < GraphView::kReadableZoom);
    QVERIFY(visible(view_->nodeItem(QStringLiteral("v0"))) && visible(view_->nodeItem(QStringLiteral("v60"))));
  }

  void searchSelectsAndCyclesMatches() {
    QSignalSpy done(view_, &GraphView::layoutFinished);
    view_->model()->addNodes(mlp());
    QVERIFY(done.wait(5000));
    QVERIFY(view_->findNode("RELU"));
    QVERIFY(view_->nodeItem("relu")->isSelected());
    QVERIFY(view_->findNode("linear"));
    QVERIFY(view_->nodeItem("linear2")->isSelected());  // the next match after relu
    QVERIFY(view_->findNode("linear"));
    QVERIFY(view_->nodeItem("linear1")->isSelected());  // wraps around
    QVERIFY(!view_->nodeItem("linear2")->isSelected());
    QVERIFY(!view_->findNode("conv2d"));
    QTest::keyClicks(view_->searchBox(), "softmax");
    QVERIFY(view_->nodeItem("sce")->isSelected());
  }

  void currentAndBackwardMarks() {
    QSignalSpy done(view_, &GraphView::layoutFinished);
    view_->model()->addNodes(mlp());
    QVERIFY(done.wait(5000));
    view_->model()->setCurrent("linear2");
    QVERIFY(view_->nodeItem("linear2")->isCurrent());
    view_->model()->setCurrent("relu");
    QVERIFY(!view_->nodeItem("linear2")->isCurrent());
    QVERIFY(view_->nodeItem("relu")->isCurrent());
    view_->model()->markBackward("sce");
    QVERIFY(view_->nodeItem("sce")->isBackward());
    QVERIFY(!view_->nodeItem("relu")->isBackward());
    // The marks are in the DOT too (for SVG export), and survive a relayout.
    QVERIFY(nodeStatement(view_->dot().text, "relu").contains(
        Theme::current().color(ThemeRole::GraphCurrent).name()));
    GraphBatch more;
    more.nodes = {node("extra", GraphNodeKind::Variable, "extra")};
    more.edges = {{"loss", "extra"}};
    view_->model()->addNodes(more);
    QVERIFY(done.wait(5000));
    QVERIFY(view_->nodeItem("relu")->isCurrent());
    QVERIFY(view_->nodeItem("sce")->isBackward());
  }

  void streamedBatchesCoalesceIntoOneLayout() {
    QSignalSpy done(view_, &GraphView::layoutFinished);
    const GraphBatch all = mlp();
    // Three batches arriving back to back: nodes first, then edges referring to them.
    GraphBatch a, b, c;
    a.nodes = all.nodes.mid(0, 5);
    b.nodes = all.nodes.mid(5);
    b.edges = all.edges.mid(0, 6);
    c.edges = all.edges.mid(6);
    view_->model()->addNodes(a);
    view_->model()->addNodes(b);
    view_->model()->addNodes(c);
    QVERIFY(done.wait(5000));
    QCOMPARE(done.size(), 1);
    QVERIFY(!view_->layoutPending());  // one layout for the three batches, none to follow
    QCOMPARE(view_->laidOutNodeCount(), 14);
    QCOMPARE(itemsOf<GraphEdgeItem>(view_->scene()).size(), 13);
  }

  void badInputIsReportedAndSkipped() {
    GraphBatch b;
    b.nodes = {node("a", GraphNodeKind::Variable, "a"), node("", GraphNodeKind::Op, "nameless")};
    b.edges = {{"a", "ghost"}, {"a", "a"}};
    const QStringList problems = view_->model()->addNodes(b);
    QCOMPARE(problems.size(), 2);
    QVERIFY(problems[0].contains(QStringLiteral("nameless")));
    QVERIFY(problems[1].contains(QStringLiteral("ghost")));
    QCOMPARE(view_->model()->nodes().size(), 1);
    QCOMPARE(view_->model()->edges().size(), 1);
    view_->model()->clear();
    QVERIFY(view_->model()->nodes().isEmpty());
    QVERIFY(view_->message().contains(QStringLiteral("No graph yet")));
  }

  void exportsDotSvgAndPng() {
    QSignalSpy done(view_, &GraphView::layoutFinished);
    view_->model()->addNodes(mlp());
    QVERIFY(done.wait(5000));
    QTemporaryDir dir;
    QString error;
    const QString dotPath = dir.filePath("g.dot"), pngPath = dir.filePath("g.png"), svgPath = dir.filePath("g.svg");
    QVERIFY2(view_->exportDot(dotPath, &error), qPrintable(error));
    QFile dotFile(dotPath);
    QVERIFY(dotFile.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(dotFile.readAll()), view_->dot().text);
    QVERIFY2(view_->exportPng(pngPath, &error), qPrintable(error));
    const QImage png(pngPath);
    QVERIFY(!png.isNull());
    QVERIFY(png.height() > png.width());  // top-to-bottom flow: taller than wide
    QVERIFY(!view_->exportDot(dir.filePath("missing/dir/g.dot"), &error));
    QVERIFY(error.contains(QStringLiteral("missing/dir")));
    if (GraphLayouter::findDot().isEmpty()) QSKIP("SVG export needs Graphviz 'dot'");
    QSignalSpy exported(view_, &GraphView::exportFinished);
    view_->exportSvg(svgPath);
    QVERIFY(exported.wait(5000));
    QCOMPARE(exported.first().at(1).toString(), QString());
    QFile svg(svgPath);
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(svg.readAll());
    QVERIFY(text.contains(QStringLiteral("<svg")));
    QVERIFY(text.contains(QStringLiteral("softmax_cross_entropy")));
    QVERIFY(text.contains(QStringLiteral(">l1<")));  // the cluster label
  }

  void thousandNodesLayOut() {
    // A deep net: 199 blocks in 10 stages, each conv(W) -> relu with its activations, in nested clusters.
    using K = GraphNodeKind;
    GraphBatch b;
    QString previous = QStringLiteral("input");
    b.nodes << node(previous, K::Variable, "x", "(8, 3, 32, 32)");
    for (int i = 0; b.nodes.size() + 5 <= 1000; ++i) {
      const QString link = QStringLiteral("/stage%1/block%2").arg(i / 20).arg(i % 20);
      const QString p = QString::number(i);
      b.nodes << node("W" + p, K::Parameter, "W", "(16, 16, 3, 3)", link)
              << node("conv" + p, K::Op, "convolution_2d", {}, link)
              << node("c" + p, K::Variable, "h", "(8, 16, 32, 32)", link) << node("relu" + p, K::Op, "relu", {}, link)
              << node("a" + p, K::Variable, "h", "(8, 16, 32, 32)");
      b.edges << GraphEdge{previous, "conv" + p} << GraphEdge{"W" + p, "conv" + p} << GraphEdge{"conv" + p, "c" + p}
              << GraphEdge{"c" + p, "relu" + p} << GraphEdge{"relu" + p, "a" + p};
      previous = "a" + p;
    }
    QCOMPARE(b.nodes.size(), 996);
    for (int i = 0; i < 4; ++i) b.nodes << node(QStringLiteral("tail%1").arg(i), K::Variable, "t");
    QSignalSpy done(view_, &GraphView::layoutFinished);
    QSignalSpy dotRuns(view_->layouter(), &GraphLayouter::laidOut);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(view_->model()->addNodes(b).isEmpty());
    QVERIFY(done.wait(20000));
    const qint64 total = clock.elapsed();
    QCOMPARE(view_->laidOutNodeCount(), 1000);
    QCOMPARE(itemsOf<GraphClusterItem>(view_->scene()).size(), 199 + 10);  // blocks and stages
    qInfo("1,000-node graph: layout %lld ms (%s: dot %lld ms + scene build), %lld ms from addNodes including the "
          "%d ms coalescing delay",
          view_->lastLayoutMs(), view_->message().isEmpty() ? "Graphviz" : "fallback",
          dotRuns.isEmpty() ? -1LL : dotRuns.first().at(3).toLongLong(), total, GraphView::kRelayoutDelayMs);
    // The same graph with the fallback layout.
    view_->layouter()->setDotProgram(QStringLiteral("/nonexistent/dot"));
    view_->model()->clear();
    view_->model()->addNodes(b);
    QVERIFY(done.wait(20000));
    QCOMPARE(view_->laidOutNodeCount(), 1000);
    qInfo("1,000-node graph, layered fallback: %lld ms", view_->lastLayoutMs());
    QVERIFY(view_->findNode("relu150"));
  }

 private:
  GraphView* view_ = nullptr;
};

QTEST_MAIN(TestWidgetGraphView)
#include "test_widget_graph_view.moc"

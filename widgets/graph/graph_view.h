// The Graph dock: shows a GraphModel laid out by Graphviz `dot` (run asynchronously, relayouts
// coalesced while batches stream in), clusters for link paths, the current node outlined and
// backward-visited nodes marked. Zoom (Ctrl+wheel, Ctrl +/-), pan (drag), fit (Ctrl+0), a
// search box that selects and centres a node, export as DOT, SVG (dot -Tsvg) and PNG.
// The graph flows left to right in a wide, short view (the default bottom dock) and top to bottom
// otherwise, laid out again when a resize crosses over. A new graph is shown whole if that keeps
// its labels readable, else at a readable zoom around its newest (or current) node.
// Without Graphviz it says so and draws a simple layered layout (top to bottom) instead.
#pragma once
#include "widgets/graph/graph_dot.h"
#include "widgets/graph/graph_layout.h"
#include "widgets/graph/graph_model.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QGraphicsScene;
class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace kusari::widgets {

class GraphCanvas;
class GraphLayouter;
class GraphNodeItem;

class GraphView : public QWidget {
  Q_OBJECT
 public:
  explicit GraphView(QWidget* parent = nullptr);
  ~GraphView() override;

  // The view starts with a model of its own; setModel shows another (not owned).
  GraphModel* model() const { return model_; }
  void setModel(GraphModel* model);

  GraphCanvas* canvas() const { return canvas_; }
  QGraphicsScene* scene() const { return scene_; }
  QLineEdit* searchBox() const { return search_; }
  GraphLayouter* layouter() const { return layouter_; }
  // The DOT text of the model as it is now, with the view's font and theme.
  GraphDot dot() const;
  // Shown over the graph: why the layout is a fallback, or that the graph is empty; "" = none.
  QString message() const;
  GraphNodeItem* nodeItem(const QString& id) const { return items_.value(id); }
  int laidOutNodeCount() const { return laid_out_; }
  qint64 lastLayoutMs() const { return last_layout_ms_; }  // dot run + scene build
  bool layoutPending() const;  // a relayout is scheduled or dot is running
  static constexpr int kRelayoutDelayMs = 200;
  static constexpr int kBusyNoticeMs = 500;  // a layout running this long says so
  static constexpr double kReadableZoom = 0.75;  // a first view never shrinks labels below this
  GraphDirection direction() const { return direction_; }

  // Selects and centres the next node (after the selected one) whose label, id or link path
  // contains text, case-insensitively. False when none matches.
  bool findNode(const QString& text);
  void fit();

  bool exportDot(const QString& path, QString* error) const;
  bool exportPng(const QString& path, QString* error) const;
  void exportSvg(const QString& path);  // asynchronous: exportFinished tells how it went

 signals:
  void nodeActivated(const QString& id);
  void layoutFinished();  // the scene shows a new layout
  void exportFinished(const QString& path, const QString& error);  // error "" = written

 private:
  void scheduleLayout();
  void startLayout();
  void applyLayout(const GraphLayout& layout, int nodeCount);
  void onLayoutFailed(const QString& message, int epoch);
  void updateNodeState(const QString& id);
  void onCleared();
  void setMessage(const QString& text);
  void showExportMenu();
  bool eventFilter(QObject* watched, QEvent* event) override;
  void showFirstView();

  QPointer<GraphModel> model_;
  GraphModel* own_model_;
  GraphCanvas* canvas_;
  QGraphicsScene* scene_;
  QLineEdit* search_;
  QToolButton* fit_button_;
  QToolButton* export_button_;
  QLabel* message_;
  QTimer* relayout_timer_;
  QTimer* busy_timer_;
  GraphLayouter* layouter_;
  QHash<QString, GraphNodeItem*> items_;
  QString fallback_reason_;
  int epoch_ = 0;
  int laid_out_ = 0;
  bool fitted_ = false;
  bool first_view_ = false;  // showing showFirstView's framing, untouched: a resize reframes it
  GraphDirection direction_ = GraphDirection::TopToBottom;
  qint64 last_layout_ms_ = 0;
  qint64 requested_at_ = 0;
};

}  // namespace kusari::widgets

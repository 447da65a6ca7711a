#include "widgets/graph/graph_view.h"

#include "widgets/graph/graph_canvas.h"
#include "widgets/graph/graph_items.h"
#include "widgets/graph/graph_layouter.h"
#include "widgets/theme/theme.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QGraphicsScene>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QProcess>
#include <QResizeEvent>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace kusari::widgets {

GraphView::GraphView(QWidget* parent)
    : QWidget(parent), own_model_(new GraphModel(this)), canvas_(new GraphCanvas(this)),
      scene_(new QGraphicsScene(this)), search_(new QLineEdit(this)), fit_button_(new QToolButton(this)),
      export_button_(new QToolButton(this)), message_(new QLabel(this)), relayout_timer_(new QTimer(this)),
      busy_timer_(new QTimer(this)), layouter_(new GraphLayouter(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->setSpacing(4);
  auto* bar = new QHBoxLayout;
  search_->setPlaceholderText(tr("Find node (Enter: next match)"));
  search_->setClearButtonEnabled(true);
  fit_button_->setText(tr("Fit"));
  fit_button_->setToolTip(tr("Show the whole graph (Ctrl+0); Ctrl+wheel zooms, drag pans"));
  export_button_->setText(tr("Export"));
  export_button_->setToolTip(tr("Save the graph as DOT, SVG or PNG"));
  bar->addWidget(search_, 1);
  bar->addWidget(fit_button_);
  bar->addWidget(export_button_);
  layout->addLayout(bar);
  message_->setWordWrap(true);
  message_->setForegroundRole(QPalette::PlaceholderText);
  layout->addWidget(message_);
  layout->addWidget(canvas_, 1);
  canvas_->setScene(scene_);
  canvas_->installEventFilter(this);  // its resizes choose the direction
  scene_->setBackgroundBrush(Theme::current().color(ThemeRole::GraphBackground));

  relayout_timer_->setSingleShot(true);
  relayout_timer_->setInterval(kRelayoutDelayMs);
  connect(relayout_timer_, &QTimer::timeout, this, &GraphView::startLayout);
  busy_timer_->setSingleShot(true);
  busy_timer_->setInterval(kBusyNoticeMs);
  connect(busy_timer_, &QTimer::timeout, this, [this] {
    if (layouter_->isBusy())
      setMessage(tr("Laying out %1 nodes with Graphviz…").arg(QLocale().toString(model_->nodes().size())));
  });
  connect(layouter_, &GraphLayouter::laidOut, this,
          [this](const GraphLayout& l, int epoch, int count, qint64 ms) {
            if (epoch != epoch_) return;
            fallback_reason_.clear();
            QElapsedTimer build;
            build.start();
            applyLayout(l, count);
            last_layout_ms_ = ms + build.elapsed();
            emit layoutFinished();
          });
  connect(layouter_, &GraphLayouter::failed, this, &GraphView::onLayoutFailed);
  connect(canvas_, &GraphCanvas::nodeClicked, this, &GraphView::nodeActivated);
  connect(canvas_, &GraphCanvas::userMoved, this, [this] { first_view_ = false; });
  connect(fit_button_, &QToolButton::clicked, this, &GraphView::fit);
  connect(export_button_, &QToolButton::clicked, this, &GraphView::showExportMenu);
  connect(search_, &QLineEdit::textEdited, this, [this](const QString& text) {
    scene_->clearSelection();
    if (!text.isEmpty()) findNode(text);
  });
  connect(search_, &QLineEdit::returnPressed, this, [this] { findNode(search_->text()); });
  connect(ThemeNotifier::instance(), &ThemeNotifier::changed, this, [this] {
    scene_->setBackgroundBrush(Theme::current().color(ThemeRole::GraphBackground));
    scheduleLayout();  // edges and clusters take the new colours when redrawn
  });
  setModel(own_model_);
}

GraphView::~GraphView() = default;

void GraphView::setModel(GraphModel* model) {
  if (model_) model_->disconnect(this);
  model_ = model ? model : own_model_;
  connect(model_, &GraphModel::structureChanged, this, &GraphView::scheduleLayout);
  connect(model_, &GraphModel::nodeStateChanged, this, &GraphView::updateNodeState);
  connect(model_, &GraphModel::cleared, this, &GraphView::onCleared);
  onCleared();
  if (!model_->nodes().isEmpty()) scheduleLayout();
}

GraphDot GraphView::dot() const { return writeGraphDot(*model_, font(), Theme::current(), direction_); }

bool GraphView::eventFilter(QObject* watched, QEvent* event) {
  if (watched == canvas_ && event->type() == QEvent::Resize) {
    // Left to right once the canvas is half again as wide as tall, back below 1.1: a drag of the
    // dock's edge near one ratio does not flip it to and fro.
    const QSize s = static_cast<QResizeEvent*>(event)->size();
    GraphDirection next = direction_;
    if (s.width() > 1.5 * s.height()) next = GraphDirection::LeftToRight;
    else if (s.width() < 1.1 * s.height()) next = GraphDirection::TopToBottom;
    if (next != direction_) {
      direction_ = next;
      fitted_ = false;
      if (!model_->nodes().isEmpty()) scheduleLayout();
    } else if (first_view_) {
      QTimer::singleShot(0, this, [this] {  // after the viewport took its new size
        if (first_view_) showFirstView();
      });
    }
  }
  return QWidget::eventFilter(watched, event);
}

QString GraphView::message() const { return message_->isHidden() ? QString() : message_->text(); }

void GraphView::setMessage(const QString& text) {
  message_->setText(text);
  message_->setVisible(!text.isEmpty());
}

void GraphView::scheduleLayout() {
  if (!relayout_timer_->isActive()) relayout_timer_->start();
}

void GraphView::startLayout() {
  if (model_->nodes().isEmpty()) return;
  layouter_->request(dot(), epoch_);
  if (!busy_timer_->isActive()) busy_timer_->start();
}

void GraphView::onLayoutFailed(const QString& why, int epoch) {
  if (epoch != epoch_) return;
  fallback_reason_ = why;
  QElapsedTimer build;
  build.start();
  applyLayout(layeredLayout(*model_, font()), static_cast<int>(model_->nodes().size()));
  last_layout_ms_ = build.elapsed();
  emit layoutFinished();
}

void GraphView::applyLayout(const GraphLayout& layout, int nodeCount) {
  const QString selected = [this] {
    const auto sel = scene_->selectedItems();
    return sel.isEmpty() || sel.first()->type() != GraphNodeItem::Type
               ? QString()
               : static_cast<GraphNodeItem*>(sel.first())->nodeId();
  }();
  scene_->clear();
  items_.clear();
  const auto& nodes = model_->nodes();
  const int count = std::min<int>(nodeCount, static_cast<int>(nodes.size()));
  QFont clusterFont = font();
  clusterFont.setBold(true);
  for (const auto& c : layout.clusters) scene_->addItem(new GraphClusterItem(c, clusterFont));
  for (const auto& e : layout.edges) {
    if (e.from >= count || e.to >= count) continue;
    scene_->addItem(new GraphEdgeItem(e, nodes[e.from].id, nodes[e.to].id));
  }
  for (const auto& n : layout.nodes) {
    if (n.index < 0 || n.index >= count) continue;
    auto* item = new GraphNodeItem(nodes[n.index], n.rect, font());
    item->setState(model_->currentId() == nodes[n.index].id, model_->isBackward(nodes[n.index].id));
    scene_->addItem(item);
    items_.insert(nodes[n.index].id, item);
  }
  scene_->setSceneRect(layout.bounds.adjusted(-20, -20, 20, 20));
  laid_out_ = static_cast<int>(items_.size());
  if (auto* item = items_.value(selected)) item->setSelected(true);
  setMessage(fallback_reason_.isEmpty() ? QString()
                                        : fallback_reason_ + tr(". Showing a simple layered layout instead."));
  if (!fitted_) {
    fitted_ = true;
    showFirstView();
  }
  if (auto* current = items_.value(model_->currentId())) canvas_->ensureVisible(current);
}

void GraphView::updateNodeState(const QString& id) {
  GraphNodeItem* item = items_.value(id);
  if (!item) return;
  const bool current = model_->currentId() == id;
  item->setState(current, model_->isBackward(id));
  if (current) canvas_->ensureVisible(item);
}

void GraphView::onCleared() {
  ++epoch_;
  relayout_timer_->stop();
  busy_timer_->stop();
  scene_->clear();
  items_.clear();
  laid_out_ = 0;
  fitted_ = false;
  fallback_reason_.clear();
  setMessage(model_->nodes().isEmpty()
                 ? tr("No graph yet: run a forward pass to see its ops, variables and parameters here.")
                 : QString());
}

bool GraphView::findNode(const QString& text) {
  if (text.isEmpty()) return false;
  const auto& nodes = model_->nodes();
  const int n = static_cast<int>(nodes.size());
  int start = 0;
  const auto sel = scene_->selectedItems();
  if (!sel.isEmpty() && sel.first()->type() == GraphNodeItem::Type)
    start = model_->indexOf(static_cast<GraphNodeItem*>(sel.first())->nodeId()) + 1;
  for (int k = 0; k < n; ++k) {
    const GraphNode& node = nodes[(start + k) % n];
    GraphNodeItem* item = items_.value(node.id);
    if (!item) continue;
    if (node.label.contains(text, Qt::CaseInsensitive) || node.id.contains(text, Qt::CaseInsensitive) ||
        node.linkPath.contains(text, Qt::CaseInsensitive)) {
      scene_->clearSelection();
      item->setSelected(true);
      canvas_->centerOn(item);
      return true;
    }
  }
  return false;
}

void GraphView::fit() {
  first_view_ = false;
  canvas_->fit();
}

void GraphView::showFirstView() {
  first_view_ = true;
  canvas_->fit();
  const auto& nodes = model_->nodes();
  if (canvas_->zoom() < kReadableZoom) {
    // Whole, the labels would be specks: readable instead, where the graph grows (its newest
    // node), and centred on the whole graph along an axis where it fits.
    canvas_->zoomBy(kReadableZoom / canvas_->zoom());
    for (qsizetype i = nodes.size() - 1; i >= 0; --i)
      if (GraphNodeItem* item = items_.value(nodes[i].id)) {
        const QRectF all = scene_->itemsBoundingRect();
        const QSizeF visible = QSizeF(canvas_->viewport()->size()) / canvas_->zoom();
        const QPointF at = item->sceneBoundingRect().center();
        canvas_->centerOn(all.width() <= visible.width() ? all.center().x() : at.x(),
                          all.height() <= visible.height() ? all.center().y() : at.y());
        break;
      }
  }
  if (auto* current = items_.value(model_->currentId())) canvas_->ensureVisible(current);
}

bool GraphView::layoutPending() const { return relayout_timer_->isActive() || layouter_->isBusy(); }

bool GraphView::exportDot(const QString& path, QString* error) const {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text) ||
      file.write(dot().text.toUtf8()) < 0) {
    *error = tr("Could not write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

bool GraphView::exportPng(const QString& path, QString* error) const {
  const QRectF source = scene_->itemsBoundingRect().adjusted(-10, -10, 10, 10);
  if (items_.isEmpty() || source.isEmpty()) {
    *error = tr("There is no graph to export yet.");
    return false;
  }
  constexpr double kScale = 2.0;  // crisp when zoomed or on HiDPI screens
  const QSize size = (source.size() * kScale).toSize().boundedTo(QSize(16000, 16000));
  QImage image(size, QImage::Format_ARGB32_Premultiplied);
  image.fill(Theme::current().color(ThemeRole::GraphBackground));
  QPainter painter(&image);
  painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
  scene_->render(&painter, QRectF(QPointF(0, 0), size), source);
  painter.end();
  if (!image.save(path, "PNG")) {
    *error = tr("Could not write the PNG image %1").arg(path);
    return false;
  }
  return true;
}

void GraphView::exportSvg(const QString& path) {
  const QString program = layouter_->dotProgram();
  if (program.isEmpty()) {
    QTimer::singleShot(0, this, [this, path] {
      emit exportFinished(path, tr("SVG export needs Graphviz 'dot', which was not found; export DOT or PNG instead."));
    });
    return;
  }
  auto* process = new QProcess(this);
  connect(process, &QProcess::finished, this, [this, process, path](int code, QProcess::ExitStatus status) {
    process->deleteLater();
    const QString err = QString::fromUtf8(process->readAllStandardError()).trimmed();
    emit exportFinished(path, status == QProcess::NormalExit && code == 0
                                  ? QString()
                                  : tr("Graphviz could not write %1: %2").arg(path, err));
  });
  connect(process, &QProcess::errorOccurred, this, [this, process, path](QProcess::ProcessError e) {
    if (e != QProcess::FailedToStart) return;
    process->deleteLater();
    emit exportFinished(path, tr("Could not start Graphviz: %1").arg(process->errorString()));
  });
  process->start(program, {QStringLiteral("-Tsvg"), QStringLiteral("-o"), path});
  process->write(dot().text.toUtf8());
  process->closeWriteChannel();
}

void GraphView::showExportMenu() {
  QMenu menu(this);
  QAction* dotAction = menu.addAction(tr("DOT (Graphviz source)…"));
  QAction* svgAction = menu.addAction(tr("SVG…"));
  menu.addAction(tr("PNG…"));
  QAction* chosen = menu.exec(export_button_->mapToGlobal(QPoint(0, export_button_->height())));
  if (!chosen) return;
  const QString filter = chosen == dotAction   ? tr("Graphviz (*.dot)")
                         : chosen == svgAction ? tr("SVG (*.svg)")
                                               : tr("PNG (*.png)");
  const QString path = QFileDialog::getSaveFileName(this, tr("Export graph"), QString(), filter);
  if (path.isEmpty()) return;
  QString error;
  if (chosen == svgAction) {
    exportSvg(path);
    return;
  }
  const bool ok = chosen == dotAction ? exportDot(path, &error) : exportPng(path, &error);
  emit exportFinished(path, ok ? QString() : error);
}

}  // namespace kusari::widgets

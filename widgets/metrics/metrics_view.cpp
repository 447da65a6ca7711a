#include "widgets/metrics/metrics_view.h"

#include "widgets/plot/plot_style.h"
#include "widgets/theme/theme.h"

#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QSlider>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>

namespace kusari::widgets {

namespace {

constexpr int kSeriesRole = Qt::UserRole + 1;  // on a series item: its metric name
constexpr int kRunRole = Qt::UserRole + 2;     // on every item: the run id
constexpr int kDimmedAlpha = 80;

// Distinct hues, one per run in arrival order.
QColor runColor(int index) {
  static const QList<QColor> palette = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                                        QColor(214, 39, 40),  QColor(148, 103, 189), QColor(140, 86, 75),
                                        QColor(227, 119, 194), QColor(23, 190, 207), QColor(188, 189, 34)};
  return palette[index % palette.size()];
}

Qt::PenStyle nameStyle(int index) {
  static const Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine, Qt::DashDotDotLine};
  return styles[index % 5];
}

}  // namespace

MetricsView::MetricsView(QWidget* parent)
    : QWidget(parent), plot_(new QCustomPlot(this)), list_(new QTreeWidget(this)), log_box_(new QCheckBox(tr("Log scale"), this)),
      smoothing_slider_(new QSlider(Qt::Horizontal, this)), smoothing_label_(new QLabel(this)), replot_timer_(new QTimer(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  auto* bar = new QHBoxLayout;
  bar->addWidget(log_box_);
  bar->addWidget(new QLabel(tr("Smoothing"), this));
  smoothing_slider_->setRange(0, 99);
  smoothing_slider_->setMaximumWidth(140);
  bar->addWidget(smoothing_slider_);
  bar->addWidget(smoothing_label_);
  auto addButton = [&](const QString& text, const QString& tip, auto slot) {
    auto* button = new QToolButton(this);
    button->setText(text);
    button->setToolTip(tip);
    button->setAutoRaise(true);
    connect(button, &QToolButton::clicked, this, slot);
    bar->addWidget(button);
  };
  bar->addStretch();
  addButton(tr("Fit"), tr("Show all data and follow new points"), [this] { setFollowData(true); });
  addButton(tr("PNG…"), tr("Export the plot as a PNG image"), [this] { exportPngInteractive(); });
  addButton(tr("CSV…"), tr("Export every point as CSV"), [this] { exportCsvInteractive(); });
  addButton(tr("Clear"), tr("Forget all runs"), [this] { clear(); });
  layout->addLayout(bar);

  auto* split = new QSplitter(Qt::Horizontal, this);
  list_->setHeaderHidden(true);
  list_->setColumnCount(1);
  list_->setMinimumWidth(120);
  split->addWidget(list_);
  split->addWidget(plot_);
  split->setStretchFactor(1, 1);
  split->setSizes({180, 600});
  layout->addWidget(split, 1);

  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot_->setNoAntialiasingOnDrag(true);
  plot_->xAxis->setLabel(tr("iteration"));
  plot_->legend->setVisible(false);
  // A zoom or a pan means the user wants this view: stop following the data until "Fit".
  connect(plot_, &QCustomPlot::mouseWheel, this, [this] { follow_ = false; });
  connect(plot_, &QCustomPlot::mousePress, this, [this] { follow_ = false; });

  replot_timer_->setSingleShot(true);
  replot_timer_->setInterval(kReplotIntervalMs);
  connect(replot_timer_, &QTimer::timeout, this, &MetricsView::flush);
  connect(log_box_, &QCheckBox::toggled, this, &MetricsView::setLogScale);
  connect(smoothing_slider_, &QSlider::valueChanged, this, [this](int v) { setSmoothing(v / 100.0); });
  connect(list_, &QTreeWidget::itemChanged, this, &MetricsView::onItemChanged);
  smoothing_label_->setText(QStringLiteral("0.00"));
  connect(ThemeNotifier::instance(), &ThemeNotifier::changed, this, &MetricsView::applyTheme);
  applyTheme();
}

void MetricsView::addRun(const QString& run, const QString& label) {
  const bool known = store_.runIndex(run) >= 0;
  store_.addRun(run, label);
  QTreeWidgetItem* item = runItem(run);
  item->setText(0, store_.runLabel(run));
  if (!known) {
    restyle();  // a new run dims the earlier ones
    scheduleReplot();
  }
}

void MetricsView::appendPoint(const QString& run, const QString& name, double iteration, double epoch, double value) {
  const bool newRun = store_.runIndex(run) < 0;
  const MetricSeries& series = store_.append(run, name, iteration, epoch, value);
  stateFor(series);
  if (newRun) restyle();
  scheduleReplot();
}

QTreeWidgetItem* MetricsView::runItem(const QString& run) {
  QTreeWidgetItem*& item = run_items_[run];
  if (!item) {
    updating_items_ = true;
    item = new QTreeWidgetItem(list_, {store_.runLabel(run)});
    item->setData(0, kRunRole, run);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsAutoTristate);
    item->setCheckState(0, Qt::Checked);
    item->setExpanded(true);
    updating_items_ = false;
  }
  return item;
}

MetricsView::GraphState& MetricsView::stateFor(const MetricSeries& series) {
  GraphState& state = graphs_[&series];
  if (!state.graph) {
    state.graph = plot_->addGraph();
    state.graph->setName(store_.runLabel(series.run) + QStringLiteral(": ") + series.name);
    state.graph->setAdaptiveSampling(true);
    QTreeWidgetItem* parent = runItem(series.run);
    updating_items_ = true;
    // Checked unless its whole run is hidden; set before it joins the run, whose state it changes.
    const bool runHidden = parent->childCount() > 0 && parent->checkState(0) == Qt::Unchecked;
    state.item = new QTreeWidgetItem({series.name});
    state.item->setData(0, kRunRole, series.run);
    state.item->setData(0, kSeriesRole, series.name);
    state.item->setFlags(state.item->flags() | Qt::ItemIsUserCheckable);
    state.item->setCheckState(0, runHidden ? Qt::Unchecked : Qt::Checked);
    parent->addChild(state.item);
    state.graph->setVisible(state.item->checkState(0) == Qt::Checked);
    updating_items_ = false;
    restyle();
  }
  return state;
}

void MetricsView::restyle() {
  const int latest = int(store_.runs().size()) - 1;
  for (auto it = graphs_.begin(); it != graphs_.end(); ++it) {
    const MetricSeries* s = it.key();
    const int runIndex = store_.runIndex(s->run);
    QColor color = runColor(runIndex);
    if (runIndex != latest) color.setAlpha(kDimmedAlpha);
    const int nameIndex = int(store_.names(s->run).indexOf(s->name));
    QPen pen(color, runIndex == latest ? 1.6 : 1.0, nameStyle(nameIndex));
    it->graph->setPen(pen);
    QPixmap swatch(12, 12);
    swatch.fill(runColor(runIndex));
    it->item->setIcon(0, QIcon(swatch));
  }
}

void MetricsView::scheduleReplot() {
  dirty_ = true;
  if (!replot_timer_->isActive()) replot_timer_->start();
}

void MetricsView::flush() {
  replot_timer_->stop();
  if (!dirty_) return;
  dirty_ = false;
  for (auto it = graphs_.begin(); it != graphs_.end(); ++it) {
    const MetricSeries* s = it.key();
    GraphState& state = *it;
    if (state.plotted >= s->values.size()) continue;
    const QVector<double> keys = s->iterations.mid(state.plotted);
    const QVector<double> values = smoothing_ > 0 ? emaSmoothed(s->values, smoothing_, &state.ema, state.plotted)
                                                  : s->values.mid(state.plotted);
    state.graph->addData(keys, values, true);
    state.plotted = s->values.size();
  }
  if (follow_) {
    bool any = false;
    for (const GraphState& state : std::as_const(graphs_)) any = any || state.graph->visible();
    if (any) plot_->rescaleAxes(true);
  }
  plot_->replot();
  ++replots_;
}

void MetricsView::rebuildGraphData() {
  for (auto it = graphs_.begin(); it != graphs_.end(); ++it) {
    it->graph->data()->clear();
    it->plotted = 0;
    it->ema = {};
  }
  dirty_ = true;
  flush();
}

int MetricsView::graphCount() const { return int(graphs_.size()); }

QCPGraph* MetricsView::graph(const QString& run, const QString& name) const {
  const MetricSeries* s = store_.find(run, name);
  return s ? graphs_.value(s).graph : nullptr;
}

QVector<QPointF> MetricsView::plottedData(const QString& run, const QString& name) const {
  QVector<QPointF> points;
  if (QCPGraph* g = graph(run, name))
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) points.append({it->key, it->value});
  return points;
}

void MetricsView::setSeriesVisible(const QString& run, const QString& name, bool visible) {
  const MetricSeries* s = store_.find(run, name);
  if (!s || !graphs_.contains(s)) return;
  graphs_[s].item->setCheckState(0, visible ? Qt::Checked : Qt::Unchecked);  // -> onItemChanged
}

bool MetricsView::isSeriesVisible(const QString& run, const QString& name) const {
  QCPGraph* g = graph(run, name);
  return g && g->visible();
}

void MetricsView::setRunVisible(const QString& run, bool visible) {
  if (QTreeWidgetItem* item = run_items_.value(run)) item->setCheckState(0, visible ? Qt::Checked : Qt::Unchecked);
}

void MetricsView::onItemChanged(QTreeWidgetItem* item, int) {
  if (updating_items_ || item->data(0, kSeriesRole).isNull()) return;  // run items: Qt propagates to children
  const MetricSeries* s = store_.find(item->data(0, kRunRole).toString(), item->data(0, kSeriesRole).toString());
  if (!s || !graphs_.contains(s)) return;
  graphs_[s].graph->setVisible(item->checkState(0) == Qt::Checked);
  dirty_ = true;
  scheduleReplot();
}

void MetricsView::setLogScale(bool on) {
  if (log_box_->isChecked() != on) {
    log_box_->setChecked(on);  // -> toggled -> here again
    return;
  }
  setAxisLogScale(plot_->yAxis, on);
  dirty_ = true;
  flush();
}

bool MetricsView::logScale() const { return plot_->yAxis->scaleType() == QCPAxis::stLogarithmic; }

void MetricsView::setSmoothing(double weight) {
  weight = std::clamp(weight, 0.0, 0.99);
  const int slider = int(std::lround(weight * 100));
  if (smoothing_slider_->value() != slider) {
    const QSignalBlocker block(smoothing_slider_);
    smoothing_slider_->setValue(slider);
  }
  smoothing_label_->setText(QString::number(weight, 'f', 2));
  if (weight == smoothing_) return;
  smoothing_ = weight;
  rebuildGraphData();
}

void MetricsView::setFollowData(bool follow) {
  follow_ = follow;
  if (follow) {
    dirty_ = true;
    flush();
  }
}

void MetricsView::clear() {
  replot_timer_->stop();
  plot_->clearGraphs();
  graphs_.clear();
  run_items_.clear();
  list_->clear();
  store_.clear();
  dirty_ = false;
  plot_->replot();
}

bool MetricsView::exportCsv(const QString& path, QString* error) const {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  file.write(toCsv().toUtf8());
  return true;
}

bool MetricsView::exportPng(const QString& path, QString* error) {
  flush();
  if (plot_->savePng(path, std::max(plot_->width(), 640), std::max(plot_->height(), 400))) return true;
  if (error) *error = tr("Cannot write %1").arg(path);
  return false;
}

void MetricsView::exportPngInteractive() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export Metrics Plot"), QStringLiteral("metrics.png"), tr("PNG images (*.png)"));
  QString error;
  if (!path.isEmpty() && !exportPng(path, &error)) QMessageBox::warning(this, tr("Export Failed"), error);
}

void MetricsView::exportCsvInteractive() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export Metrics"), QStringLiteral("metrics.csv"), tr("CSV files (*.csv)"));
  QString error;
  if (!path.isEmpty() && !exportCsv(path, &error)) QMessageBox::warning(this, tr("Export Failed"), error);
}

void MetricsView::applyTheme() {
  applyPlotTheme(plot_);
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace kusari::widgets

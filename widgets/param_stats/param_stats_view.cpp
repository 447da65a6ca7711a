#include "widgets/param_stats/param_stats_view.h"

#include "widgets/output/tensor_summary_data.h"
#include "widgets/plot/plot_style.h"
#include "widgets/theme/color_maps.h"
#include "widgets/theme/theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>
#include <limits>

namespace kusari::widgets {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString shapeText(const QVector<qint64>& shape) {
  QStringList parts;
  for (qint64 n : shape) parts.append(QString::number(n));
  return QStringLiteral("(%1%2)").arg(parts.join(QStringLiteral(", ")), shape.size() == 1 ? QStringLiteral(",") : QString());
}

QString numberOrDash(double v) { return std::isnan(v) ? QStringLiteral("–") : formatNumber(v); }

// Log axes cannot show 0 or negative values: those become gaps.
double plotted(double v, bool log) { return log && !(v > 0) ? kNaN : v; }

}  // namespace

ParamStatsView::ParamStatsView(QWidget* parent)
    : QWidget(parent), table_(new QTableWidget(0, ColumnCount, this)), curves_(new QCustomPlot(this)),
      heatmap_plot_(new QCustomPlot(this)), quantity_box_(new QComboBox(this)), heatmap_box_(new QComboBox(this)), log_box_(new QCheckBox(tr("Log scale"), this)),
      run_label_(new QLabel(this)), heatmap_label_(new QLabel(this)), replot_timer_(new QTimer(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Show"), this));
  quantity_box_->addItem(tr("Gradient norm ‖∇W‖"), int(ParamQuantity::GradNorm));
  quantity_box_->addItem(tr("Parameter norm ‖W‖"), int(ParamQuantity::DataNorm));
  quantity_box_->addItem(tr("Ratio ‖∇W‖ / ‖W‖"), int(ParamQuantity::GradDataRatio));
  quantity_box_->addItem(tr("Update ratio ‖ΔW‖ / ‖W‖"), int(ParamQuantity::UpdateRatio));
  bar->addWidget(quantity_box_);
  bar->addWidget(log_box_);
  bar->addSpacing(12);
  bar->addWidget(new QLabel(tr("Histograms of"), this));
  heatmap_box_->addItem(tr("gradient"));
  heatmap_box_->addItem(tr("values"));
  bar->addWidget(heatmap_box_);
  bar->addStretch();
  bar->addWidget(run_label_);
  auto* fitButton = new QToolButton(this);
  fitButton->setText(tr("Fit"));
  fitButton->setToolTip(tr("Show all data and follow new samples"));
  fitButton->setAutoRaise(true);
  connect(fitButton, &QToolButton::clicked, this, [this] { setFollowData(true); });
  bar->addWidget(fitButton);
  auto* clearButton = new QToolButton(this);
  clearButton->setText(tr("Clear"));
  clearButton->setToolTip(tr("Forget the samples shown"));
  clearButton->setAutoRaise(true);
  connect(clearButton, &QToolButton::clicked, this, &ParamStatsView::clear);
  bar->addWidget(clearButton);
  layout->addLayout(bar);

  table_->setHorizontalHeaderLabels({tr("Parameter"), tr("Shape"), tr("Size"), tr("‖W‖"), tr("‖∇W‖"), tr("‖∇W‖/‖W‖"),
                                     tr("‖ΔW‖/‖W‖"), tr("NaN / Inf")});
  table_->horizontalHeaderItem(UpdateColumn)->setToolTip(tr("Relative size of the last sampled update"));
  table_->verticalHeader()->setVisible(false);
  table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setShowGrid(false);
  table_->setFrameShape(QFrame::NoFrame);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setStretchLastSection(true);
  connect(table_, &QTableWidget::itemSelectionChanged, this, [this] {
    const QList<QTableWidgetItem*> items = table_->selectedItems();
    if (!items.isEmpty()) selectLayer(table_->item(items.first()->row(), PathColumn)->text());
  });

  curves_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  curves_->xAxis->setLabel(tr("iteration"));
  // A zoom or a pan means the user wants this view: stop following the data until "Fit".
  connect(curves_, &QCustomPlot::mouseWheel, this, [this] { follow_ = false; });
  connect(curves_, &QCustomPlot::mousePress, this, [this] { follow_ = false; });
  heatmap_plot_->xAxis->setLabel(tr("iteration"));
  heatmap_plot_->yAxis->setLabel(tr("bin"));
  heatmap_ = new QCPColorMap(heatmap_plot_->xAxis, heatmap_plot_->yAxis);
  color_scale_ = new QCPColorScale(heatmap_plot_);
  heatmap_plot_->plotLayout()->addElement(0, 1, color_scale_);
  color_scale_->setType(QCPAxis::atRight);
  color_scale_->axis()->setLabel(tr("count"));
  heatmap_->setColorScale(color_scale_);
  heatmap_->setGradient(colorGradient(ColorMapKind::Sequential));
  heatmap_->setInterpolate(false);

  auto* heatPane = new QWidget(this);
  auto* heatLayout = new QVBoxLayout(heatPane);
  heatLayout->setContentsMargins(0, 0, 0, 0);
  heatLayout->addWidget(heatmap_plot_, 1);
  heatLayout->addWidget(heatmap_label_);
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(table_);
  split->addWidget(curves_);
  split->addWidget(heatPane);
  split->setStretchFactor(1, 1);
  split->setStretchFactor(2, 1);
  split->setSizes({420, 420, 320});
  layout->addWidget(split, 1);

  replot_timer_->setSingleShot(true);
  replot_timer_->setInterval(kReplotIntervalMs);
  connect(replot_timer_, &QTimer::timeout, this, &ParamStatsView::flush);
  connect(quantity_box_, &QComboBox::currentIndexChanged, this,
          [this](int i) { setQuantity(ParamQuantity(quantity_box_->itemData(i).toInt())); });
  connect(log_box_, &QCheckBox::toggled, this, &ParamStatsView::setLogScale);
  connect(heatmap_box_, &QComboBox::currentIndexChanged, this, [this](int i) { setHeatmapOfValues(i == 1); });
  connect(ThemeNotifier::instance(), &ThemeNotifier::changed, this, &ParamStatsView::applyTheme);
  run_label_->setText(tr("No training yet"));
  curves_->yAxis->setLabel(quantity_box_->currentText());
  setLogScale(true);
  applyTheme();
}

void ParamStatsView::addSample(const ParamStatsSample& sample) {
  store_.add(sample);
  if (selected_.isEmpty() || !store_.layer(selected_)) {
    selected_ = store_.paths().value(0);
  }
  heatmap_dirty_ = true;
  scheduleReplot();
}

void ParamStatsView::scheduleReplot() {
  dirty_ = true;
  if (!replot_timer_->isActive()) replot_timer_->start();
}

void ParamStatsView::flush() {
  replot_timer_->stop();
  if (!dirty_) return;
  dirty_ = false;
  if (generation_ != store_.generation()) rebuildCurves();
  updateTable();
  updateCurves();
  if (heatmap_dirty_) updateHeatmap();
  run_label_->setText(runText());
  curves_->replot();
  heatmap_plot_->replot();
  ++replots_;
}

void ParamStatsView::setSourceName(const QString& name) {
  if (name == source_name_) return;
  source_name_ = name;
  run_label_->setText(runText());
}

QString ParamStatsView::runText() const {
  if (store_.run().isEmpty()) return tr("No training yet");
  const QString iteration = tr("iteration %1").arg(QLocale().toString(qint64(store_.lastIteration())));
  return source_name_.isEmpty() ? iteration : source_name_ + QStringLiteral(" · ") + iteration;
}

void ParamStatsView::rebuildCurves() {
  generation_ = store_.generation();
  curves_->clearGraphs();
  graphs_.clear();
  for (int row = table_->rowCount() - 1; row >= 0; --row)
    if (!store_.layer(table_->item(row, PathColumn)->text())) table_->removeRow(row);
}

void ParamStatsView::updateCurves() {
  const bool log = logScale();
  bool added = false;
  for (const QString& path : store_.paths()) {
    const ParamLayerHistory* h = store_.layer(path);
    GraphState& state = graphs_[path];
    if (!state.graph) {
      state.graph = curves_->addGraph();
      state.graph->setName(path);
      added = true;
    }
    if (state.plotted >= h->samples.size()) continue;
    QVector<double> keys, values;
    for (qsizetype i = state.plotted; i < h->samples.size(); ++i) {
      keys.append(h->iterations[i]);
      values.append(plotted(paramQuantity(h->samples[i], quantity_), log));
    }
    state.graph->addData(keys, values, true);
    state.plotted = h->samples.size();
  }
  if (added) restyle();
  if (follow_) curves_->rescaleAxes();
}

void ParamStatsView::updateTable() {
  const Theme& theme = Theme::current();
  const QLocale locale;
  for (const QString& path : store_.paths()) {
    const ParamLayerSample& s = store_.layer(path)->latest();
    int row = rowOf(path);
    if (row < 0) {
      row = table_->rowCount();
      table_->insertRow(row);
      for (int c = 0; c < ColumnCount; ++c) {
        auto* item = new QTableWidgetItem;
        if (c != PathColumn && c != ShapeColumn && c != NanInfColumn) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table_->setItem(row, c, item);
      }
      table_->item(row, PathColumn)->setText(path);
      if (path == selected_) table_->selectRow(row);
    }
    table_->item(row, ShapeColumn)->setText(shapeText(s.shape));
    table_->item(row, SizeColumn)->setText(locale.toString(s.size));
    table_->item(row, DataNormColumn)->setText(formatNumber(s.dataNorm));
    table_->item(row, GradNormColumn)->setText(s.hasGrad ? formatNumber(s.gradNorm) : tr("no grad"));
    table_->item(row, RatioColumn)->setText(numberOrDash(paramQuantity(s, ParamQuantity::GradDataRatio)));
    table_->item(row, UpdateColumn)->setText(numberOrDash(s.updateRatio.value_or(kNaN)));
    QStringList flags;
    if (s.nanCount > 0) flags.append(tr("%1 NaN").arg(locale.toString(s.nanCount)));
    if (s.infCount > 0) flags.append(tr("%1 Inf").arg(locale.toString(s.infCount)));
    table_->item(row, NanInfColumn)->setText(flags.join(QStringLiteral(", ")));
    const bool bad = s.nanCount > 0 || s.infCount > 0;
    const QColor marker = theme.color(s.nanCount > 0 ? ThemeRole::NanMarker : ThemeRole::InfMarker);
    for (int c : {PathColumn, NanInfColumn}) {
      QTableWidgetItem* item = table_->item(row, c);
      item->setBackground(bad ? QBrush(marker) : QBrush());
      item->setForeground(bad ? QBrush(theme.color(ThemeRole::HighlightedText)) : QBrush());
    }
  }
}

void ParamStatsView::updateHeatmap() {
  heatmap_dirty_ = false;
  const ParamLayerHistory* h = store_.layer(selected_);
  QCPColorMapData* data = heatmap_->data();
  if (!h || h->samples.isEmpty()) {
    data->setSize(0, 0);
    heatmap_label_->setText(tr("Select a parameter to see its histograms over time."));
    return;
  }
  auto histogramOf = [this](const ParamLayerSample& s) -> const ParamHistogramData& {
    return heatmap_values_ ? s.dataHistogram : s.gradHistogram;
  };
  int bins = 0;
  for (const ParamLayerSample& s : h->samples) bins = std::max(bins, int(histogramOf(s).counts.size()));
  // Samples are not evenly spaced (the kernel adapts its rate): each of the evenly spaced
  // columns shows the latest sample at or before its iteration.
  const int columns = int(h->samples.size());
  data->setSize(columns, std::max(bins, 1));
  const double first = h->iterations.first(), last = h->iterations.last();
  data->setRange(QCPRange(first, last > first ? last : first + 1), QCPRange(0, std::max(bins - 1, 1)));
  double maxCount = 0;
  qsizetype sample = 0;
  for (int x = 0; x < columns; ++x) {
    const double key = columns > 1 ? first + (last - first) * x / (columns - 1) : first;
    while (sample + 1 < h->samples.size() && h->iterations[sample + 1] <= key + 1e-9 * std::abs(key)) ++sample;
    const QVector<qint64>& counts = histogramOf(h->samples[sample]).counts;
    for (int y = 0; y < bins; ++y) {
      const double c = y < counts.size() ? double(counts[y]) : 0.0;
      data->setCell(x, y, c);
      maxCount = std::max(maxCount, c);
    }
  }
  heatmap_->setDataRange(QCPRange(0, std::max(maxCount, 1.0)));
  heatmap_plot_->rescaleAxes();
  const ParamLayerSample& s = h->latest();
  const ParamHistogramData& latest = histogramOf(s);
  if (!heatmap_values_ && !s.hasGrad) heatmap_label_->setText(tr("%1 has no gradient").arg(selected_));
  else
    heatmap_label_->setText(tr("%1: %2 bins over [%3, %4] at the latest sample")
                                .arg(selected_, heatmap_values_ ? tr("value") : tr("gradient"), formatNumber(latest.lo),
                                     formatNumber(latest.hi)));
}

int ParamStatsView::heatmapColumns() const { return heatmap_->data()->keySize(); }

double ParamStatsView::heatmapCount(int column, int bin) const { return heatmap_->data()->cell(column, bin); }

void ParamStatsView::selectLayer(const QString& path) {
  if (path == selected_ || !store_.layer(path)) return;
  selected_ = path;
  const int row = rowOf(path);
  if (row >= 0 && table_->currentRow() != row) table_->selectRow(row);
  restyle();
  heatmap_dirty_ = true;
  scheduleReplot();
  emit layerSelected(path);
}

int ParamStatsView::rowOf(const QString& path) const {
  for (int row = 0; row < table_->rowCount(); ++row)
    if (table_->item(row, PathColumn)->text() == path) return row;
  return -1;
}

QVector<QPointF> ParamStatsView::curveData(const QString& path) const {
  QVector<QPointF> points;
  if (QCPGraph* g = graph(path))
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) points.append({it->key, it->value});
  return points;
}

void ParamStatsView::setQuantity(ParamQuantity quantity) {
  const int index = quantity_box_->findData(int(quantity));
  if (quantity_box_->currentIndex() != index) {
    quantity_box_->setCurrentIndex(index);  // -> here again
    return;
  }
  if (quantity == quantity_) return;
  quantity_ = quantity;
  for (GraphState& state : graphs_) {
    state.graph->data()->clear();
    state.plotted = 0;
  }
  curves_->yAxis->setLabel(quantity_box_->currentText());
  scheduleReplot();
  flush();
}

void ParamStatsView::setLogScale(bool on) {
  if (log_box_->isChecked() != on) {
    log_box_->setChecked(on);  // -> toggled -> here again
    return;
  }
  setAxisLogScale(curves_->yAxis, on);
  for (GraphState& state : graphs_) {
    state.graph->data()->clear();
    state.plotted = 0;
  }
  scheduleReplot();
  flush();
}

void ParamStatsView::setHeatmapOfValues(bool values) {
  if (heatmap_box_->currentIndex() != int(values)) {
    heatmap_box_->setCurrentIndex(int(values));  // -> here again
    return;
  }
  if (values == heatmap_values_) return;
  heatmap_values_ = values;
  heatmap_dirty_ = true;
  scheduleReplot();
  flush();
}

void ParamStatsView::setFollowData(bool follow) {
  follow_ = follow;
  if (follow) {
    scheduleReplot();
    flush();
  }
}

bool ParamStatsView::logScale() const { return curves_->yAxis->scaleType() == QCPAxis::stLogarithmic; }

void ParamStatsView::clear() {
  replot_timer_->stop();
  store_.clear();
  table_->setRowCount(0);
  selected_.clear();
  heatmap_dirty_ = true;
  scheduleReplot();
  flush();
}

QColor ParamStatsView::layerColor(int index) const {
  // The theme's ANSI hues, which it tunes for its background.
  static const int order[] = {4, 1, 2, 5, 6, 3, 12, 9, 10, 13, 14, 11};
  return Theme::current().ansi(order[index % 12]);
}

void ParamStatsView::restyle() {
  const QStringList paths = store_.paths();
  for (auto it = graphs_.begin(); it != graphs_.end(); ++it) {
    const bool selected = it.key() == selected_;
    QColor color = layerColor(int(paths.indexOf(it.key())));
    if (!selected_.isEmpty() && !selected) color.setAlpha(170);
    it->graph->setPen(QPen(color, selected ? 2.4 : 1.2));
  }
  for (int row = 0; row < table_->rowCount(); ++row) {
    QPixmap swatch(10, 10);
    swatch.fill(layerColor(int(paths.indexOf(table_->item(row, PathColumn)->text()))));
    table_->item(row, PathColumn)->setIcon(QIcon(swatch));
  }
}

void ParamStatsView::applyTheme() {
  applyPlotTheme(curves_);
  applyPlotTheme(heatmap_plot_, {color_scale_->axis()});
  for (QCustomPlot* plot : {curves_, heatmap_plot_}) plot->replot(QCustomPlot::rpQueuedReplot);
  restyle();
  updateTable();  // the NaN/Inf marker colours
}

}  // namespace kusari::widgets

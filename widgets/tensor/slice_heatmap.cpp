#include "widgets/tensor/slice_heatmap.h"

#include "widgets/output/tensor_summary_data.h"
#include "widgets/plot/plot_style.h"
#include "widgets/theme/theme.h"

#include <QLabel>
#include <QLocale>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>

namespace kusari::widgets {
namespace {

// Ticks only at multiples of the stride, so every label is a real index of the tensor.
void setIndexTicker(QCPAxis* axis, qint64 stride) {
  auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
  ticker->setTickStep(double(std::max<qint64>(1, stride)));
  ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
  ticker->setTickCount(6);
  axis->setTicker(ticker);
  axis->setNumberFormat(QStringLiteral("f"));
  axis->setNumberPrecision(0);
}

}  // namespace

SliceHeatmap::SliceHeatmap(QWidget* parent)
    : QWidget(parent), plot_(new QCustomPlot(this)), legend_(new QLabel(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  layout->addWidget(plot_, 1);
  layout->addWidget(legend_);
  legend_->setTextFormat(Qt::RichText);
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot_->axisRect()->setupFullAxesBox(false);
  plot_->yAxis->setRangeReversed(true);  // row 0 at the top, like the array prints
  map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
  map_->setInterpolate(false);
  map_->setTightBoundary(false);
  scale_ = addColorScale(plot_, map_, 10);
  setIndexTicker(plot_->xAxis, 1);
  setIndexTicker(plot_->yAxis, 1);
  connect(plot_, &QCustomPlot::mouseMove, this, &SliceHeatmap::showValueTip);
  applyTheme();
  updateLegend(0, 0);
}

void SliceHeatmap::setDisplay(const SliceDisplay& d, const QString& rowTitle, const QString& colTitle) {
  if (d.map) map_->setData(new QCPColorMapData(*d.map));  // the display stays shareable
  slice_ = d.slice;
  const TensorSlice& s = d.slice;
  const double keyStep = double(s.colStride * d.displayStep), valueStep = double(s.rowStride * d.displayStep);
  const int cols = d.map ? d.map->keySize() : 1, rows = d.map ? d.map->valueSize() : 1;
  setIndexTicker(plot_->xAxis, s.colStride);
  setIndexTicker(plot_->yAxis, s.rowStride);
  plot_->xAxis->setLabel(colTitle);
  plot_->yAxis->setLabel(rowTitle);
  plot_->xAxis->setRange(-0.5 * keyStep, (cols - 0.5) * keyStep);
  plot_->yAxis->setRange(-0.5 * valueStep, (rows - 0.5) * valueStep);
  updateLegend(d.histogram.nanCount, d.histogram.infCount);
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void SliceHeatmap::setColoring(ColorMapKind kind, double lo, double hi) {
  kind_ = kind;
  QCPColorGradient gradient = colorGradient(kind);
  gradient.setNanHandling(QCPColorGradient::nhNanColor);
  gradient.setNanColor(Theme::current().color(ThemeRole::NanMarker));
  map_->setGradient(gradient);
  if (!(hi > lo)) hi = lo + 1.0;
  map_->setDataRange(QCPRange(lo, hi));
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

std::pair<double, double> SliceHeatmap::colorRange() const {
  return {map_->dataRange().lower, map_->dataRange().upper};
}

QString SliceHeatmap::legendText() const { return legend_->text(); }

void SliceHeatmap::setScaleLabel(const QString& label) {
  scale_->axis()->setLabel(label);
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString SliceHeatmap::valueTextAt(double key, double value) const {
  if (!slice_.isValid()) return {};
  const qint64 c = std::llround(key / double(slice_.colStride)), r = std::llround(value / double(slice_.rowStride));
  if (r < 0 || c < 0 || r >= slice_.rows || c >= slice_.cols) return {};
  const QString where = slice_.rowAxis >= 0 ? tr("[%1, %2]").arg(slice_.tensorRow(r)).arg(slice_.tensorCol(c))
                                            : tr("[%1]").arg(slice_.tensorCol(c));
  return QStringLiteral("%1 = %2").arg(where, formatNumber(slice_.at(r, c)));
}

void SliceHeatmap::showValueTip(QMouseEvent* event) {
  const QPointF pos = event->position();
  const QString text = valueTextAt(plot_->xAxis->pixelToCoord(pos.x()), plot_->yAxis->pixelToCoord(pos.y()));
  if (text.isEmpty()) QToolTip::hideText();
  else QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
}

void SliceHeatmap::updateLegend(qint64 nanCount, qint64 infCount) {
  nan_ = nanCount;
  inf_ = infCount;
  const Theme& t = Theme::current();
  const QLocale locale;
  const QString counts = tr("%1 NaN, %2 Inf in this slice").arg(locale.toString(nanCount), locale.toString(infCount));
  const QString color = (nanCount + infCount > 0 ? t.color(ThemeRole::ErrorTitle) : t.color(ThemeRole::MutedText)).name();
  legend_->setText(QStringLiteral("<span style='color:%1'>■</span> <span style='color:%2'>NaN/Inf · %3</span>")
                       .arg(t.color(ThemeRole::NanMarker).name(), color, counts));
}

void SliceHeatmap::applyTheme() {
  applyPlotTheme(plot_, {scale_->axis()}, GridLines::Hidden);
  plot_->xAxis2->setTicks(false);  // the box's far sides only frame the map
  plot_->yAxis2->setTicks(false);
  setColoring(kind_, map_->dataRange().lower, map_->dataRange().upper);  // the NaN colour is themed
  updateLegend(nan_, inf_);
}

}  // namespace kusari::widgets

#include "widgets/output/tensor_heatmap.h"

#include "widgets/output/tensor_summary_data.h"
#include "widgets/plot/plot_style.h"
#include "widgets/theme/theme.h"

#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>

namespace kusari::widgets {

TensorHeatmap::TensorHeatmap(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  plot_->setInteractions({});
  plot_->axisRect()->setupFullAxesBox(false);
  plot_->yAxis->setRangeReversed(true);  // row 0 at the top, like the array prints
  map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
  map_->setInterpolate(false);
  scale_ = addColorScale(plot_, map_, 8);
  applyTheme();
}

void TensorHeatmap::setData(const TensorSummaryData& d) {
  kind_ = chooseColorMap(d.min, d.max);
  const int rows = std::max(1, d.previewRows), cols = std::max(1, d.previewCols);
  // The preview subsamples the tensor seen as (product of the leading axes, last axis) with a
  // fixed step per axis; the axes are labelled with the tensor's own indices.
  qint64 full_rows = 1;
  for (int i = 0; i + 1 < d.shape.size(); ++i) full_rows *= d.shape[i];
  const qint64 full_cols = d.shape.isEmpty() ? 1 : d.shape.back();
  const double step_r = std::max<qint64>(1, (full_rows + rows - 1) / rows);
  const double step_c = std::max<qint64>(1, (full_cols + cols - 1) / cols);
  map_->data()->setSize(cols, rows);
  map_->data()->setRange(QCPRange(0, (cols - 1) * step_c), QCPRange(0, (rows - 1) * step_r));
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const int i = r * cols + c;
      const double v = i < d.preview.size() ? d.preview[i] : NAN;
      map_->data()->setCell(c, r, std::isfinite(v) ? v : NAN);  // Inf is marked like NaN
    }
  QCPColorGradient gradient = colorGradient(kind_);
  gradient.setNanHandling(QCPColorGradient::nhNanColor);
  gradient.setNanColor(Theme::current().color(ThemeRole::NanMarker));
  map_->setGradient(gradient);
  const auto [lo, hi] = colorMapRange(kind_, d.min, d.max);
  map_->setDataRange(QCPRange(lo, hi));
  plot_->xAxis->setRange(-0.5 * step_c, (cols - 0.5) * step_c);
  plot_->yAxis->setRange(-0.5 * step_r, (rows - 0.5) * step_r);
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

std::pair<double, double> TensorHeatmap::colorRange() const {
  return {map_->dataRange().lower, map_->dataRange().upper};
}

void TensorHeatmap::applyTheme() {
  applyPlotTheme(plot_, {scale_->axis()}, GridLines::Hidden);
  QFont small = font();
  small.setPointSizeF(std::max(7.0, small.pointSizeF() - 1.5));
  for (QCPAxis* axis : plot_->axisRect()->axes() + QList<QCPAxis*>{scale_->axis()}) axis->setTickLabelFont(small);
  plot_->xAxis2->setTickLabels(false);
  plot_->yAxis2->setTickLabels(false);
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace kusari::widgets

// The Tensor dock's heatmap: a prepared slice as a QCPColorMap whose axes are the tensor's own
// indices (the stride accounted for), the colour scale always beside it with its range, and a
// legend line for the NaN/Inf marker colour with the slice's counts.
#pragma once
#include "widgets/tensor/slice_display.h"
#include "widgets/theme/color_maps.h"

#include <QWidget>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QLabel;
class QMouseEvent;

namespace kusari::widgets {

class SliceHeatmap : public QWidget {
  Q_OBJECT
 public:
  explicit SliceHeatmap(QWidget* parent = nullptr);

  void setDisplay(const SliceDisplay& display, const QString& rowTitle, const QString& colTitle);
  void setColoring(ColorMapKind kind, double lo, double hi);
  void setScaleLabel(const QString& label);

  // What the hover tooltip says at plot coordinates (tensor column, tensor row): the nearest
  // slice cell's exact value and its tensor indices; empty outside the slice.
  QString valueTextAt(double key, double value) const;
  ColorMapKind colorMapKind() const { return kind_; }
  std::pair<double, double> colorRange() const;
  QString legendText() const;
  QCustomPlot* plot() const { return plot_; }
  QCPColorMap* colorMap() const { return map_; }
  QCPColorScale* colorScale() const { return scale_; }
  void applyTheme();

 private:
  void updateLegend(qint64 nanCount, qint64 infCount);
  void showValueTip(QMouseEvent* event);
  QCustomPlot* plot_;
  QCPColorMap* map_;
  QCPColorScale* scale_;
  QLabel* legend_;
  ColorMapKind kind_ = ColorMapKind::Sequential;
  qint64 nan_ = 0, inf_ = 0;
  TensorSlice slice_;  // shared with the view: exact values for the tooltip
};

}  // namespace kusari::widgets

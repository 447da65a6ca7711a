// A small heatmap of a tensor preview with its colour scale always visible: sequential for
// non-negative data, diverging centred at 0 for signed data, NaN/Inf in the marker colour.
#pragma once
#include "widgets/theme/color_maps.h"

#include <QWidget>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;

namespace kusari::widgets {

struct TensorSummaryData;

class TensorHeatmap : public QWidget {
  Q_OBJECT
 public:
  explicit TensorHeatmap(QWidget* parent = nullptr);

  // min/max are the statistics of the whole tensor (the preview may miss the extremes).
  void setData(const TensorSummaryData& data);
  ColorMapKind colorMapKind() const { return kind_; }
  std::pair<double, double> colorRange() const;
  QCustomPlot* plot() const { return plot_; }
  void applyTheme();

 private:
  QCustomPlot* plot_;
  QCPColorMap* map_;
  QCPColorScale* scale_;
  ColorMapKind kind_ = ColorMapKind::Sequential;
};

}  // namespace kusari::widgets

// The Tensor dock's histogram: bars over the finite values of the slice, with the NaN and Inf
// counts (which no bar can show) written beside it.
#pragma once
#include "widgets/tensor/slice_display.h"

#include <QWidget>

class QCustomPlot;
class QCPBars;
class QLabel;

namespace kusari::widgets {

class ValueHistogram : public QWidget {
  Q_OBJECT
 public:
  explicit ValueHistogram(QWidget* parent = nullptr);

  void setHistogram(const HistogramData& histogram);
  const HistogramData& histogram() const { return data_; }
  QString noteText() const;
  QCustomPlot* plot() const { return plot_; }
  QCPBars* bars() const { return bars_; }
  void applyTheme();

 private:
  QCustomPlot* plot_;
  QCPBars* bars_;
  QLabel* note_;
  HistogramData data_;
};

}  // namespace kusari::widgets

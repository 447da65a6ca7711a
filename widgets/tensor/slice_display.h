// Turning a slice into what the views draw: a colour-map grid bounded to a number of cells (a
// 4096 x 4096 slice is drawn from 1024 x 1024 cells; a block holding NaN/Inf stays marked), the
// value histogram and the slice's own range. Pure and thread-safe, so large slices are prepared
// off the UI thread.
#pragma once
#include "widgets/tensor/tensor_slice.h"

#include <memory>

class QCPColorMapData;

namespace kusari::widgets {

struct HistogramData {
  double lo = 0, hi = 1;  // the range the bins span (the finite min..max)
  QVector<qint64> counts;  // equal-width bins; the last one includes hi
  qint64 nanCount = 0, infCount = 0;
  double finiteMin = 0, finiteMax = 0;  // of the data itself
  bool anyFinite = false;
  double binWidth() const { return counts.isEmpty() ? 0.0 : (hi - lo) / counts.size(); }
};

HistogramData computeHistogram(const float* data, qint64 count, int bins);

struct SliceDisplay {
  TensorSlice slice;        // what is shown (a difference when Δ is on)
  qint64 displayStep = 1;   // colour-map cell (i, j) is slice cell (i * displayStep, j * displayStep)
  std::shared_ptr<const QCPColorMapData> map;  // keys are tensor column indices, values rows
  HistogramData histogram;  // also the slice's finite range and NaN/Inf counts
};

SliceDisplay prepareSliceDisplay(const TensorSlice& slice, qint64 maxCells, int bins);

}  // namespace kusari::widgets

#include "widgets/tensor/slice_display.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace kusari::widgets {

HistogramData computeHistogram(const float* data, qint64 count, int bins) {
  HistogramData h;
  // Two passes, both tight loops: the finite range (and the NaN/Inf counts), then the bins.
  float lo = INFINITY, hi = -INFINITY;
  qint64 nonFinite = 0;
  for (qint64 i = 0; i < count; ++i) {
    const float v = data[i];
    if (std::isfinite(v)) {
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
    } else {
      ++nonFinite;
      h.nanCount += std::isnan(v);
    }
  }
  h.infCount = nonFinite - h.nanCount;
  bins = std::max(1, bins);
  h.counts = QVector<qint64>(bins, 0);
  if (lo > hi) return h;  // no finite values
  h.anyFinite = true;
  h.finiteMin = lo;
  h.finiteMax = hi;
  if (hi == lo) { h.lo = lo - 0.5; h.hi = hi + 0.5; } else { h.lo = lo; h.hi = hi; }
  const float scale = float(bins / (h.hi - h.lo)), base = float(h.lo);
  qint64* counts = h.counts.data();
  for (qint64 i = 0; i < count; ++i) {
    const float x = (data[i] - base) * scale;  // NaN/Inf fail the range test below
    if (x >= 0.0f && x < float(bins)) ++counts[int(x)];
    else if (x >= float(bins) && x <= float(bins) * 1.0001f) ++counts[bins - 1];  // hi itself
  }
  return h;
}

SliceDisplay prepareSliceDisplay(const TensorSlice& slice, qint64 maxCells, int bins) {
  SliceDisplay d;
  d.slice = slice;
  d.histogram = computeHistogram(slice.data.constData(), slice.data.size(), bins);
  if (!slice.isValid()) return d;
  const qint64 step = sliceStride(slice.rows, slice.cols, maxCells);
  const int rows = int((slice.rows + step - 1) / step), cols = int((slice.cols + step - 1) / step);
  d.displayStep = step;
  const double keyStep = double(slice.colStride * step), valueStep = double(slice.rowStride * step);
  auto map = std::make_shared<QCPColorMapData>(cols, rows, QCPRange(0, (cols - 1) * keyStep),
                                               QCPRange(0, (rows - 1) * valueStep));
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const float v = slice.at(qint64(r) * step, qint64(c) * step);
      map->setCell(c, r, std::isfinite(v) ? double(v) : NAN);
    }
  if (step > 1 && d.histogram.nanCount + d.histogram.infCount > 0) {
    // A NaN/Inf anywhere in a block marks the block: downsampling must not hide one.
    for (qint64 r = 0; r < slice.rows; ++r)
      for (qint64 c = 0; c < slice.cols; ++c)
        if (!std::isfinite(slice.at(r, c))) map->setCell(int(c / step), int(r / step), NAN);
  }
  d.map = std::move(map);
  return d;
}

}  // namespace kusari::widgets

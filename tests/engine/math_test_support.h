// Plain-loop references shared by the math family's tests (reductions over any axes).
#pragma once
#include <QList>
#include <QTest>
#include <functional>
#include <vector>

#include "engine/engine_test_support.h"

namespace kusari::test_support {

inline Shape to_shape(const QList<qint64>& l) { return Shape(l.begin(), l.end()); }

// Folds x over `axes` (normalized; empty = all) with f from init, element by element.
inline Tensor reference_reduce(const Tensor& x, Axes axes, bool keepdims, double init,
                               const std::function<double(double, double)>& f) {
  const int64_t nd = x.ndim();
  if (axes.empty())
    for (int64_t d = 0; d < nd; ++d) axes.push_back(d);
  std::vector<bool> reduced(nd, false);
  for (int64_t a : axes) reduced[a] = true;
  Shape kept = x.shape();
  for (int64_t a : axes) kept[a] = 1;
  Tensor xc = x.astype(Dtype::Float64).contiguous();
  const double* xp = xc.data<double>();
  std::vector<double> acc(shape_numel(kept), init);
  for (int64_t i = 0; i < xc.numel(); ++i) {
    int64_t rest = i, out = 0, out_stride = 1;
    for (int64_t d = nd - 1; d >= 0; --d) {
      int64_t idx = rest % x.shape()[d];
      rest /= x.shape()[d];
      if (!reduced[d]) out += idx * out_stride;
      out_stride *= kept[d];
    }
    acc[out] = f(acc[out], xp[i]);
  }
  Tensor y = tensor_from(kept, [&](int64_t i) { return acc[i]; });
  if (keepdims) return y;
  Shape s;
  for (int64_t d = 0; d < nd; ++d)
    if (!reduced[d]) s.push_back(x.shape()[d]);
  return y.reshape(s);
}

// Distinct values (no two within 0.05), so max/min and maximum have no ties near the input.
inline Tensor distinct_values(const Shape& shape) {
  return tensor_from(shape, [](int64_t i) { return static_cast<double>((i * 37) % 101) * 0.05 - 2.5; });
}

// Row columns for reductions: shape, axes, keepdims.
inline void add_reduce_columns() {
  QTest::addColumn<QList<qint64>>("shape");
  QTest::addColumn<QList<qint64>>("axes");
  QTest::addColumn<bool>("keepdims");
}
inline void add_reduce_rows() {
  QTest::newRow("(2, 3, 4) all") << QList<qint64>{2, 3, 4} << QList<qint64>{} << false;
  QTest::newRow("(2, 3, 4) axis 1") << QList<qint64>{2, 3, 4} << QList<qint64>{1} << false;
  QTest::newRow("(2, 3, 4) axes 0, 2 keepdims") << QList<qint64>{2, 3, 4} << QList<qint64>{0, 2} << true;
  QTest::newRow("(2, 3, 4) axis -1 keepdims") << QList<qint64>{2, 3, 4} << QList<qint64>{-1} << true;
  QTest::newRow("(5,) axis 0") << QList<qint64>{5} << QList<qint64>{0} << false;
  QTest::newRow("() all") << QList<qint64>{} << QList<qint64>{} << false;
  QTest::newRow("(0, 3) axis 1") << QList<qint64>{0, 3} << QList<qint64>{1} << false;
}

inline Axes normalized(const QList<qint64>& axes, int64_t ndim) {
  return normalize_axes(Axes(axes.begin(), axes.end()), ndim, true);
}

}  // namespace kusari::test_support

#include "widgets/tensor/tensor_slice.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace kusari::widgets {

qint64 TensorInfo::elementCount() const {
  qint64 n = 1;
  for (qint64 s : shape) n *= s;
  return n;
}

bool TensorSlice::sameGeometry(const TensorSlice& o) const {
  return rowAxis == o.rowAxis && colAxis == o.colAxis && indices == o.indices && rows == o.rows &&
         cols == o.cols && rowStride == o.rowStride && colStride == o.colStride;
}

TensorArray TensorArray::make(const QString& name, const QList<qint64>& shape, QVector<float> data,
                              const QString& dtype, const QString& device) {
  TensorArray a;
  a.info.name = name;
  a.info.shape = shape;
  a.info.dtype = dtype;
  a.info.device = device;
  a.data = std::move(data);
  a.info.stats = computeStats(a.data.constData(), a.data.size());
  return a;
}

QString TensorArray::problem() const {
  for (int k = 0; k < info.rank(); ++k)
    if (info.shape[k] < 0) return QStringLiteral("axis %1 of shape %2 is negative").arg(k).arg(shapeText(info.shape));
  if (info.elementCount() != data.size())
    return QStringLiteral("tensor '%1': shape %2 holds %3 elements but %4 values were given")
        .arg(info.name, shapeText(info.shape)).arg(info.elementCount()).arg(data.size());
  return {};
}

QString shapeText(const QList<qint64>& shape) {
  QStringList parts;
  for (qint64 n : shape) parts << QString::number(n);
  return QStringLiteral("(") + parts.join(QStringLiteral(", ")) +
         (shape.size() == 1 ? QStringLiteral(",)") : QStringLiteral(")"));
}

TensorStats computeStats(const float* data, qint64 count) {
  TensorStats s;
  double sum = 0, sumSq = 0, lo = INFINITY, hi = -INFINITY;
  qint64 finite = 0;
  for (qint64 i = 0; i < count; ++i) {
    const float v = data[i];
    if (std::isnan(v)) { ++s.nanCount; continue; }
    if (std::isinf(v)) { ++s.infCount; continue; }
    ++finite;
    sum += v;
    sumSq += double(v) * v;
    lo = std::min<double>(lo, v);
    hi = std::max<double>(hi, v);
  }
  if (finite > 0) {
    s.min = lo;
    s.max = hi;
    s.mean = sum / finite;
    s.std = std::sqrt(std::max(0.0, sumSq / finite - s.mean * s.mean));
  }
  return s;
}

qint64 sliceStride(qint64 rows, qint64 cols, qint64 maxElements) {
  maxElements = std::max<qint64>(1, maxElements);
  const auto cells = [&](qint64 s) { return ((rows + s - 1) / s) * ((cols + s - 1) / s); };
  qint64 s = std::max<qint64>(1, qint64(std::sqrt(double(rows) * double(cols) / double(maxElements))));
  while (s > 1 && cells(s - 1) <= maxElements) --s;
  while (cells(s) > maxElements) ++s;
  return s;
}

TensorSlice defaultSliceGeometry(const QList<qint64>& shape) {
  TensorSlice s;
  const int rank = int(shape.size());
  s.rowAxis = rank >= 2 ? rank - 2 : -1;
  s.colAxis = rank >= 1 ? rank - 1 : -1;
  s.indices = QList<qint64>(rank, 0);
  return s;
}

std::optional<TensorSlice> sliceArray(const TensorArray& array, int rowAxis, int colAxis,
                                      const QList<qint64>& indices, qint64 maxElements, QString* error) {
  const auto fail = [&](const QString& why) -> std::optional<TensorSlice> {
    if (error) *error = QStringLiteral("cannot slice '%1' %2: %3").arg(array.info.name, shapeText(array.info.shape), why);
    return std::nullopt;
  };
  if (const QString p = array.problem(); !p.isEmpty()) return fail(p);
  const QList<qint64>& shape = array.info.shape;
  const int rank = int(shape.size());
  for (int axis : {rowAxis, colAxis})
    if (axis < -1 || axis >= rank) return fail(QStringLiteral("axis %1 is out of range for rank %2").arg(axis).arg(rank));
  if (rowAxis >= 0 && rowAxis == colAxis) return fail(QStringLiteral("row and column axis are both %1").arg(rowAxis));
  if (!indices.isEmpty() && indices.size() != rank)
    return fail(QStringLiteral("%1 indices given for %2 axes").arg(indices.size()).arg(rank));
  TensorSlice s;
  s.rowAxis = rowAxis;
  s.colAxis = colAxis;
  s.indices = indices.isEmpty() ? QList<qint64>(rank, 0) : indices;
  QVector<qint64> strides(rank, 1);
  for (int k = rank - 2; k >= 0; --k) strides[k] = strides[k + 1] * shape[k + 1];
  qint64 base = 0;
  for (int k = 0; k < rank; ++k) {
    if (k == rowAxis || k == colAxis) { s.indices[k] = 0; continue; }
    if (s.indices[k] < 0 || s.indices[k] >= shape[k])
      return fail(QStringLiteral("index %1 on axis %2 is outside 0..%3").arg(s.indices[k]).arg(k).arg(shape[k] - 1));
    base += s.indices[k] * strides[k];
  }
  const qint64 fullRows = rowAxis >= 0 ? shape[rowAxis] : 1;
  const qint64 fullCols = colAxis >= 0 ? shape[colAxis] : 1;
  if (fullRows == 0 || fullCols == 0) return fail(QStringLiteral("the slice is empty"));
  const qint64 step = sliceStride(fullRows, fullCols, maxElements);
  s.rowStride = s.colStride = step;
  s.rows = (fullRows + step - 1) / step;
  s.cols = (fullCols + step - 1) / step;
  const qint64 rowStep = (rowAxis >= 0 ? strides[rowAxis] : 0) * step;
  const qint64 colStep = (colAxis >= 0 ? strides[colAxis] : 0) * step;
  const bool whole = step == 1 && colStep == 1 && (s.rows == 1 || rowStep == s.cols) && base == 0 &&
                     s.rows * s.cols == array.data.size();
  if (whole) {
    s.data = array.data;  // the slice is the whole array, in order: share its buffer, copy nothing
    return s;
  }
  s.data.resize(s.rows * s.cols);
  const float* src = array.data.constData();
  float* dst = s.data.data();
  for (qint64 r = 0; r < s.rows; ++r) {
    const float* row = src + base + r * rowStep;
    if (colStep == 1) {
      std::copy(row, row + s.cols, dst + r * s.cols);
    } else {
      for (qint64 c = 0; c < s.cols; ++c) dst[r * s.cols + c] = row[c * colStep];
    }
  }
  return s;
}

TensorSlice sliceDifference(const TensorSlice& current, const TensorSlice& previous) {
  TensorSlice d = current;
  if (!current.sameGeometry(previous) || current.data.size() != previous.data.size()) return d;
  float* out = d.data.data();  // detaches from current's buffer
  const float* prev = previous.data.constData();
  for (qsizetype i = 0; i < d.data.size(); ++i) out[i] -= prev[i];
  return d;
}

namespace {
void appendNumber(QByteArray& out, double v) {
  if (std::isnan(v)) out += "nan";
  else if (std::isinf(v)) out += v > 0 ? "inf" : "-inf";
  else out += QByteArray::number(v, 'g', 9);
}
}  // namespace

QByteArray sliceToCsv(const TensorSlice& s) {
  QByteArray out;
  out.reserve(qsizetype(s.rows * s.cols * 12 + 64));
  out += "row\\col";
  for (qint64 c = 0; c < s.cols; ++c) out += ',' + QByteArray::number(s.tensorCol(c));
  out += '\n';
  for (qint64 r = 0; r < s.rows; ++r) {
    out += QByteArray::number(s.tensorRow(r));
    for (qint64 c = 0; c < s.cols; ++c) {
      out += ',';
      appendNumber(out, s.at(r, c));
    }
    out += '\n';
  }
  return out;
}

}  // namespace kusari::widgets

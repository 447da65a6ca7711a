// What the Tensor dock shows, as plain data with no protocol behind it: a tensor's description
// (name, full shape, dtype, device, statistics) and a 2-D slice of it, downsampled with a stride.
// A kernel sends slices on request; a whole array in memory (tests, output cards) is sliced here.
#pragma once
#include <QList>
#include <QString>
#include <QVector>

#include <optional>

namespace kusari::widgets {

// Statistics over the finite elements; NaN and Inf are counted, not folded in.
struct TensorStats {
  double min = 0, max = 0, mean = 0, std = 0;
  qint64 nanCount = 0, infCount = 0;
};

struct TensorInfo {
  QString name;
  QList<qint64> shape;  // the tensor's full shape
  QString dtype;
  QString device;
  TensorStats stats;

  int rank() const { return int(shape.size()); }
  qint64 elementCount() const;
};

// A 2-D slice: tensor axis `rowAxis` runs down the rows, `colAxis` across the columns, every
// other axis k is fixed at indices[k]. Slice cell (r, c) is the tensor element at index
// r * rowStride on rowAxis and c * colStride on colAxis. An axis of -1 is absent (a 1-D tensor
// gives one row, a 0-D tensor one cell).
struct TensorSlice {
  int rowAxis = -1, colAxis = -1;
  QList<qint64> indices;  // one per tensor axis; the entries at rowAxis and colAxis are 0, ignored
  qint64 rows = 0, cols = 0;
  qint64 rowStride = 1, colStride = 1;
  QVector<float> data;  // rows * cols, row-major

  bool isValid() const { return rows > 0 && cols > 0 && data.size() == rows * cols; }
  float at(qint64 r, qint64 c) const { return data[r * cols + c]; }
  qint64 tensorRow(qint64 r) const { return r * rowStride; }
  qint64 tensorCol(qint64 c) const { return c * colStride; }
  // Same axes, fixed indices, shape and strides: two slices of the same place in a tensor.
  bool sameGeometry(const TensorSlice& other) const;
};

// A whole tensor in memory, row-major (C order) over info.shape.
struct TensorArray {
  TensorInfo info;
  QVector<float> data;

  // Fills info (statistics computed from the data).
  static TensorArray make(const QString& name, const QList<qint64>& shape, QVector<float> data,
                          const QString& dtype = QStringLiteral("float32"),
                          const QString& device = QStringLiteral("cpu"));
  // Empty when the data matches the shape, else what is wrong.
  QString problem() const;
};

QString shapeText(const QList<qint64>& shape);  // "(64, 1, 28, 28)", "(5,)", "()"
TensorStats computeStats(const float* data, qint64 count);

// The smallest stride s (the same on both axes, so the aspect is kept) with
// ceil(rows / s) * ceil(cols / s) <= maxElements.
qint64 sliceStride(qint64 rows, qint64 cols, qint64 maxElements);

// The default picture of a tensor: its last two axes, all other indices 0.
TensorSlice defaultSliceGeometry(const QList<qint64>& shape);

// Cuts a slice out of a whole array. indices may be empty (all 0). On bad input returns nothing
// and says in *error which argument is wrong and why. A slice that is the whole array in order
// (a 2-D tensor, default axes, no stride) shares the array's buffer instead of copying it.
std::optional<TensorSlice> sliceArray(const TensorArray& array, int rowAxis, int colAxis,
                                      const QList<qint64>& indices, qint64 maxElements,
                                      QString* error = nullptr);

// current - previous, cell by cell; both must have the same geometry.
TensorSlice sliceDifference(const TensorSlice& current, const TensorSlice& previous);

// Header row of column indices, then one line per row led by its index; full float precision,
// NaN and Inf written as nan, inf, -inf.
QByteArray sliceToCsv(const TensorSlice& slice);

}  // namespace kusari::widgets

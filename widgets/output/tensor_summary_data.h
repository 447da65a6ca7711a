// The tensor summary a kernel attaches to a displayed array, read from an nbformat output's
// "application/vnd.kusari.tensor+json" entry: shape, dtype, statistics over the finite
// elements, NaN/Inf counts and a float32 preview (the array seen as 2-D and subsampled).
#pragma once
#include <QJsonObject>
#include <QString>
#include <QVector>

namespace kusari::widgets {

inline constexpr const char* kTensorMime = "application/vnd.kusari.tensor+json";

struct TensorSummaryData {
  QVector<qint64> shape;
  QString dtype;
  QString device;
  double min = 0, max = 0, mean = 0, std = 0;
  qint64 nanCount = 0, infCount = 0;
  int previewRows = 0, previewCols = 0;
  QVector<float> preview;  // row-major, previewRows * previewCols (NaN/Inf kept)

  // Accepts the preview as base64 of little-endian float32 or as a JSON array of numbers.
  static TensorSummaryData fromJson(const QJsonObject& object);
  QString shapeText() const;  // "(64, 1, 28, 28)"
  qint64 elementCount() const;
};

// 4 significant digits, the way people read numbers ("0.08213", "1.235e+04").
QString formatNumber(double value);

}  // namespace kusari::widgets

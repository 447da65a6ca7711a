// A value shown in a cell's output: a MIME bundle like Jupyter's display_data.
//
// content = {"data": {"text/plain": text, "image/png": bytes, "application/x-kusari-tensor": map},
//            "transient": {"display_id": text}}
// Every bundle has text/plain; the other entries are present only when the value provides them.
// "transient" is present only for a display with an id (Jupyter's display(obj, display_id=...)):
// a later update_display_data with that id replaces the output in place.
#pragma once

#include <QByteArray>
#include <QCborMap>
#include <QList>
#include <QString>

#include <optional>

namespace kusari::protocol {

inline constexpr const char* kMimeText = "text/plain";
inline constexpr const char* kMimePng = "image/png";
inline constexpr const char* kMimeTensor = "application/x-kusari-tensor";

// What a tensor view needs to show an array without the whole array: statistics over its
// finite elements, and a small float32 preview.
struct TensorSummary {
  QList<qint64> shape;
  QString dtype;  // NumPy's name: "float32", "int64", ...
  QString device;  // "cpu", "cuda:0"; "" when unknown
  double min = 0, max = 0, mean = 0, std = 0;  // over finite elements; 0 when there are none
  qint64 nanCount = 0;
  qint64 infCount = 0;
  // The array viewed as 2-D (rows = product of the leading axes, columns = the last axis;
  // a scalar is 1x1) and subsampled with a stride per axis to at most 64x64 elements,
  // as float32 little-endian, row-major.
  QList<qint64> previewShape;
  QByteArray preview;

  QCborMap toCbor() const;
  static TensorSummary fromCbor(const QCborMap& map);
  bool operator==(const TensorSummary&) const = default;
};

struct DisplayData {
  static constexpr const char* kType = "display_data";
  QString text;
  QByteArray png;  // empty when absent
  std::optional<TensorSummary> tensor;
  QString displayId;  // empty when the display has no id

  QCborMap toCbor() const;
  static DisplayData fromCbor(const QCborMap& map);
  bool operator==(const DisplayData&) const = default;
};

// The value of a cell's last expression, as Jupyter's execute_result: a display bundle and the
// execution count of the request that produced it.
// content = {"execution_count": integer, "data": {...as display_data...}}
struct ExecuteResult {
  static constexpr const char* kType = "execute_result";
  qint64 executionCount = 0;
  DisplayData data;

  QCborMap toCbor() const;
  static ExecuteResult fromCbor(const QCborMap& map);
  bool operator==(const ExecuteResult&) const = default;
};

// The new content of every output shown with `displayId` (same fields as DisplayData; the id is
// required). Its parent is the request that sent it, which need not be the one that displayed.
struct UpdateDisplayData : DisplayData {
  static constexpr const char* kType = "update_display_data";
  static UpdateDisplayData fromCbor(const QCborMap& map);
};

}  // namespace kusari::protocol

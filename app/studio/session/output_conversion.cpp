#include "output_conversion.h"

#include <QJsonArray>

namespace kusari::studio {

namespace {
QJsonArray integers(const QList<qint64>& values) {
  QJsonArray array;
  for (qint64 v : values) array.append(v);
  return array;
}
}  // namespace

QJsonObject streamOutput(const QString& name, const QString& text) {
  return {{QStringLiteral("output_type"), QStringLiteral("stream")}, {QStringLiteral("name"), name},
          {QStringLiteral("text"), text}};
}

bool mergeStreamText(QJsonObject& last, const QString& name, const QString& text) {
  if (last.value(QLatin1StringView("output_type")).toString() != QLatin1StringView("stream") ||
      last.value(QLatin1StringView("name")).toString() != name)
    return false;
  last[QLatin1StringView("text")] = last.value(QLatin1StringView("text")).toString() + text;
  return true;
}

QJsonObject tensorJson(const protocol::TensorSummary& t) {
  return {{QStringLiteral("shape"), integers(t.shape)},
          {QStringLiteral("dtype"), t.dtype},
          {QStringLiteral("device"), t.device},
          {QStringLiteral("min"), t.min},
          {QStringLiteral("max"), t.max},
          {QStringLiteral("mean"), t.mean},
          {QStringLiteral("std"), t.std},
          {QStringLiteral("nan_count"), t.nanCount},
          {QStringLiteral("inf_count"), t.infCount},
          {QStringLiteral("preview_shape"), integers(t.previewShape)},
          {QStringLiteral("preview_dtype"), QStringLiteral("<f4")},  // float32 little-endian, row-major
          {QStringLiteral("preview"), QString::fromLatin1(t.preview.toBase64())}};
}

QJsonObject displayOutput(const protocol::DisplayData& data) {
  QJsonObject bundle{{QLatin1StringView(protocol::kMimeText), data.text}};
  // nbformat stores PNG as base64 text; Jupyter ends it with a newline.
  if (!data.png.isEmpty()) bundle[QLatin1StringView(protocol::kMimePng)] = QString::fromLatin1(data.png.toBase64()) + u'\n';
  if (data.tensor) bundle[QLatin1StringView(kTensorMime)] = tensorJson(*data.tensor);
  return {{QStringLiteral("output_type"), QStringLiteral("display_data")}, {QStringLiteral("data"), bundle},
          {QStringLiteral("metadata"), QJsonObject()}};
}

QJsonObject executeResultOutput(const protocol::ExecuteResult& result) {
  QJsonObject output = displayOutput(result.data);
  output[QLatin1StringView("output_type")] = QStringLiteral("execute_result");
  output[QLatin1StringView("execution_count")] = result.executionCount;
  return output;
}

QJsonObject errorOutput(const protocol::Error& error) {
  return {{QStringLiteral("output_type"), QStringLiteral("error")}, {QStringLiteral("ename"), error.ename},
          {QStringLiteral("evalue"), error.evalue}, {QStringLiteral("traceback"), QJsonArray::fromStringList(error.traceback)}};
}

}  // namespace kusari::studio

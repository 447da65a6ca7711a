#include "protocol/display_data.h"

#include "protocol/cbor_fields.h"

namespace kusari::protocol {

QCborMap TensorSummary::toCbor() const {
  return {{QStringLiteral("shape"), toCborArray(shape)},
          {QStringLiteral("dtype"), dtype},
          {QStringLiteral("device"), device},
          {QStringLiteral("min"), min},
          {QStringLiteral("max"), max},
          {QStringLiteral("mean"), mean},
          {QStringLiteral("std"), std},
          {QStringLiteral("nan_count"), nanCount},
          {QStringLiteral("inf_count"), infCount},
          {QStringLiteral("preview_shape"), toCborArray(previewShape)},
          {QStringLiteral("preview"), preview}};
}

TensorSummary TensorSummary::fromCbor(const QCborMap& map) {
  TensorSummary t;
  t.shape = toIntegerList(map.value(QStringLiteral("shape")));
  t.dtype = map.value(QStringLiteral("dtype")).toString();
  t.device = map.value(QStringLiteral("device")).toString();
  t.min = map.value(QStringLiteral("min")).toDouble();
  t.max = map.value(QStringLiteral("max")).toDouble();
  t.mean = map.value(QStringLiteral("mean")).toDouble();
  t.std = map.value(QStringLiteral("std")).toDouble();
  t.nanCount = map.value(QStringLiteral("nan_count")).toInteger();
  t.infCount = map.value(QStringLiteral("inf_count")).toInteger();
  t.previewShape = toIntegerList(map.value(QStringLiteral("preview_shape")));
  t.preview = map.value(QStringLiteral("preview")).toByteArray();
  return t;
}

QCborMap DisplayData::toCbor() const {
  QCborMap data;
  data.insert(QLatin1StringView(kMimeText), text);
  if (!png.isEmpty()) data.insert(QLatin1StringView(kMimePng), png);
  if (tensor) data.insert(QLatin1StringView(kMimeTensor), tensor->toCbor());
  QCborMap content{{QStringLiteral("data"), data}};
  if (!displayId.isEmpty()) content.insert(QStringLiteral("transient"), QCborMap{{QStringLiteral("display_id"), displayId}});
  return content;
}

DisplayData DisplayData::fromCbor(const QCborMap& map) {
  const QCborMap data = map.value(QStringLiteral("data")).toMap();
  DisplayData d;
  d.text = data.value(QLatin1StringView(kMimeText)).toString();
  d.png = data.value(QLatin1StringView(kMimePng)).toByteArray();
  const QCborValue tensor = data.value(QLatin1StringView(kMimeTensor));
  if (tensor.isMap()) d.tensor = TensorSummary::fromCbor(tensor.toMap());
  d.displayId = map.value(QStringLiteral("transient")).toMap().value(QStringLiteral("display_id")).toString();
  return d;
}

QCborMap ExecuteResult::toCbor() const {
  QCborMap map = data.toCbor();
  map.insert(QStringLiteral("execution_count"), executionCount);
  return map;
}

ExecuteResult ExecuteResult::fromCbor(const QCborMap& map) {
  return {map.value(QStringLiteral("execution_count")).toInteger(), DisplayData::fromCbor(map)};
}

UpdateDisplayData UpdateDisplayData::fromCbor(const QCborMap& map) {
  UpdateDisplayData u;
  static_cast<DisplayData&>(u) = DisplayData::fromCbor(map);
  return u;
}

}  // namespace kusari::protocol

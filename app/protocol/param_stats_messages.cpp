#include "protocol/param_stats_messages.h"

#include "protocol/cbor_fields.h"

#include <QCborArray>

namespace kusari::protocol {

namespace {
QString key(const char* k) { return QString::fromLatin1(k); }
}  // namespace

QCborMap ParamHistogram::toCbor() const {
  return {{key("lo"), lo}, {key("hi"), hi}, {key("counts"), toCborArray(counts)}};
}

ParamHistogram ParamHistogram::fromCbor(const QCborMap& map) {
  ParamHistogram h;
  h.lo = map.value(key("lo")).toDouble();
  h.hi = map.value(key("hi")).toDouble();
  h.counts = toIntegerList(map.value(key("counts")));
  return h;
}

QCborMap ParamLayerStats::toCbor() const {
  QCborMap map{{key("path"), path},
               {key("shape"), toCborArray(shape)},
               {key("size"), size},
               {key("data_norm"), dataNorm},
               {key("grad_norm"), gradNorm},
               {key("data_mean"), dataMean},
               {key("data_std"), dataStd},
               {key("grad_mean"), gradMean},
               {key("grad_std"), gradStd},
               {key("has_grad"), hasGrad},
               {key("nan_count"), nanCount},
               {key("inf_count"), infCount},
               {key("grad_histogram"), gradHistogram.toCbor()},
               {key("data_histogram"), dataHistogram.toCbor()}};
  if (updateRatio) map.insert(key("update_ratio"), *updateRatio);
  return map;
}

ParamLayerStats ParamLayerStats::fromCbor(const QCborMap& map) {
  ParamLayerStats s;
  s.path = map.value(key("path")).toString();
  s.shape = toIntegerList(map.value(key("shape")));
  s.size = map.value(key("size")).toInteger();
  s.dataNorm = map.value(key("data_norm")).toDouble();
  s.gradNorm = map.value(key("grad_norm")).toDouble();
  s.dataMean = map.value(key("data_mean")).toDouble();
  s.dataStd = map.value(key("data_std")).toDouble();
  s.gradMean = map.value(key("grad_mean")).toDouble();
  s.gradStd = map.value(key("grad_std")).toDouble();
  const QCborValue ratio = map.value(key("update_ratio"));
  if (ratio.isDouble() || ratio.isInteger()) s.updateRatio = ratio.toDouble();
  s.hasGrad = map.value(key("has_grad")).toBool();
  s.nanCount = map.value(key("nan_count")).toInteger();
  s.infCount = map.value(key("inf_count")).toInteger();
  s.gradHistogram = ParamHistogram::fromCbor(map.value(key("grad_histogram")).toMap());
  s.dataHistogram = ParamHistogram::fromCbor(map.value(key("data_histogram")).toMap());
  return s;
}

QCborMap ParamStats::toCbor() const {
  QCborArray list;
  for (const ParamLayerStats& l : layers) list.append(l.toCbor());
  return {{key("run"), run}, {key("iteration"), iteration}, {key("epoch"), epoch}, {key("layers"), list}};
}

ParamStats ParamStats::fromCbor(const QCborMap& map) {
  ParamStats s;
  s.run = map.value(key("run")).toString();
  s.iteration = map.value(key("iteration")).toInteger();
  s.epoch = map.value(key("epoch")).toDouble();
  for (const QCborValue& v : map.value(key("layers")).toArray()) s.layers.append(ParamLayerStats::fromCbor(v.toMap()));
  return s;
}

}  // namespace kusari::protocol

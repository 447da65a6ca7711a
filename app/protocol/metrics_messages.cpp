#include "protocol/metrics_messages.h"

#include <QCborArray>

#include <cmath>

namespace kusari::protocol {

QCborMap MetricsRun::toCbor() const {
  return {{QStringLiteral("run"), run}, {QStringLiteral("label"), label}, {QStringLiteral("cell_id"), cellId}};
}

MetricsRun MetricsRun::fromCbor(const QCborMap& map) {
  return {map.value(QStringLiteral("run")).toString(), map.value(QStringLiteral("label")).toString(),
          map.value(QStringLiteral("cell_id")).toString()};
}

QCborMap MetricPoint::toCbor() const {
  return {{QStringLiteral("run"), run},
          {QStringLiteral("name"), name},
          {QStringLiteral("iteration"), iteration},
          {QStringLiteral("epoch"), epoch},
          {QStringLiteral("value"), value}};
}

MetricPoint MetricPoint::fromCbor(const QCborMap& map) {
  MetricPoint p;
  p.run = map.value(QStringLiteral("run")).toString();
  p.name = map.value(QStringLiteral("name")).toString();
  p.iteration = map.value(QStringLiteral("iteration")).toInteger();
  p.epoch = map.value(QStringLiteral("epoch")).toDouble();
  p.value = map.value(QStringLiteral("value")).toDouble(std::nan(""));
  return p;
}

bool MetricPoint::operator==(const MetricPoint& o) const {
  const bool sameValue = value == o.value || (std::isnan(value) && std::isnan(o.value));
  return run == o.run && name == o.name && iteration == o.iteration && epoch == o.epoch && sameValue;
}

QCborMap Metrics::toCbor() const {
  QCborArray runList, pointList;
  for (const MetricsRun& r : runs) runList.append(r.toCbor());
  for (const MetricPoint& p : points) pointList.append(p.toCbor());
  return {{QStringLiteral("runs"), runList}, {QStringLiteral("points"), pointList}};
}

Metrics Metrics::fromCbor(const QCborMap& map) {
  Metrics m;
  for (const QCborValue& v : map.value(QStringLiteral("runs")).toArray()) m.runs.append(MetricsRun::fromCbor(v.toMap()));
  for (const QCborValue& v : map.value(QStringLiteral("points")).toArray()) m.points.append(MetricPoint::fromCbor(v.toMap()));
  return m;
}

}  // namespace kusari::protocol

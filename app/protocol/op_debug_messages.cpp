#include "protocol/op_debug_messages.h"

#include <QCborArray>

#include "protocol/cbor_fields.h"

namespace kusari::protocol {

QCborMap SetOpBreakpointsRequest::toCbor() const {
  return {{QStringLiteral("ops"), toCborArray(ops)},
          {QStringLiteral("links"), toCborArray(links)},
          {QStringLiteral("nan_watch"), nanWatch},
          {QStringLiteral("record_graph"), recordGraph}};
}
SetOpBreakpointsRequest SetOpBreakpointsRequest::fromCbor(const QCborMap& map) {
  return {toStringList(map.value(QStringLiteral("ops"))), toStringList(map.value(QStringLiteral("links"))),
          map.value(QStringLiteral("nan_watch")).toBool(), map.value(QStringLiteral("record_graph")).toBool()};
}

QCborMap SetOpBreakpointsReply::toCbor() const { return {{QStringLiteral("error"), error}}; }
SetOpBreakpointsReply SetOpBreakpointsReply::fromCbor(const QCborMap& map) {
  return {map.value(QStringLiteral("error")).toString()};
}

QCborMap GraphEvents::toCbor() const {
  QCborArray array;
  for (const QCborMap& event : events) array.append(event);
  return {{QStringLiteral("events"), array}};
}
GraphEvents GraphEvents::fromCbor(const QCborMap& map) {
  GraphEvents g;
  for (const QCborValue& v : map.value(QStringLiteral("events")).toArray())
    if (v.isMap()) g.events.append(v.toMap());
  return g;
}

}  // namespace kusari::protocol

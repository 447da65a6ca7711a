#include "protocol/introspection_messages.h"

#include "protocol/cbor_fields.h"

namespace kusari::protocol {

QCborMap CompleteRequest::toCbor() const {
  return {{QStringLiteral("code"), code}, {QStringLiteral("cursor_pos"), cursorPos}};
}
CompleteRequest CompleteRequest::fromCbor(const QCborMap& map) {
  return {map.value(QStringLiteral("code")).toString(), map.value(QStringLiteral("cursor_pos")).toInteger()};
}

QCborMap CompleteReply::toCbor() const {
  return {{QStringLiteral("matches"), toCborArray(matches)},
          {QStringLiteral("cursor_start"), cursorStart},
          {QStringLiteral("cursor_end"), cursorEnd}};
}
CompleteReply CompleteReply::fromCbor(const QCborMap& map) {
  return {toStringList(map.value(QStringLiteral("matches"))), map.value(QStringLiteral("cursor_start")).toInteger(),
          map.value(QStringLiteral("cursor_end")).toInteger()};
}

QCborMap InspectRequest::toCbor() const {
  return {{QStringLiteral("code"), code}, {QStringLiteral("cursor_pos"), cursorPos}};
}
InspectRequest InspectRequest::fromCbor(const QCborMap& map) {
  return {map.value(QStringLiteral("code")).toString(), map.value(QStringLiteral("cursor_pos")).toInteger()};
}

QCborMap InspectReply::toCbor() const {
  return {{QStringLiteral("found"), found},
          {QStringLiteral("name"), name},
          {QStringLiteral("type_name"), typeName},
          {QStringLiteral("signature"), signature},
          {QStringLiteral("docstring"), docstring}};
}
InspectReply InspectReply::fromCbor(const QCborMap& map) {
  InspectReply r;
  r.found = map.value(QStringLiteral("found")).toBool();
  r.name = map.value(QStringLiteral("name")).toString();
  r.typeName = map.value(QStringLiteral("type_name")).toString();
  r.signature = map.value(QStringLiteral("signature")).toString();
  r.docstring = map.value(QStringLiteral("docstring")).toString();
  return r;
}

}  // namespace kusari::protocol

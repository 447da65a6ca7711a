#include "protocol/message.h"

#include <QtEndian>

namespace kusari::protocol {

QCborMap Message::toCbor() const {
  QCborMap map;
  map.insert(QStringLiteral("v"), version);
  map.insert(QStringLiteral("type"), type);
  map.insert(QStringLiteral("id"), id);
  map.insert(QStringLiteral("parent"), parent);
  map.insert(QStringLiteral("content"), content);
  return map;
}

std::optional<Message> Message::fromCbor(const QCborValue& value, QString* error) {
  auto fail = [&](const QString& why) -> std::optional<Message> {
    if (error) *error = why;
    return std::nullopt;
  };
  if (!value.isMap()) return fail(QStringLiteral("message is not a CBOR map"));
  const QCborMap map = value.toMap();
  const QCborValue v = map.value(QStringLiteral("v"));
  if (!v.isInteger()) return fail(QStringLiteral("message has no integer protocol version \"v\""));
  if (v.toInteger() != kProtocolVersion)
    return fail(QStringLiteral("unsupported protocol version %1 (this side speaks %2)").arg(v.toInteger()).arg(kProtocolVersion));
  const QCborValue type = map.value(QStringLiteral("type"));
  if (!type.isString() || type.toString().isEmpty()) return fail(QStringLiteral("message has no \"type\""));
  const QCborValue content = map.value(QStringLiteral("content"));
  if (!content.isMap() && !content.isUndefined()) return fail(QStringLiteral("message \"content\" is not a map"));
  Message m;
  m.version = int(v.toInteger());
  m.type = type.toString();
  m.id = map.value(QStringLiteral("id")).toString();
  m.parent = map.value(QStringLiteral("parent")).toString();
  m.content = content.toMap();
  return m;
}

QByteArray encodeFrame(const Message& message) {
  const QByteArray payload = message.toCbor().toCborValue().toCbor();
  QByteArray frame(4, Qt::Uninitialized);
  qToBigEndian<quint32>(quint32(payload.size()), frame.data());
  frame.append(payload);
  return frame;
}

}  // namespace kusari::protocol

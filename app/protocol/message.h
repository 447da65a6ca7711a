// The envelope every kernel message travels in, and its frame on the wire.
//
// Frame: a 4-byte big-endian length N, then N bytes holding one CBOR map
//   {"v": version, "type": text, "id": text, "parent": text, "content": map}.
// "parent" is the id of the request a message answers or belongs to (empty for none).
#pragma once

#include <QByteArray>
#include <QCborMap>
#include <QCborValue>
#include <QString>

#include <optional>

namespace kusari::protocol {

inline constexpr int kProtocolVersion = 1;

struct Message {
  int version = kProtocolVersion;
  QString type;
  QString id;
  QString parent;
  QCborMap content;

  QCborMap toCbor() const;
  // nullopt (and *error set) when the value is not a well-formed envelope.
  static std::optional<Message> fromCbor(const QCborValue& value, QString* error = nullptr);

  // A message carrying a typed body (any struct with kType and toCbor()).
  template <class Body>
  static Message make(const Body& body, const QString& id, const QString& parent = {}) {
    return Message{kProtocolVersion, QString::fromLatin1(Body::kType), id, parent, body.toCbor()};
  }
  template <class Body>
  bool is() const { return type == QLatin1StringView(Body::kType); }
  template <class Body>
  Body body() const { return Body::fromCbor(content); }

  bool operator==(const Message&) const = default;
};

// The length-prefixed frame of a message, ready to write to a socket.
QByteArray encodeFrame(const Message& message);

}  // namespace kusari::protocol

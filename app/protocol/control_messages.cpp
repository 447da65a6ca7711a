#include "protocol/control_messages.h"

namespace kusari::protocol {

QCborMap KernelInfoReply::toCbor() const {
  return {{QStringLiteral("protocol_version"), protocolVersion},
          {QStringLiteral("implementation"), implementation},
          {QStringLiteral("implementation_version"), implementationVersion},
          {QStringLiteral("language"), QStringLiteral("python")},
          {QStringLiteral("language_version"), languageVersion},
          {QStringLiteral("kusari_available"), kusariAvailable}};
}

KernelInfoReply KernelInfoReply::fromCbor(const QCborMap& map) {
  KernelInfoReply r;
  r.protocolVersion = int(map.value(QStringLiteral("protocol_version")).toInteger());
  r.implementation = map.value(QStringLiteral("implementation")).toString();
  r.implementationVersion = map.value(QStringLiteral("implementation_version")).toString();
  r.languageVersion = map.value(QStringLiteral("language_version")).toString();
  r.kusariAvailable = map.value(QStringLiteral("kusari_available")).toBool();
  return r;
}

QCborMap ShutdownRequest::toCbor() const { return {{QStringLiteral("restart"), restart}}; }
ShutdownRequest ShutdownRequest::fromCbor(const QCborMap& map) {
  return {map.value(QStringLiteral("restart")).toBool()};
}

QCborMap ShutdownReply::toCbor() const { return {{QStringLiteral("restart"), restart}}; }
ShutdownReply ShutdownReply::fromCbor(const QCborMap& map) {
  return {map.value(QStringLiteral("restart")).toBool()};
}

}  // namespace kusari::protocol

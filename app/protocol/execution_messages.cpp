#include "protocol/execution_messages.h"

#include "protocol/cbor_fields.h"

namespace kusari::protocol {

QCborMap ExecuteRequest::toCbor() const {
  return {{QStringLiteral("code"), code}, {QStringLiteral("cell_id"), cellId}, {QStringLiteral("silent"), silent}};
}

ExecuteRequest ExecuteRequest::fromCbor(const QCborMap& map) {
  return {map.value(QStringLiteral("code")).toString(), map.value(QStringLiteral("cell_id")).toString(),
          map.value(QStringLiteral("silent")).toBool()};
}

QCborMap ExecuteReply::toCbor() const {
  return {{QStringLiteral("status"), status}, {QStringLiteral("execution_count"), executionCount}};
}

ExecuteReply ExecuteReply::fromCbor(const QCborMap& map) {
  return {map.value(QStringLiteral("status")).toString(), map.value(QStringLiteral("execution_count")).toInteger()};
}

QCborMap Status::toCbor() const { return {{QStringLiteral("execution_state"), executionState}}; }
Status Status::fromCbor(const QCborMap& map) { return {map.value(QStringLiteral("execution_state")).toString()}; }

QCborMap Stream::toCbor() const { return {{QStringLiteral("name"), name}, {QStringLiteral("text"), text}}; }
Stream Stream::fromCbor(const QCborMap& map) {
  return {map.value(QStringLiteral("name")).toString(), map.value(QStringLiteral("text")).toString()};
}

QCborMap Error::toCbor() const {
  return {{QStringLiteral("ename"), ename},
          {QStringLiteral("evalue"), evalue},
          {QStringLiteral("traceback"), toCborArray(traceback)},
          {QStringLiteral("cell_id"), cellId},
          {QStringLiteral("line"), line}};
}

Error Error::fromCbor(const QCborMap& map) {
  Error e;
  e.ename = map.value(QStringLiteral("ename")).toString();
  e.evalue = map.value(QStringLiteral("evalue")).toString();
  e.traceback = toStringList(map.value(QStringLiteral("traceback")));
  e.cellId = map.value(QStringLiteral("cell_id")).toString();
  e.line = map.value(QStringLiteral("line")).toInteger(-1);
  return e;
}

}  // namespace kusari::protocol

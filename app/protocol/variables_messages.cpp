#include "protocol/variables_messages.h"

#include <QCborArray>

#include "protocol/cbor_fields.h"

namespace kusari::protocol {

QCborMap VariableInfo::toCbor() const {
  QCborMap map{{QStringLiteral("name"), name},
               {QStringLiteral("type_name"), typeName},
               {QStringLiteral("shape"), toCborArray(shape)},
               {QStringLiteral("dtype"), dtype},
               {QStringLiteral("repr"), repr}};
  if (hasStats) {  // absent rather than zero: "no statistics" is not "all zeros"
    map.insert(QStringLiteral("min"), min);
    map.insert(QStringLiteral("mean"), mean);
    map.insert(QStringLiteral("max"), max);
  }
  return map;
}

VariableInfo VariableInfo::fromCbor(const QCborMap& map) {
  VariableInfo v;
  v.name = map.value(QStringLiteral("name")).toString();
  v.typeName = map.value(QStringLiteral("type_name")).toString();
  v.shape = toIntegerList(map.value(QStringLiteral("shape")));
  v.dtype = map.value(QStringLiteral("dtype")).toString();
  v.repr = map.value(QStringLiteral("repr")).toString();
  v.hasStats = map.contains(QStringLiteral("min"));
  if (v.hasStats) {
    v.min = map.value(QStringLiteral("min")).toDouble();
    v.mean = map.value(QStringLiteral("mean")).toDouble();
    v.max = map.value(QStringLiteral("max")).toDouble();
  }
  return v;
}

QCborMap VariablesReply::toCbor() const {
  QCborArray list;
  for (const VariableInfo& v : variables) list.append(v.toCbor());
  return {{QStringLiteral("variables"), list}};
}

VariablesReply VariablesReply::fromCbor(const QCborMap& map) {
  VariablesReply reply;
  for (const QCborValue& v : map.value(QStringLiteral("variables")).toArray()) reply.variables.append(VariableInfo::fromCbor(v.toMap()));
  return reply;
}

}  // namespace kusari::protocol

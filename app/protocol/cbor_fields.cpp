#include "protocol/cbor_fields.h"

namespace kusari::protocol {

QCborArray toCborArray(const QStringList& strings) {
  QCborArray array;
  for (const QString& s : strings) array.append(s);
  return array;
}

QCborArray toCborArray(const QList<qint64>& integers) {
  QCborArray array;
  for (qint64 i : integers) array.append(i);
  return array;
}

QStringList toStringList(const QCborValue& value) {
  QStringList strings;
  for (const QCborValue& v : value.toArray()) strings.append(v.toString());
  return strings;
}

QList<qint64> toIntegerList(const QCborValue& value) {
  QList<qint64> integers;
  for (const QCborValue& v : value.toArray()) integers.append(v.toInteger());
  return integers;
}

}  // namespace kusari::protocol

// Conversions between CBOR arrays and the Qt lists the message structs hold.
#pragma once

#include <QCborArray>
#include <QList>
#include <QStringList>

namespace kusari::protocol {

QCborArray toCborArray(const QStringList& strings);
QCborArray toCborArray(const QList<qint64>& integers);
// Lenient: entries of the wrong kind become "" / 0, a non-array becomes an empty list.
QStringList toStringList(const QCborValue& value);
QList<qint64> toIntegerList(const QCborValue& value);

}  // namespace kusari::protocol

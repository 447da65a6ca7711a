// Type checks on notebook JSON that fail with an IpynbError naming the place ("cell 3") and
// the key, and saying what was expected and what was found.
#pragma once
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace kusari::studio {

QString describeJsonType(const QJsonValue& value);  // "a list", "a string", "null", ...

[[noreturn]] void throwInvalid(const QString& where, const QString& problem);
// `where`'s `key` must be present and a string / an object (or absent, when optional).
QString requireString(const QJsonObject& object, const QString& key, const QString& where);
QString optionalString(const QJsonObject& object, const QString& key, const QString& where);
QJsonObject optionalObject(const QJsonObject& object, const QString& key, const QString& where);
// A string or a list of strings, joined.
QString requireMultiline(const QJsonObject& object, const QString& key, const QString& where);

}  // namespace kusari::studio

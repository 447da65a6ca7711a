#include "json_checks.h"

#include "ipynb/ipynb_error.h"
#include "ipynb/multiline_text.h"

namespace kusari::studio {

QString describeJsonType(const QJsonValue& v) {
  switch (v.type()) {
    case QJsonValue::Array: return QStringLiteral("a list");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Object: return QStringLiteral("an object");
    default: return QStringLiteral("missing");
  }
}

void throwInvalid(const QString& where, const QString& problem) {
  throw IpynbError(IpynbError::Kind::InvalidContent, where + QStringLiteral(": ") + problem);
}

QString requireString(const QJsonObject& object, const QString& key, const QString& where) {
  const QJsonValue v = object.value(key);
  if (v.isUndefined()) throwInvalid(where, QStringLiteral("'%1' is missing").arg(key));
  if (!v.isString()) throwInvalid(where, QStringLiteral("'%1' must be a string, not %2").arg(key, describeJsonType(v)));
  return v.toString();
}

QString optionalString(const QJsonObject& object, const QString& key, const QString& where) {
  return object.contains(key) ? requireString(object, key, where) : QString();
}

QJsonObject optionalObject(const QJsonObject& object, const QString& key, const QString& where) {
  const QJsonValue v = object.value(key);
  if (v.isUndefined()) return {};
  if (!v.isObject()) throwInvalid(where, QStringLiteral("'%1' must be an object, not %2").arg(key, describeJsonType(v)));
  return v.toObject();
}

QString requireMultiline(const QJsonObject& object, const QString& key, const QString& where) {
  const QJsonValue v = object.value(key);
  if (v.isUndefined()) throwInvalid(where, QStringLiteral("'%1' is missing").arg(key));
  const auto text = joinMultiline(v);
  if (!text) throwInvalid(where, QStringLiteral("'%1' must be a string or a list of strings").arg(key));
  return *text;
}

}  // namespace kusari::studio

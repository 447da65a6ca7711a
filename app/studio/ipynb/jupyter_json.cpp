#include "jupyter_json.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QVariant>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace kusari::studio {

namespace {

// Python's json escapes only these with ensure_ascii=False; everything else is written as is.
const char* escapeFor(char16_t u) {
  switch (u) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    case '\b': return "\\b";
    case '\f': return "\\f";
    default: return nullptr;
  }
}

void appendString(QByteArray& out, const QString& s) {
  out += '"';
  qsizetype runStart = 0;  // unescaped runs are converted whole, so surrogate pairs stay intact
  for (qsizetype i = 0; i < s.size(); ++i) {
    const char16_t u = s[i].unicode();
    if (u >= 0x20 && u != '"' && u != '\\') continue;
    out += QStringView(s).mid(runStart, i - runStart).toUtf8();
    runStart = i + 1;
    if (const char* escape = escapeFor(u)) {
      out += escape;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(u));
      out += buf;
    }
  }
  out += QStringView(s).mid(runStart).toUtf8();
  out += '"';
}

// Python sorts keys by code point; QString's operator< compares UTF-16 units, which differs
// only above the surrogate range, but the cost of doing it right is small.
QStringList sortedKeys(const QJsonObject& object) {
  QStringList keys = object.keys();
  std::sort(keys.begin(), keys.end(), [](const QString& a, const QString& b) { return a.toUcs4() < b.toUcs4(); });
  return keys;
}

void appendValue(QByteArray& out, const QJsonValue& value, int depth) {
  const QByteArray indent(depth + 1, ' ');
  const QByteArray closing(depth, ' ');
  switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: out += "null"; break;
    case QJsonValue::Bool: out += value.toBool() ? "true" : "false"; break;
    case QJsonValue::Double: {
      const QVariant v = value.toVariant();  // integers read from JSON stay integers
      if (v.typeId() == QMetaType::LongLong) out += QByteArray::number(v.toLongLong());
      else out += pythonFloatRepr(value.toDouble());
      break;
    }
    case QJsonValue::String: appendString(out, value.toString()); break;
    case QJsonValue::Array: {
      const QJsonArray array = value.toArray();
      if (array.isEmpty()) { out += "[]"; break; }
      out += "[\n";
      for (qsizetype i = 0; i < array.size(); ++i) {
        out += indent;
        appendValue(out, array.at(i), depth + 1);
        out += i + 1 < array.size() ? ",\n" : "\n";
      }
      out += closing + ']';
      break;
    }
    case QJsonValue::Object: {
      const QJsonObject object = value.toObject();
      if (object.isEmpty()) { out += "{}"; break; }
      out += "{\n";
      const QStringList keys = sortedKeys(object);
      for (qsizetype i = 0; i < keys.size(); ++i) {
        out += indent;
        appendString(out, keys[i]);
        out += ": ";
        appendValue(out, object.value(keys[i]), depth + 1);
        out += i + 1 < keys.size() ? ",\n" : "\n";
      }
      out += closing + '}';
      break;
    }
  }
}

}  // namespace

QByteArray pythonFloatRepr(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  const std::string sci(buf, result.ptr);  // "-1.2345e+06": shortest round-trip digits
  const bool negative = sci[0] == '-';
  const size_t e = sci.find('e');
  std::string digits;
  for (size_t i = negative ? 1 : 0; i < e; ++i)
    if (sci[i] != '.') digits += sci[i];
  const int exponent = std::atoi(sci.c_str() + e + 1);
  const int decpt = exponent + 1;  // value = 0.DIGITS * 10^decpt
  std::string text = negative ? "-" : "";
  if (decpt <= -4 || decpt > 16) {  // Python's repr switches to exponent notation here
    text.push_back(digits.front());
    if (digits.size() > 1) text.append(".").append(digits, 1);
    char exp[16];
    std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    text.append(exp);
  } else if (decpt <= 0) {
    text.append("0.").append(static_cast<size_t>(-decpt), '0').append(digits);
  } else if (static_cast<size_t>(decpt) >= digits.size()) {
    text.append(digits).append(decpt - digits.size(), '0').append(".0");
  } else {
    text.append(digits, 0, decpt).append(".").append(digits, decpt);
  }
  return QByteArray::fromStdString(text);
}

QByteArray toJupyterJson(const QJsonValue& value) {
  QByteArray out;
  appendValue(out, value, 0);
  return out;
}

}  // namespace kusari::studio

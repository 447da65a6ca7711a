#include "multiline_text.h"

namespace kusari::studio {

namespace {
bool isLineBreak(char16_t c) {
  switch (c) {
    case 0x0a: case 0x0b: case 0x0c: case 0x0d: case 0x1c: case 0x1d: case 0x1e:
    case 0x85: case 0x2028: case 0x2029: return true;
    default: return false;
  }
}
}  // namespace

QStringList splitLinesKeepEnds(const QString& text) {
  QStringList lines;
  qsizetype start = 0;
  for (qsizetype i = 0; i < text.size(); ++i) {
    const char16_t c = text[i].unicode();
    if (!isLineBreak(c)) continue;
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == u'\n') ++i;
    lines << text.mid(start, i + 1 - start);
    start = i + 1;
  }
  if (start < text.size()) lines << text.mid(start);
  return lines;
}

QJsonArray toLineArray(const QString& text) { return QJsonArray::fromStringList(splitLinesKeepEnds(text)); }

std::optional<QString> joinMultiline(const QJsonValue& value) {
  if (value.isString()) return value.toString();
  if (!value.isArray()) return std::nullopt;
  QString joined;
  for (const QJsonValue& line : value.toArray()) {
    if (!line.isString()) return std::nullopt;
    joined += line.toString();
  }
  return joined;
}

bool isJsonMime(const QString& mime) {
  return mime == QLatin1StringView("application/json") || mime.endsWith(QLatin1StringView("+json"));
}

QJsonObject joinMimeBundle(const QJsonObject& bundle) {
  QJsonObject joined = bundle;
  for (auto it = bundle.begin(); it != bundle.end(); ++it) {
    if (isJsonMime(it.key()) || !it.value().isArray()) continue;
    if (const auto text = joinMultiline(it.value())) joined[it.key()] = *text;
  }
  return joined;
}

QJsonObject splitMimeBundle(const QJsonObject& bundle) {
  QJsonObject split = bundle;
  for (auto it = bundle.begin(); it != bundle.end(); ++it) {
    const QString& mime = it.key();
    const bool textual = mime.startsWith(QLatin1StringView("text/")) ||
                         mime == QLatin1StringView("application/javascript") ||
                         mime == QLatin1StringView("image/svg+xml");
    if (textual && it.value().isString()) split[mime] = toLineArray(it.value().toString());
  }
  return split;
}

}  // namespace kusari::studio

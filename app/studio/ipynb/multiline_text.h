// nbformat's "multiline strings": a string, or a list of lines each keeping its newline.
// Read side joins them (nbformat's rejoin_lines); write side splits them the way nbformat's
// split_lines does, so the files diff line by line.
#pragma once
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <optional>

namespace kusari::studio {

// Python's str.splitlines(keepends=True): \n, \r\n, \r and the other Unicode line breaks.
QStringList splitLinesKeepEnds(const QString& text);
QJsonArray toLineArray(const QString& text);

// A string or a list of strings, joined; nullopt for anything else.
std::optional<QString> joinMultiline(const QJsonValue& value);

// application/json and */*+json hold JSON values, never multiline text.
bool isJsonMime(const QString& mime);
// Lists of strings under non-JSON MIME types joined into one string.
QJsonObject joinMimeBundle(const QJsonObject& bundle);
// Strings under text/*, application/javascript and image/svg+xml split into lines.
QJsonObject splitMimeBundle(const QJsonObject& bundle);

}  // namespace kusari::studio

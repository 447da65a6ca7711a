#include "ipynb_reader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include "ipynb/json_checks.h"

namespace kusari::studio {

namespace {

using Kind = IpynbError::Kind;

[[noreturn]] void throwParseError(const QByteArray& bytes, const QJsonParseError& error) {
  // Qt reports the offset just past the character it choked on.
  const qsizetype offset = std::clamp<qsizetype>(error.offset - 1, 0, bytes.size());
  const qsizetype lineStart = offset > 0 ? bytes.lastIndexOf('\n', offset - 1) + 1 : 0;
  const int line = static_cast<int>(bytes.left(offset).count('\n')) + 1;
  const int column = static_cast<int>(QString::fromUtf8(bytes.mid(lineStart, offset - lineStart)).size()) + 1;
  throw IpynbError(Kind::NotJson,
                   QStringLiteral("not valid JSON at line %1, column %2: %3").arg(line).arg(column).arg(error.errorString()),
                   line, column);
}

}  // namespace

NotebookContent parseIpynb(const QByteArray& bytes) {
  if (bytes.trimmed().isEmpty()) throw IpynbError(Kind::NotJson, QStringLiteral("the file is empty"), 1, 1);
  QJsonParseError parseError;
  const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
  if (parseError.error != QJsonParseError::NoError) throwParseError(bytes, parseError);
  if (!document.isObject())
    throw IpynbError(Kind::NotNotebook, QStringLiteral("not a notebook: the top level is a JSON list, not an object"));
  const QJsonObject root = document.object();

  const QJsonValue format = root.value(QLatin1StringView("nbformat"));
  if (format.isUndefined())
    throw IpynbError(Kind::NotNotebook, QStringLiteral("not a notebook: there is no 'nbformat' key"));
  if (!format.isDouble() || format.toDouble() != format.toInt())
    throw IpynbError(Kind::InvalidContent, QStringLiteral("'nbformat' must be an integer, not %1").arg(describeJsonType(format)));
  if (format.toInt() != 4)
    throw IpynbError(Kind::UnsupportedVersion,
                     QStringLiteral("nbformat %1 notebooks are not supported, only nbformat 4; convert it with "
                                    "`jupyter nbconvert --to notebook --nbformat 4`").arg(format.toInt()));
  const QJsonValue minor = root.value(QLatin1StringView("nbformat_minor"));
  if (!minor.isUndefined() && !minor.isDouble())
    throw IpynbError(Kind::InvalidContent, QStringLiteral("'nbformat_minor' must be an integer, not %1").arg(describeJsonType(minor)));

  NotebookContent content;
  const QJsonValue metadata = root.value(QLatin1StringView("metadata"));
  if (!metadata.isUndefined() && !metadata.isObject())
    throw IpynbError(Kind::InvalidContent, QStringLiteral("'metadata' must be an object, not %1").arg(describeJsonType(metadata)));
  content.metadata = metadata.toObject();

  const QJsonValue cells = root.value(QLatin1StringView("cells"));
  if (cells.isUndefined()) throw IpynbError(Kind::NotNotebook, QStringLiteral("not a notebook: there is no 'cells' list"));
  if (!cells.isArray())
    throw IpynbError(Kind::InvalidContent, QStringLiteral("'cells' must be a list, not %1").arg(describeJsonType(cells)));
  const QJsonArray cellArray = cells.toArray();
  for (qsizetype i = 0; i < cellArray.size(); ++i) {
    Cell cell = parseCell(cellArray.at(i), static_cast<int>(i) + 1);
    if (cell.id.isEmpty()) content.upgraded = true;
    content.cells.append(std::move(cell));
  }
  // 4.0-4.4 notebooks become 4.5 (cell ids); a newer minor is kept, as nbformat does.
  content.nbformatMinor = std::max(5, minor.toInt(0));
  return content;
}

void loadIpynb(const QByteArray& bytes, Notebook& notebook) {
  NotebookContent content = parseIpynb(bytes);
  while (notebook.cellCount() > 0) notebook.removeCell(notebook.cellCount() - 1);
  for (Cell& cell : content.cells) notebook.insertCell(notebook.cellCount(), std::move(cell));
  notebook.setMetadata(content.metadata);
  notebook.setNbformatMinor(content.nbformatMinor);
  notebook.setModified(false);
}

void loadIpynbFile(const QString& path, Notebook& notebook) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    throw IpynbError(Kind::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
  loadIpynb(file.readAll(), notebook);
}

}  // namespace kusari::studio

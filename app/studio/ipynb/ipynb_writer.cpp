#include "ipynb_writer.h"

#include <QJsonArray>
#include <QSaveFile>

#include "ipynb/jupyter_json.h"
#include "ipynb/multiline_text.h"
#include "session/progress_record.h"

namespace kusari::studio {

namespace {

QString cellTypeName(CellType type) {
  switch (type) {
    case CellType::Code: return QStringLiteral("code");
    case CellType::Markdown: return QStringLiteral("markdown");
    case CellType::Raw: return QStringLiteral("raw");
  }
  return {};
}

// nbformat's split_lines and strip_transient, for the output types it knows. Stream text loses
// kusari's progress records (the plain '\r' bar line they announce stays).
QJsonObject outputToJson(QJsonObject output) {
  const QString type = output.value(QLatin1StringView("output_type")).toString();
  if (type == QLatin1StringView("stream")) {
    const QJsonValue text = output.value(QLatin1StringView("text"));
    if (text.isString()) output[QLatin1StringView("text")] = toLineArray(stripProgressRecords(text.toString()));
  } else if (type == QLatin1StringView("display_data") || type == QLatin1StringView("execute_result")) {
    output[QLatin1StringView("data")] = splitMimeBundle(output.value(QLatin1StringView("data")).toObject());
    output.remove(QLatin1StringView("transient"));
  }
  return output;
}

}  // namespace

QJsonObject cellToJson(const Cell& cell) {
  QJsonObject object = cell.extra;
  object[QLatin1StringView("cell_type")] = cellTypeName(cell.type);
  object[QLatin1StringView("id")] = cell.id;
  object[QLatin1StringView("metadata")] = cell.metadata;
  object[QLatin1StringView("source")] = toLineArray(cell.source);
  if (cell.type == CellType::Code) {
    object[QLatin1StringView("execution_count")] =
        cell.executionCount ? QJsonValue(*cell.executionCount) : QJsonValue(QJsonValue::Null);
    QJsonArray outputs;
    for (const QJsonObject& output : cell.outputs) outputs.append(outputToJson(output));
    object[QLatin1StringView("outputs")] = outputs;
  }
  QJsonValue attachments = object.value(QLatin1StringView("attachments"));
  if (attachments.isObject()) {
    QJsonObject split = attachments.toObject();
    for (auto it = split.begin(); it != split.end(); ++it)
      if (it.value().isObject()) it.value() = splitMimeBundle(it.value().toObject());
    object[QLatin1StringView("attachments")] = split;
  }
  return object;
}

QJsonObject notebookToJson(const Notebook& notebook) {
  QJsonArray cells;
  for (const Cell& cell : notebook.cells()) cells.append(cellToJson(cell));
  QJsonObject metadata = notebook.metadata();
  metadata.remove(QLatin1StringView("orig_nbformat"));  // transient, as nbformat strips it
  metadata.remove(QLatin1StringView("orig_nbformat_minor"));
  return {{QStringLiteral("cells"), cells},
          {QStringLiteral("metadata"), metadata},
          {QStringLiteral("nbformat"), 4},
          {QStringLiteral("nbformat_minor"), notebook.nbformatMinor()}};
}

QByteArray serializeIpynb(const Notebook& notebook) { return toJupyterJson(notebookToJson(notebook)) + '\n'; }

void saveIpynbFile(const QString& path, const Notebook& notebook) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly))
    throw IpynbError(IpynbError::Kind::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
  const QByteArray bytes = serializeIpynb(notebook);
  if (file.write(bytes) != bytes.size() || !file.commit())
    throw IpynbError(IpynbError::Kind::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
}

}  // namespace kusari::studio

// parseCell: one cell object of an nbformat 4 notebook, with its outputs.
#include <QJsonArray>
#include <QRegularExpression>

#include "ipynb/ipynb_reader.h"
#include "ipynb/json_checks.h"
#include "ipynb/multiline_text.h"

namespace kusari::studio {

namespace {

const QRegularExpression& cellIdPattern() {  // nbformat 4.5's schema
  static const QRegularExpression pattern(QStringLiteral("^[a-zA-Z0-9_-]{1,64}$"));
  return pattern;
}

std::optional<int> executionCount(const QJsonObject& object, const QString& where) {
  const QJsonValue v = object.value(QLatin1StringView("execution_count"));
  if (v.isUndefined() || v.isNull()) return std::nullopt;
  if (!v.isDouble() || v.toDouble() != v.toInt())
    throwInvalid(where, QStringLiteral("'execution_count' must be an integer or null, not %1").arg(describeJsonType(v)));
  return v.toInt();
}

// Known output types get their multiline fields joined; unknown ones are kept untouched.
QJsonObject parseOutput(const QJsonValue& value, const QString& where) {
  if (!value.isObject()) throwInvalid(where, QStringLiteral("an output must be an object, not %1").arg(describeJsonType(value)));
  QJsonObject output = value.toObject();
  const QString type = requireString(output, QStringLiteral("output_type"), where);
  if (type == QLatin1StringView("stream")) {
    requireString(output, QStringLiteral("name"), where);
    output[QLatin1StringView("text")] = requireMultiline(output, QStringLiteral("text"), where);
  } else if (type == QLatin1StringView("display_data") || type == QLatin1StringView("execute_result")) {
    const QJsonValue data = output.value(QLatin1StringView("data"));
    if (!data.isObject()) throwInvalid(where, QStringLiteral("'data' must be an object, not %1").arg(describeJsonType(data)));
    output[QLatin1StringView("data")] = joinMimeBundle(data.toObject());
    output[QLatin1StringView("metadata")] = optionalObject(output, QStringLiteral("metadata"), where);
    if (type == QLatin1StringView("execute_result")) {
      const std::optional<int> count = executionCount(output, where);
      output[QLatin1StringView("execution_count")] = count ? QJsonValue(*count) : QJsonValue(QJsonValue::Null);
    }
  } else if (type == QLatin1StringView("error")) {
    requireString(output, QStringLiteral("ename"), where);
    requireString(output, QStringLiteral("evalue"), where);
    const QJsonValue tb = output.value(QLatin1StringView("traceback"));
    bool ok = tb.isArray();
    for (const QJsonValue& line : tb.toArray()) ok = ok && line.isString();
    if (!ok) throwInvalid(where, QStringLiteral("'traceback' must be a list of strings"));
  }
  return output;
}

CellType parseCellType(const QJsonObject& object, const QString& where) {
  const QString type = requireString(object, QStringLiteral("cell_type"), where);
  if (type == QLatin1StringView("code")) return CellType::Code;
  if (type == QLatin1StringView("markdown")) return CellType::Markdown;
  if (type == QLatin1StringView("raw")) return CellType::Raw;
  throwInvalid(where, QStringLiteral("unknown cell_type '%1' (expected code, markdown or raw)").arg(type));
}

}  // namespace

Cell parseCell(const QJsonValue& value, int number) {
  const QString where = QStringLiteral("cell %1").arg(number);
  if (!value.isObject()) throwInvalid(where, QStringLiteral("a cell must be an object, not %1").arg(describeJsonType(value)));
  QJsonObject object = value.toObject();
  Cell cell;
  cell.type = parseCellType(object, where);
  cell.source = requireMultiline(object, QStringLiteral("source"), where);
  cell.metadata = optionalObject(object, QStringLiteral("metadata"), where);
  cell.id = optionalString(object, QStringLiteral("id"), where);
  if (object.contains(QLatin1StringView("id")) && !cellIdPattern().match(cell.id).hasMatch())
    throwInvalid(where, QStringLiteral("'id' must be 1 to 64 letters, digits, '-' or '_', not '%1'").arg(cell.id));
  for (const char* key : {"cell_type", "source", "metadata", "id"}) object.remove(QLatin1StringView(key));

  if (cell.type == CellType::Code) {
    cell.executionCount = executionCount(object, where);
    const QJsonValue outputs = object.value(QLatin1StringView("outputs"));
    if (!outputs.isUndefined() && !outputs.isArray())
      throwInvalid(where, QStringLiteral("'outputs' must be a list, not %1").arg(describeJsonType(outputs)));
    const QJsonArray list = outputs.toArray();
    for (qsizetype i = 0; i < list.size(); ++i)
      cell.outputs.append(parseOutput(list.at(i), QStringLiteral("%1, output %2").arg(where).arg(i + 1)));
    object.remove(QLatin1StringView("execution_count"));
    object.remove(QLatin1StringView("outputs"));
  }
  const QJsonValue attachments = object.value(QLatin1StringView("attachments"));
  if (attachments.isObject()) {  // each attachment is a MIME bundle, split like outputs
    QJsonObject joined = attachments.toObject();
    for (auto it = joined.begin(); it != joined.end(); ++it)
      if (it.value().isObject()) it.value() = joinMimeBundle(it.value().toObject());
    object[QLatin1StringView("attachments")] = joined;
  }
  cell.extra = object;
  return cell;
}

}  // namespace kusari::studio

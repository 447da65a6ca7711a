// A minimal nbformat 4 reader/writer used until the studio core's ipynb module is merged.
#include "main_window/notebook_file_io.h"

#include "document/notebook.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace kusari::studio {
namespace {

QString joinSource(const QJsonValue& v) {
  if (!v.isArray()) return v.toString();
  QString s;
  for (const QJsonValue& part : v.toArray()) s += part.toString();
  return s;
}

QJsonArray splitSource(const QString& text) {
  QJsonArray lines;
  qsizetype start = 0;
  while (start < text.size()) {
    qsizetype nl = text.indexOf(u'\n', start);
    qsizetype end = nl < 0 ? text.size() : nl + 1;
    lines.append(text.mid(start, end - start));
    start = end;
  }
  return lines;
}

std::pair<int, int> lineColumn(const QByteArray& bytes, qsizetype offset) {
  int line = 1, column = 1;
  for (qsizetype i = 0; i < std::min(offset, bytes.size()); ++i) {
    if (bytes[i] == '\n') { ++line; column = 1; } else { ++column; }
  }
  return {line, column};
}

QString cellTypeName(CellType t) {
  return t == CellType::Code ? QStringLiteral("code") : t == CellType::Markdown ? QStringLiteral("markdown") : QStringLiteral("raw");
}

class JsonNotebookFileIO : public NotebookFileIO {
 public:
  bool read(const QString& path, Notebook& notebook, QString* error) override {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return fail(error, QStringLiteral("%1: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.readAll();
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parse);
    if (parse.error != QJsonParseError::NoError) {
      const auto [line, column] = lineColumn(bytes, parse.offset);
      return fail(error, QStringLiteral("%1, line %2, column %3: not valid JSON (%4)")
                             .arg(path).arg(line).arg(column).arg(parse.errorString()));
    }
    if (!doc.isObject()) return fail(error, QStringLiteral("%1: the top level is not a JSON object").arg(path));
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("nbformat")).toInt() != 4)
      return fail(error, QStringLiteral("%1: \"nbformat\" is %2; only nbformat 4 is supported")
                             .arg(path, root.value(QStringLiteral("nbformat")).toVariant().toString()));
    if (!root.value(QStringLiteral("cells")).isArray())
      return fail(error, QStringLiteral("%1: \"cells\" is missing or not a list").arg(path));
    QVector<Cell> cells;
    const QJsonArray array = root.value(QStringLiteral("cells")).toArray();
    for (int i = 0; i < array.size(); ++i) {
      const QJsonObject c = array[i].toObject();
      const QString type = c.value(QStringLiteral("cell_type")).toString();
      if (!array[i].isObject() || (type != QLatin1String("code") && type != QLatin1String("markdown") && type != QLatin1String("raw")))
        return fail(error, QStringLiteral("%1: cell %2 has no valid \"cell_type\" (code, markdown or raw)").arg(path).arg(i + 1));
      Cell cell;
      cell.type = type == QLatin1String("code") ? CellType::Code : type == QLatin1String("markdown") ? CellType::Markdown : CellType::Raw;
      cell.id = c.value(QStringLiteral("id")).toString();
      cell.source = joinSource(c.value(QStringLiteral("source")));
      cell.metadata = c.value(QStringLiteral("metadata")).toObject();
      if (c.value(QStringLiteral("execution_count")).isDouble()) cell.executionCount = c.value(QStringLiteral("execution_count")).toInt();
      for (const QJsonValue& o : c.value(QStringLiteral("outputs")).toArray()) cell.outputs.append(o.toObject());
      for (auto it = c.begin(); it != c.end(); ++it)
        if (!QStringList{"id", "cell_type", "source", "metadata", "execution_count", "outputs"}.contains(it.key()))
          cell.extra.insert(it.key(), it.value());
      cells.append(cell);
    }
    while (notebook.cellCount() > 0) notebook.removeCell(notebook.cellCount() - 1);
    for (const Cell& cell : cells) notebook.insertCell(notebook.cellCount(), cell);
    notebook.setMetadata(root.value(QStringLiteral("metadata")).toObject());
    notebook.setNbformatMinor(root.value(QStringLiteral("nbformat_minor")).toInt(5));
    notebook.setModified(false);
    return true;
  }

  bool write(const QString& path, const Notebook& notebook, QString* error) override {
    QJsonArray cells;
    for (const Cell& cell : notebook.cells()) {
      QJsonObject c = cell.extra;
      c.insert(QStringLiteral("cell_type"), cellTypeName(cell.type));
      c.insert(QStringLiteral("id"), cell.id);
      c.insert(QStringLiteral("metadata"), cell.metadata);
      c.insert(QStringLiteral("source"), splitSource(cell.source));
      if (cell.type == CellType::Code) {
        c.insert(QStringLiteral("execution_count"), cell.executionCount ? QJsonValue(*cell.executionCount) : QJsonValue());
        QJsonArray outputs;
        for (const QJsonObject& o : cell.outputs) outputs.append(o);
        c.insert(QStringLiteral("outputs"), outputs);
      }
      cells.append(c);
    }
    QJsonObject root{{QStringLiteral("cells"), cells}, {QStringLiteral("metadata"), notebook.metadata()},
                     {QStringLiteral("nbformat"), 4}, {QStringLiteral("nbformat_minor"), notebook.nbformatMinor()}};
    // Jupyter writes one space per level; Qt writes four.
    QByteArray text;
    for (const QByteArray& line : QJsonDocument(root).toJson(QJsonDocument::Indented).split('\n')) {
      qsizetype spaces = 0;
      while (spaces < line.size() && line[spaces] == ' ') ++spaces;
      text += QByteArray(spaces / 4, ' ') + line.mid(spaces) + '\n';
    }
    text.chop(1);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit())
      return fail(error, QStringLiteral("%1: %2").arg(path, file.errorString()));
    return true;
  }

 private:
  static bool fail(QString* error, const QString& message) {
    if (error) *error = message;
    return false;
  }
};

}  // namespace

std::unique_ptr<NotebookFileIO> makeNotebookFileIO() { return std::make_unique<JsonNotebookFileIO>(); }

QString notebookAsPython(const Notebook& notebook) {
  QString out;
  for (const Cell& cell : notebook.cells()) {
    if (cell.type == CellType::Code) {
      out += QStringLiteral("# %%\n") + cell.source;
    } else if (cell.type == CellType::Markdown) {
      out += QStringLiteral("# %% [markdown]\n");
      for (const QString& line : cell.source.split(u'\n')) out += (line.isEmpty() ? QStringLiteral("#") : QStringLiteral("# ") + line) + u'\n';
      out.chop(1);
    } else {
      continue;
    }
    out += QStringLiteral("\n\n");
  }
  return out;
}

}  // namespace kusari::studio

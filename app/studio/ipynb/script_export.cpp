#include "script_export.h"

#include <QSaveFile>

#include "ipynb/ipynb_error.h"

namespace kusari::studio {

namespace {

QString commented(const QString& text) {
  QStringList lines = text.split(QLatin1Char('\n'));
  if (!lines.isEmpty() && lines.last().isEmpty()) lines.removeLast();  // a final newline adds no line
  for (QString& line : lines) line = line.isEmpty() ? QStringLiteral("#") : QStringLiteral("# ") + line;
  return lines.join(QLatin1Char('\n'));
}

QString body(const QString& text) {
  QString trimmed = text;
  while (trimmed.endsWith(QLatin1Char('\n'))) trimmed.chop(1);
  return trimmed;
}

}  // namespace

QString exportPythonScript(const Notebook& notebook) {
  QStringList cells;
  for (const Cell& cell : notebook.cells()) {
    QString marker, content;
    switch (cell.type) {
      case CellType::Code: marker = QStringLiteral("# %%"); content = body(cell.source); break;
      case CellType::Markdown: marker = QStringLiteral("# %% [markdown]"); content = commented(cell.source); break;
      case CellType::Raw: marker = QStringLiteral("# %% [raw]"); content = commented(cell.source); break;
    }
    cells << (content.isEmpty() ? marker : marker + QLatin1Char('\n') + content);
  }
  return cells.isEmpty() ? QString() : cells.join(QStringLiteral("\n\n")) + QLatin1Char('\n');
}

void exportPythonScriptFile(const QString& path, const Notebook& notebook) {
  QSaveFile file(path);
  const QByteArray bytes = exportPythonScript(notebook).toUtf8();
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
    throw IpynbError(IpynbError::Kind::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
}

}  // namespace kusari::studio

#include "program.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include "ipynb/ipynb_reader.h"

namespace kusari::debug_cli {

namespace {

const QString kRunnerCell = QStringLiteral("kusari-debug-main");

// A Python string literal holding `text` (JSON's escapes are valid Python).
QString pythonString(const QString& text) {
  const QByteArray json = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
  return QString::fromUtf8(json.mid(1, json.size() - 2));
}

// Runs the script as `python script.py args` would: __name__ == "__main__", its directory first
// on sys.path, sys.argv; compiled with its absolute path so breakpoints by path hit.
QString runnerCode(const QString& path, const QStringList& arguments) {
  QStringList argv{pythonString(path)};
  for (const QString& a : arguments) argv << pythonString(a);
  return QStringLiteral(
             "import os as _os, sys as _sys\n"
             "_path = %1\n"
             "_sys.argv = [%2]\n"
             "_sys.path.insert(0, _os.path.dirname(_path))\n"
             "with open(_path, encoding='utf-8') as _f:\n"
             "    _code = compile(_f.read(), _path, 'exec')\n"
             "exec(_code, {'__name__': '__main__', '__file__': _path, '__builtins__': __builtins__})\n")
      .arg(pythonString(path), argv.join(QStringLiteral(", ")));
}

QStringList fileLines(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
}

}  // namespace

bool Program::load(const QString& path, const QStringList& arguments, QString* error) {
  const QFileInfo info(path);
  if (!info.isFile()) {
    *error = QStringLiteral("%1: no such file").arg(path);
    return false;
  }
  path_ = info.absoluteFilePath();
  notebook_ = info.suffix().compare(QLatin1StringView("ipynb"), Qt::CaseInsensitive) == 0;
  if (!notebook_) {
    units_ = {ProgramUnit{kRunnerCell, runnerCode(path_, arguments)}};
    return true;
  }
  QFile f(path_);
  if (!f.open(QIODevice::ReadOnly)) {
    *error = QStringLiteral("%1: %2").arg(path, f.errorString());
    return false;
  }
  try {
    const studio::NotebookContent content = studio::parseIpynb(f.readAll());
    for (const studio::Cell& cell : content.cells) {
      if (cell.type != studio::CellType::Code) continue;
      units_.append(ProgramUnit{cell.id, cell.source});
      cellIds_.append(cell.id);
      cellLines_.append(cell.source.split(QLatin1Char('\n')));
    }
  } catch (const std::exception& e) {
    *error = QStringLiteral("%1: %2").arg(path, QString::fromUtf8(e.what()));
    return false;
  }
  return true;
}

bool Program::resolve(const QString& location, const QString& current, QString* source, qint64* line,
                      QString* error) const {
  const qsizetype colon = location.lastIndexOf(QLatin1Char(':'));
  const QString file = colon < 0 ? QString() : location.left(colon).trimmed();
  bool ok = false;
  *line = location.mid(colon + 1).trimmed().toLongLong(&ok);
  if (!ok || *line < 1) {
    *error = QStringLiteral("%1: expected FILE:LINE or LINE with LINE >= 1").arg(location);
    return false;
  }
  if (file.isEmpty()) {
    if (!current.isEmpty() && !isRunner(current)) *source = current;
    else if (!notebook_) *source = path_;
    else {
      *error = QStringLiteral("name the cell: cellN:LINE (N counts code cells from 1) or CELL_ID:LINE");
      return false;
    }
    return true;
  }
  static const QRegularExpression cellNumber(QStringLiteral("^cell(\\d+)$"));
  if (notebook_) {
    const QRegularExpressionMatch m = cellNumber.match(file);
    if (m.hasMatch()) {
      const int n = m.captured(1).toInt();
      if (n < 1 || n > cellIds_.size()) {
        *error = QStringLiteral("%1: the notebook has %2 code cells").arg(file).arg(cellIds_.size());
        return false;
      }
      *source = cellSource(cellIds_[n - 1]);
      return true;
    }
    if (cellIds_.contains(file)) {
      *source = cellSource(file);
      return true;
    }
  }
  QFileInfo info(file);
  if (!info.exists() && !notebook_ && file == QFileInfo(path_).fileName()) info = QFileInfo(path_);
  if (!info.isFile()) {
    *error = QStringLiteral("%1: no such file%2").arg(file, notebook_ ? QStringLiteral(" or cell") : QString());
    return false;
  }
  *source = info.absoluteFilePath();
  return true;
}

QString Program::displayName(const QString& source) const {
  if (source.startsWith(QLatin1StringView("<cell ")) && source.endsWith(QLatin1Char('>'))) {
    const qsizetype i = cellIds_.indexOf(source.mid(6, source.size() - 7));
    if (i >= 0) return QStringLiteral("cell%1").arg(i + 1);
  }
  return source;
}

QStringList Program::lines(const QString& source) const {
  QStringList text;
  if (!source.startsWith(QLatin1StringView("<cell "))) {
    text = fileLines(source);
  } else {
    const qsizetype i = cellIds_.indexOf(source.mid(6, source.size() - 7));
    if (i >= 0) text = cellLines_[i];
  }
  if (!text.isEmpty() && text.last().isEmpty()) text.removeLast();  // the final newline ends a line
  return text;
}

QString Program::sourceLine(const QString& source, qint64 line) const {
  const QStringList text = lines(source);
  return line >= 1 && line <= text.size() ? text[line - 1] : QString();
}

bool Program::isRunner(const QString& source) const { return source == cellSource(kRunnerCell); }

}  // namespace kusari::debug_cli

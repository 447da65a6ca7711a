// The program kusari-debug runs: a Python script (run as its file, so breakpoints by path hit)
// or a notebook (its code cells, one execute_request each). It maps what the user types
// ("script.py:12", "cell3:4", a cell id) to the kernel's sources ("/abs/script.py",
// "<cell ID>") and back, and knows the source lines to show.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace kusari::debug_cli {

struct ProgramUnit {
  QString cellId;  // the execute_request's cell id
  QString code;    // what the kernel runs
};

class Program {
 public:
  // Loads `path` (.ipynb = notebook, else a script); false with *error set on failure.
  bool load(const QString& path, const QStringList& arguments, QString* error);

  bool isNotebook() const { return notebook_; }
  const QString& path() const { return path_; }
  const QList<ProgramUnit>& units() const { return units_; }

  // "FILE:LINE" / "LINE" -> (source, line); `current` is the source stopped in ("" when none).
  // False with *error set when it names nothing.
  bool resolve(const QString& location, const QString& current, QString* source, qint64* line, QString* error) const;
  // A source for people: "cell3" for a notebook cell, the path for a file.
  QString displayName(const QString& source) const;
  // Line `line` (1-based) of `source`, without its newline; "" when unknown.
  QString sourceLine(const QString& source, qint64 line) const;
  // How many lines `source` has (0 when unknown).
  qint64 lineCount(const QString& source) const { return lines(source).size(); }
  // Sources that belong to kusari-debug itself (the script runner's cell): hidden in stacks.
  bool isRunner(const QString& source) const;

 private:
  QString cellSource(const QString& cellId) const { return QStringLiteral("<cell %1>").arg(cellId); }
  QStringList lines(const QString& source) const;

  bool notebook_ = false;
  QString path_;
  QList<ProgramUnit> units_;
  QStringList cellIds_;      // code cells, in order (cell1 = the first)
  QList<QStringList> cellLines_;
};

}  // namespace kusari::debug_cli

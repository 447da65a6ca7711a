// Line breakpoints set in the editor margins, by cell id and 1-based line. A plain model: the
// debug session (later) reads it and listens to changed(); editors draw it.
#pragma once
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

namespace kusari::widgets {

class BreakpointMarkers : public QObject {
  Q_OBJECT
 public:
  using QObject::QObject;

  bool has(const QString& cellId, int line) const { return lines_.value(cellId).contains(line); }
  QList<int> lines(const QString& cellId) const;  // sorted
  QStringList cells() const { return lines_.keys(); }
  int count() const;

  void set(const QString& cellId, int line, bool on);
  void toggle(const QString& cellId, int line) { set(cellId, line, !has(cellId, line)); }
  void clearCell(const QString& cellId);
  void clearAll();

 signals:
  void changed(const QString& cellId);

 private:
  QHash<QString, QSet<int>> lines_;
};

}  // namespace kusari::widgets

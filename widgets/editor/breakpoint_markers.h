// Line breakpoints as the editor margins see them, by cell id and 1-based line: a view of the
// line entries of a BreakpointList (its own, or the debug session's shared one via setList), so
// a margin click, F9, the Breakpoints dock and the kernel all work on the same breakpoints.
#pragma once
#include "widgets/debug/breakpoint_list.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

namespace kusari::widgets {

class BreakpointMarkers : public QObject {
  Q_OBJECT
 public:
  explicit BreakpointMarkers(QObject* parent = nullptr);

  // The list read and edited from now on (not owned; null: back to the markers' own list).
  void setList(BreakpointList* list);
  BreakpointList* list() const { return list_; }

  bool has(const QString& cellId, int line) const { return list_->findLine(cellId, line) >= 0; }
  QList<int> lines(const QString& cellId) const;  // sorted
  QStringList cells() const;
  int count() const;
  BreakpointMarkerState state(const QString& cellId, int line) const { return list_->lineState(cellId, line); }

  void set(const QString& cellId, int line, bool on);
  void toggle(const QString& cellId, int line);
  // Lines moved by an edit: the cell's breakpoints, in order, now sit at `lines` (sorted). Their
  // conditions and enabled state go with them; a different count replaces them by plain ones.
  void relocate(const QString& cellId, const QList<int>& lines);
  void clearCell(const QString& cellId);
  void clearAll();

 signals:
  void changed(const QString& cellId);

 private:
  void listChanged();
  BreakpointList* own_;
  QPointer<BreakpointList> list_;
  QSet<QString> sources_;  // cells with line breakpoints at the last change
};

}  // namespace kusari::widgets

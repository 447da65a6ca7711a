#include "widgets/editor/breakpoint_markers.h"

#include <algorithm>

namespace kusari::widgets {

BreakpointMarkers::BreakpointMarkers(QObject* parent) : QObject(parent), own_(new BreakpointList(this)) { setList(nullptr); }

void BreakpointMarkers::setList(BreakpointList* list) {
  if (list_) disconnect(list_, nullptr, this, nullptr);
  list_ = list ? list : own_;
  connect(list_, &BreakpointList::changed, this, &BreakpointMarkers::listChanged);
  connect(list_, &QObject::destroyed, this, [this] { setList(nullptr); });
  listChanged();
}

QList<int> BreakpointMarkers::lines(const QString& cellId) const {
  QList<int> out;
  for (const Breakpoint& b : list_->lineBreakpoints(cellId)) out.append(b.line);
  std::sort(out.begin(), out.end());
  return out;
}

QStringList BreakpointMarkers::cells() const {
  QSet<QString> ids;
  for (const Breakpoint& b : list_->breakpoints())
    if (b.kind == Breakpoint::Kind::Line) ids.insert(b.source);
  return ids.values();
}

int BreakpointMarkers::count() const {
  int n = 0;
  for (const Breakpoint& b : list_->breakpoints()) n += b.kind == Breakpoint::Kind::Line;
  return n;
}

void BreakpointMarkers::set(const QString& cellId, int line, bool on) {
  if (line < 1 || cellId.isEmpty() || has(cellId, line) == on) return;
  if (on) list_->add(Breakpoint::atLine(cellId, line));
  else list_->removeLine(cellId, line);
}

void BreakpointMarkers::toggle(const QString& cellId, int line) {
  if (line >= 1 && !cellId.isEmpty()) list_->toggleLine(cellId, line);
}

void BreakpointMarkers::relocate(const QString& cellId, const QList<int>& now) {
  QVector<Breakpoint> old = list_->lineBreakpoints(cellId);
  clearCell(cellId);
  for (int i = 0; i < now.size(); ++i) {
    Breakpoint b = old.size() == now.size() ? old[i] : Breakpoint::atLine(cellId, now[i]);
    b.line = now[i];
    list_->add(b);
  }
}

void BreakpointMarkers::clearCell(const QString& cellId) {
  for (const Breakpoint& b : list_->lineBreakpoints(cellId)) list_->removeLine(cellId, b.line);
}

void BreakpointMarkers::clearAll() {
  for (const QString& id : cells()) clearCell(id);
}

void BreakpointMarkers::listChanged() {
  const QStringList now = cells();
  QSet<QString> touched = sources_;
  for (const QString& id : now) touched.insert(id);
  sources_ = QSet<QString>(now.begin(), now.end());
  for (const QString& id : touched) emit changed(id);
}

}  // namespace kusari::widgets

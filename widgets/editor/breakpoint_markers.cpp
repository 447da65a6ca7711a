#include "widgets/editor/breakpoint_markers.h"

#include <algorithm>

namespace kusari::widgets {

QList<int> BreakpointMarkers::lines(const QString& cellId) const {
  QList<int> out = lines_.value(cellId).values();
  std::sort(out.begin(), out.end());
  return out;
}

int BreakpointMarkers::count() const {
  int n = 0;
  for (const auto& set : lines_) n += static_cast<int>(set.size());
  return n;
}

void BreakpointMarkers::set(const QString& cellId, int line, bool on) {
  if (line < 1 || has(cellId, line) == on) return;
  if (on) {
    lines_[cellId].insert(line);
  } else {
    lines_[cellId].remove(line);
    if (lines_[cellId].isEmpty()) lines_.remove(cellId);
  }
  emit changed(cellId);
}

void BreakpointMarkers::clearCell(const QString& cellId) {
  if (lines_.remove(cellId)) emit changed(cellId);
}

void BreakpointMarkers::clearAll() {
  const QStringList ids = lines_.keys();
  lines_.clear();
  for (const QString& id : ids) emit changed(id);
}

}  // namespace kusari::widgets

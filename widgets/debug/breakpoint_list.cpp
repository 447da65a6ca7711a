#include "widgets/debug/breakpoint_list.h"

#include "widgets/debug/breakpoint_icons.h"
#include "widgets/theme/theme.h"

#include <algorithm>
#include <utility>

namespace kusari::widgets {

Breakpoint Breakpoint::atLine(const QString& source, int line) {
  Breakpoint b;
  b.kind = Kind::Line;
  b.source = source;
  b.line = line;
  return b;
}

Breakpoint Breakpoint::onOp(const QString& op) {
  Breakpoint b;
  b.kind = Kind::Op;
  b.target = op.trimmed();
  return b;
}

Breakpoint Breakpoint::inLink(const QString& linkPath) {
  Breakpoint b;
  b.kind = Kind::Link;
  b.target = linkPath.trimmed();
  return b;
}

bool Breakpoint::sameLocation(const Breakpoint& o) const {
  if (kind != o.kind) return false;
  return kind == Kind::Line ? source == o.source && line == o.line : target == o.target;
}

QString Breakpoint::locationText() const {
  switch (kind) {
    case Kind::Line: return QStringLiteral("%1:%2").arg(source).arg(line);
    case Kind::Op: return QStringLiteral("op %1").arg(target);
    case Kind::Link: return QStringLiteral("link %1").arg(target);
  }
  return {};
}

int BreakpointList::add(const Breakpoint& b, QString* error) {
  QString problem;
  if (b.kind == Breakpoint::Kind::Line && b.source.isEmpty())
    problem = tr("a line breakpoint needs a source (cell or file)");
  else if (b.kind == Breakpoint::Kind::Line && b.line < 1)
    problem = tr("line %1 of %2 is not a line (lines start at 1)").arg(b.line).arg(b.source);
  else if (b.kind == Breakpoint::Kind::Op && b.target.trimmed().isEmpty())
    problem = tr("an op breakpoint needs an op name, such as relu or linear");
  else if (b.kind == Breakpoint::Kind::Link && b.target.trimmed().isEmpty())
    problem = tr("a link breakpoint needs a link path, such as /l1");
  if (!problem.isEmpty()) {
    if (error) *error = problem;
    return -1;
  }
  const int existing = find(b);
  if (existing >= 0) {
    if (items_[existing] != b) {
      items_[existing] = b;
      emitRowChanged(existing);
    }
    return existing;
  }
  const int row = count();
  beginInsertRows({}, row, row);
  items_.push_back(b);
  endInsertRows();
  emit changed(items_);
  return row;
}

bool BreakpointList::remove(int row) {
  if (row < 0 || row >= count()) return false;
  beginRemoveRows({}, row, row);
  items_.removeAt(row);
  endRemoveRows();
  emit changed(items_);
  return true;
}

bool BreakpointList::removeLine(const QString& source, int line) { return remove(findLine(source, line)); }

void BreakpointList::clear() {
  if (items_.isEmpty()) return;
  beginResetModel();
  items_.clear();
  endResetModel();
  emit changed(items_);
}

void BreakpointList::toggleLine(const QString& source, int line) {
  if (!removeLine(source, line)) add(Breakpoint::atLine(source, line));
}

bool BreakpointList::setEnabled(int row, bool enabled) {
  if (row < 0 || row >= count()) return false;
  if (items_[row].enabled != enabled) {
    items_[row].enabled = enabled;
    emitRowChanged(row);
  }
  return true;
}

bool BreakpointList::setField(int row, int column, const QString& value) {
  if (row < 0 || row >= count()) return false;
  Breakpoint& b = items_[row];
  QString* field = column == Condition      ? &b.condition
                   : column == HitCondition ? &b.hitCondition
                   : column == LogMessage   ? &b.logMessage
                                            : nullptr;
  if (!field) return false;
  const QString v = value.trimmed();
  if (*field != v) {
    *field = v;
    emitRowChanged(row);
  }
  return true;
}

bool BreakpointList::setCondition(int row, const QString& c) { return setField(row, Condition, c); }
bool BreakpointList::setHitCondition(int row, const QString& c) { return setField(row, HitCondition, c); }
bool BreakpointList::setLogMessage(int row, const QString& m) { return setField(row, LogMessage, m); }

void BreakpointList::setAllEnabled(bool enabled) {
  bool any = false;
  for (Breakpoint& b : items_) any |= std::exchange(b.enabled, enabled) != enabled;
  if (!any) return;
  emit dataChanged(index(0, 0), index(count() - 1, ColumnCount - 1));
  emit changed(items_);
}

void BreakpointList::emitRowChanged(int row) {
  emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
  emit changed(items_);
}

int BreakpointList::find(const Breakpoint& location) const {
  for (int i = 0; i < count(); ++i)
    if (items_[i].sameLocation(location)) return i;
  return -1;
}

int BreakpointList::findLine(const QString& source, int line) const { return find(Breakpoint::atLine(source, line)); }

QVector<Breakpoint> BreakpointList::lineBreakpoints(const QString& source) const {
  QVector<Breakpoint> out;
  for (const Breakpoint& b : items_)
    if (b.kind == Breakpoint::Kind::Line && b.source == source) out << b;
  std::sort(out.begin(), out.end(), [](const Breakpoint& a, const Breakpoint& b) { return a.line < b.line; });
  return out;
}

BreakpointMarkerState BreakpointList::lineState(const QString& source, int line) const {
  const int row = findLine(source, line);
  if (row < 0) return BreakpointMarkerState::None;
  return items_[row].markerState();
}

BreakpointMarkerState Breakpoint::markerState() const {
  if (!enabled) return BreakpointMarkerState::Disabled;
  if (isLogpoint()) return BreakpointMarkerState::Logpoint;
  if (isConditional()) return BreakpointMarkerState::Conditional;
  return BreakpointMarkerState::Enabled;
}

void BreakpointList::setStopOnNonFinite(bool on) {
  if (on == stop_on_non_finite_) return;
  stop_on_non_finite_ = on;
  emit stopOnNonFiniteChanged(on);
}

void BreakpointList::setBreakOnException(bool on) {
  if (on == break_on_exception_) return;
  break_on_exception_ = on;
  emit breakOnExceptionChanged(on);
}

int BreakpointList::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : count(); }
int BreakpointList::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant BreakpointList::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= count()) return {};
  const Breakpoint& b = items_[index.row()];
  if (index.column() == Location && role == Qt::CheckStateRole) return b.enabled ? Qt::Checked : Qt::Unchecked;
  if (index.column() == Location && role == Qt::DecorationRole) return breakpointIcon(b.markerState());
  if (role == Qt::ForegroundRole && !b.enabled) return Theme::current().color(ThemeRole::MutedText);
  if (role == Qt::ToolTipRole && index.column() == Location) {
    if (b.kind == Breakpoint::Kind::Op) return tr("Stops when an op named %1 runs").arg(b.target);
    if (b.kind == Breakpoint::Kind::Link) return tr("Stops when an op inside link %1 runs").arg(b.target);
    return tr("Stops at line %1 of %2").arg(b.line).arg(b.source);
  }
  if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
  switch (index.column()) {
    case Location:
      if (b.kind == Breakpoint::Kind::Line && source_namer_ && role == Qt::DisplayRole)
        return QStringLiteral("%1:%2").arg(source_namer_(b.source)).arg(b.line);
      return b.locationText();
    case Condition: return b.condition;
    case HitCondition: return b.hitCondition;
    case LogMessage: return b.logMessage;
  }
  return {};
}

bool BreakpointList::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (!index.isValid()) return false;
  if (index.column() == Location && role == Qt::CheckStateRole)
    return setEnabled(index.row(), value.toInt() == Qt::Checked);
  if (role == Qt::EditRole) return setField(index.row(), index.column(), value.toString());
  return false;
}

Qt::ItemFlags BreakpointList::flags(const QModelIndex& index) const {
  if (!index.isValid()) return Qt::NoItemFlags;
  Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
  if (index.column() == Location) f |= Qt::ItemIsUserCheckable;
  else f |= Qt::ItemIsEditable;
  return f;
}

QVariant BreakpointList::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  static const char* names[] = {"Breakpoint", "Condition", "Hit count", "Log message"};
  return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

}  // namespace kusari::widgets

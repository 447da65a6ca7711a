// Every breakpoint of a debug session as one list model: line breakpoints (with condition, hit
// condition, log message), op breakpoints (stop when an op of that name runs) and link
// breakpoints (stop inside a link path), each enabled or not, plus "stop on the first NaN/Inf".
// The Breakpoints dock edits it; editor margins can draw lineState(); the debug session reads
// breakpoints() on changed(). Plain data: nothing here knows the kernel.
#pragma once
#include <QAbstractTableModel>
#include <QString>
#include <QVector>

#include <functional>

namespace kusari::widgets {

// How a margin or list should draw a breakpoint: nothing, or a marker of one of these kinds
// (see breakpoint_icons.h). Disabled wins over logpoint, logpoint over conditional.
enum class BreakpointMarkerState { None, Enabled, Disabled, Conditional, Logpoint };

struct Breakpoint {
  enum class Kind { Line, Op, Link };
  Kind kind = Kind::Line;
  QString source;        // Line: the cell id or file
  int line = 0;          // Line: 1-based
  QString target;        // Op: the op name ("relu"); Link: the link path ("/l1")
  QString condition;     // stop only when this Python expression is true
  QString hitCondition;  // stop on the hit count this describes (">= 5", "% 10")
  QString logMessage;    // non-empty: log this ({expr} interpolated) instead of stopping
  bool enabled = true;

  static Breakpoint atLine(const QString& source, int line);
  static Breakpoint onOp(const QString& op);
  static Breakpoint inLink(const QString& linkPath);
  bool isConditional() const { return !condition.isEmpty() || !hitCondition.isEmpty(); }
  bool isLogpoint() const { return !logMessage.isEmpty(); }
  BreakpointMarkerState markerState() const;
  bool sameLocation(const Breakpoint& other) const;
  QString locationText() const;  // "cell-3:12", "op relu", "link /l1"
  bool operator==(const Breakpoint&) const = default;
};

class BreakpointList : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Location, Condition, HitCondition, LogMessage, ColumnCount };

  using QAbstractTableModel::QAbstractTableModel;

  // Adds a breakpoint; one at the same location is replaced instead. Returns its row, or -1
  // with *error saying what is wrong (a line below 1, an empty source, op name or link path).
  int add(const Breakpoint& breakpoint, QString* error = nullptr);
  bool remove(int row);
  bool removeLine(const QString& source, int line);
  void clear();
  // F9 in an editor: adds an enabled breakpoint at the line, or removes the one there.
  void toggleLine(const QString& source, int line);
  bool setEnabled(int row, bool enabled);
  bool setCondition(int row, const QString& condition);
  bool setHitCondition(int row, const QString& hitCondition);
  bool setLogMessage(int row, const QString& message);
  void setAllEnabled(bool enabled);

  const QVector<Breakpoint>& breakpoints() const { return items_; }
  const Breakpoint& at(int row) const { return items_.at(row); }
  int count() const { return static_cast<int>(items_.size()); }
  int find(const Breakpoint& location) const;  // row with the same location, or -1
  int findLine(const QString& source, int line) const;
  QVector<Breakpoint> lineBreakpoints(const QString& source) const;  // sorted by line
  BreakpointMarkerState lineState(const QString& source, int line) const;

  // How the Location column names a line breakpoint's source (a cell id as "cell [3]", say);
  // unset: the source as it is.
  void setSourceNamer(std::function<QString(const QString&)> namer) { source_namer_ = std::move(namer); }

  bool stopOnNonFinite() const { return stop_on_non_finite_; }
  void setStopOnNonFinite(bool on);
  // Pause when an exception is about to end the cell (the kernel's break_on_exception).
  bool breakOnException() const { return break_on_exception_; }
  void setBreakOnException(bool on);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role) override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 signals:
  void changed(const QVector<kusari::widgets::Breakpoint>& breakpoints);
  void stopOnNonFiniteChanged(bool on);
  void breakOnExceptionChanged(bool on);

 private:
  bool setField(int row, int column, const QString& value);
  void emitRowChanged(int row);
  QVector<Breakpoint> items_;
  bool stop_on_non_finite_ = false;
  bool break_on_exception_ = false;
  std::function<QString(const QString&)> source_namer_;
};

}  // namespace kusari::widgets

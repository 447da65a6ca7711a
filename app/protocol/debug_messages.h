// The line debugger: breakpoints, stepping and inspection of a paused kernel (DAP-like).
// See "Debugger" in README.md for the order of messages. Every reply carries `error`: "" on
// success, else why the request could not be served (e.g. "the kernel is not paused").
#pragma once

#include <QByteArray>
#include <QCborMap>
#include <QList>
#include <QString>

#include <optional>

namespace kusari::protocol {

// Where: a cell as "<cell ID>" (the file name cells are compiled with) or an absolute path.
struct SourceBreakpoint {
  QString source;
  qint64 line = 0;        // 1-based
  QString condition;      // Python expression; "" = always
  QString hitCondition;   // "3" / "== 3", ">= 3", "> 3", "% 2"; "" = every hit
  QString logMessage;     // non-empty: a log point, prints the text ({expr} interpolated), never stops
  bool enabled = true;
  QCborMap toCbor() const;
  static SourceBreakpoint fromCbor(const QCborMap& map);
  bool operator==(const SourceBreakpoint&) const = default;
};

// Replaces the whole set of line breakpoints. Served at once even while a cell runs.
// breakOnException: pause (reason "exception") when an exception is about to end the cell.
struct SetBreakpointsRequest {
  static constexpr const char* kType = "set_breakpoints_request";
  QList<SourceBreakpoint> breakpoints;
  bool breakOnException = false;  // "break_on_exception"
  QCborMap toCbor() const;
  static SetBreakpointsRequest fromCbor(const QCborMap& map);
  bool operator==(const SetBreakpointsRequest&) const = default;
};

struct BreakpointStatus {
  bool verified = false;  // false: the breakpoint will never hit; message says why
  QString message;
  QCborMap toCbor() const;
  static BreakpointStatus fromCbor(const QCborMap& map);
  bool operator==(const BreakpointStatus&) const = default;
};

struct SetBreakpointsReply {
  static constexpr const char* kType = "set_breakpoints_reply";
  QList<BreakpointStatus> breakpoints;  // one per requested breakpoint, same order
  QString error;
  QCborMap toCbor() const;
  static SetBreakpointsReply fromCbor(const QCborMap& map);
  bool operator==(const SetBreakpointsReply&) const = default;
};

// action: continue | next (step over) | step (step into) | return (step out) | run_to
// (source, line) | pause (while a cell runs: stop at its next line of user code).
struct DebugControlRequest {
  static constexpr const char* kType = "debug_control_request";
  QString action;
  QString source;  // run_to only
  qint64 line = 0;
  QCborMap toCbor() const;
  static DebugControlRequest fromCbor(const QCborMap& map);
  bool operator==(const DebugControlRequest&) const = default;
};

struct DebugControlReply {
  static constexpr const char* kType = "debug_control_reply";
  QString error;
  QCborMap toCbor() const;
  static DebugControlReply fromCbor(const QCborMap& map);
  bool operator==(const DebugControlReply&) const = default;
};

struct StackFrame {
  qint64 id = 0;   // 1 = innermost; valid until the kernel continues
  QString source;  // "<cell ID>" or a file path
  qint64 line = 0;
  QString function;  // "<module>" for a cell's top level
  QCborMap toCbor() const;
  static StackFrame fromCbor(const QCborMap& map);
  bool operator==(const StackFrame&) const = default;
};

// Event (parent = the running execute_request): the kernel paused.
struct StoppedEvent {
  static constexpr const char* kType = "stopped";
  QString reason;  // breakpoint | step | pause | op | nan | exception | ... (op/nan: see debugger.py stop())
  QString description;
  QString source;
  qint64 line = 0;
  QList<StackFrame> frames;  // innermost first; user code only
  QCborMap extra;            // reason-specific details (e.g. the op for reason "op")
  QCborMap toCbor() const;
  static StoppedEvent fromCbor(const QCborMap& map);
  bool operator==(const StoppedEvent&) const = default;
};

// Event: the paused kernel runs again.
struct ContinuedEvent {
  static constexpr const char* kType = "continued";
  QCborMap toCbor() const { return {}; }
  static ContinuedEvent fromCbor(const QCborMap&) { return {}; }
  bool operator==(const ContinuedEvent&) const = default;
};

struct StackRequest {
  static constexpr const char* kType = "stack_request";
  QCborMap toCbor() const { return {}; }
  static StackRequest fromCbor(const QCborMap&) { return {}; }
  bool operator==(const StackRequest&) const = default;
};

struct StackReply {
  static constexpr const char* kType = "stack_reply";
  QList<StackFrame> frames;
  QString error;
  QCborMap toCbor() const;
  static StackReply fromCbor(const QCborMap& map);
  bool operator==(const StackReply&) const = default;
};

struct ScopesRequest {
  static constexpr const char* kType = "scopes_request";
  qint64 frameId = 0;
  QCborMap toCbor() const;
  static ScopesRequest fromCbor(const QCborMap& map);
  bool operator==(const ScopesRequest&) const = default;
};

// References for children_request; valid until the kernel continues.
struct ScopesReply {
  static constexpr const char* kType = "scopes_reply";
  qint64 localsReference = 0;
  qint64 globalsReference = 0;
  QString error;
  QCborMap toCbor() const;
  static ScopesReply fromCbor(const QCborMap& map);
  bool operator==(const ScopesReply&) const = default;
};

// Statistics of a NumPy array or kusari Variable, over its finite elements (0 when none).
struct TensorStats {
  QList<qint64> shape;
  QString dtype;
  QString device;
  double min = 0, max = 0, mean = 0, std = 0;
  qint64 nanCount = 0, infCount = 0;
  QCborMap toCbor() const;
  static TensorStats fromCbor(const QCborMap& map);
  bool operator==(const TensorStats&) const = default;
};

struct DebugVariable {
  QString name;
  QString typeName;
  QString value;          // a short repr (at most ~200 characters)
  qint64 reference = 0;   // > 0: children_request lists its children
  std::optional<TensorStats> tensor;  // numeric arrays and Variables
  QCborMap toCbor() const;
  static DebugVariable fromCbor(const QCborMap& map);
  bool operator==(const DebugVariable&) const = default;
};

struct ChildrenRequest {
  static constexpr const char* kType = "children_request";
  qint64 reference = 0;
  QCborMap toCbor() const;
  static ChildrenRequest fromCbor(const QCborMap& map);
  bool operator==(const ChildrenRequest&) const = default;
};

struct ChildrenReply {
  static constexpr const char* kType = "children_reply";
  QList<DebugVariable> variables;
  QString error;
  QCborMap toCbor() const;
  static ChildrenReply fromCbor(const QCborMap& map);
  bool operator==(const ChildrenReply&) const = default;
};

// Evaluates an expression (or runs a statement) in a frame of the paused kernel.
struct EvaluateRequest {
  static constexpr const char* kType = "evaluate_request";
  QString expression;
  qint64 frameId = 1;
  QCborMap toCbor() const;
  static EvaluateRequest fromCbor(const QCborMap& map);
  bool operator==(const EvaluateRequest&) const = default;
};

struct EvaluateReply {
  static constexpr const char* kType = "evaluate_reply";
  DebugVariable result;  // name = the expression
  QString error;         // the exception, as "NameError: name 'x' is not defined"
  QCborMap toCbor() const;
  static EvaluateReply fromCbor(const QCborMap& map);
  bool operator==(const EvaluateReply&) const = default;
};

// Binds `name` in a frame (its locals, or a cell's namespace) to the value of `expression`.
struct SetVariableRequest {
  static constexpr const char* kType = "set_variable_request";
  qint64 frameId = 1;
  QString name;
  QString expression;
  QCborMap toCbor() const;
  static SetVariableRequest fromCbor(const QCborMap& map);
  bool operator==(const SetVariableRequest&) const = default;
};

struct SetVariableReply {
  static constexpr const char* kType = "set_variable_reply";
  DebugVariable value;
  QString error;
  QCborMap toCbor() const;
  static SetVariableReply fromCbor(const QCborMap& map);
  bool operator==(const SetVariableReply&) const = default;
};

// A 2-D slice of an array: axes rowAxis x colAxis (-1: that side has length 1), every other
// axis fixed at indices[axis]; strided so that rows*cols <= maxElements.
struct TensorDataRequest {
  static constexpr const char* kType = "tensor_data_request";
  QString expression;      // evaluated in the frame, unless reference > 0
  qint64 reference = 0;
  qint64 frameId = 1;
  qint64 rowAxis = 0;
  qint64 colAxis = 1;
  QList<qint64> indices;   // one per axis (entries for rowAxis/colAxis ignored); missing = 0
  qint64 maxElements = 65536;
  QCborMap toCbor() const;
  static TensorDataRequest fromCbor(const QCborMap& map);
  bool operator==(const TensorDataRequest&) const = default;
};

struct TensorDataReply {
  static constexpr const char* kType = "tensor_data_reply";
  TensorStats stats;            // of the whole array
  QList<qint64> sliceShape;     // [rows, cols] of data
  QList<qint64> strides;        // [row stride, col stride] in elements of the source axes
  QByteArray data;              // float32 little-endian, row-major
  QString error;
  QCborMap toCbor() const;
  static TensorDataReply fromCbor(const QCborMap& map);
  bool operator==(const TensorDataReply&) const = default;
};

}  // namespace kusari::protocol

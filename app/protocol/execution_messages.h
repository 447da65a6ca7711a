// Running a cell: the request, its reply, and what the kernel publishes while it runs.
#pragma once

#include <QCborMap>
#include <QString>
#include <QStringList>

namespace kusari::protocol {

struct ExecuteRequest {
  static constexpr const char* kType = "execute_request";
  QString code;
  QString cellId;       // names the code in tracebacks: "<cell CELLID>"
  bool silent = false;  // no display of the last value, no execution_count increment
  QCborMap toCbor() const;
  static ExecuteRequest fromCbor(const QCborMap& map);
  bool operator==(const ExecuteRequest&) const = default;
};

struct ExecuteReply {
  static constexpr const char* kType = "execute_reply";
  QString status;  // "ok", "error" (an error message precedes the reply) or "aborted" (never ran)
  qint64 executionCount = 0;
  QCborMap toCbor() const;
  static ExecuteReply fromCbor(const QCborMap& map);
  bool operator==(const ExecuteReply&) const = default;
};

// The kernel's state, sent with parent = the request that made it busy ("" at start-up).
struct Status {
  static constexpr const char* kType = "status";
  QString executionState;  // "starting", "busy" or "idle"
  QCborMap toCbor() const;
  static Status fromCbor(const QCborMap& map);
  bool operator==(const Status&) const = default;
};

// Text written to sys.stdout / sys.stderr. The kernel coalesces writes: at most one stream
// message per stream every ~50 ms, and always all pending text before any other message.
struct Stream {
  static constexpr const char* kType = "stream";
  QString name;  // "stdout" or "stderr"
  QString text;
  QCborMap toCbor() const;
  static Stream fromCbor(const QCborMap& map);
  bool operator==(const Stream&) const = default;
};

// An exception that ended a cell. Frames of the kernel's own machinery are removed.
struct Error {
  static constexpr const char* kType = "error";
  QString ename;          // "ZeroDivisionError"
  QString evalue;         // "division by zero"
  QStringList traceback;  // formatted lines, as Python's traceback module prints them
  QString cellId;         // the cell of the innermost frame inside a cell ("" if none)
  qint64 line = -1;       // 1-based line in that cell, -1 if unknown
  QCborMap toCbor() const;
  static Error fromCbor(const QCborMap& map);
  bool operator==(const Error&) const = default;
};

}  // namespace kusari::protocol

// Where one cell's execution stands (as Cantor's Expression::Status): queued, then running,
// then one of the end states. Aborted: never ran, because a cell before it failed, the run
// was interrupted, or the kernel restarted or died.
#pragma once
#include <QObject>

namespace kusari::studio {
Q_NAMESPACE

enum class ExecutionStatus { Idle, Queued, Running, Done, Error, Interrupted, Aborted };
Q_ENUM_NS(ExecutionStatus)

inline bool isFinished(ExecutionStatus s) {
  return s == ExecutionStatus::Done || s == ExecutionStatus::Error || s == ExecutionStatus::Interrupted ||
         s == ExecutionStatus::Aborted;
}

}  // namespace kusari::studio

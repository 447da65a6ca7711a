// DebugSession's frame commands, pdb's way: up/down choose the frame that p, tensor and list look
// at (a stop selects the innermost user frame again); list shows its source around the line.
#include <algorithm>

#include "debug_session.h"

using namespace kusari::protocol;

namespace kusari::debug_cli {

namespace {
constexpr qint64 kListContext = 5;  // lines above and below; a listing is 11 lines
}

void DebugSession::setFrames(const QList<StackFrame>& frames) {
  frames_.clear();
  for (const StackFrame& f : frames)
    if (!program_.isRunner(f.source)) frames_.append(f);
  frame_ = 0;
  list_next_ = 0;
}

qint64 DebugSession::frameId() const { return frames_.isEmpty() ? 1 : frames_[frame_].id; }

void DebugSession::moveFrame(const QString& args, int direction) {
  bool ok = true;
  const int count = args.isEmpty() ? 1 : args.toInt(&ok);
  if (!ok || count < 1) {
    err(QStringLiteral("*** usage: %1 [COUNT]\n").arg(direction > 0 ? QStringLiteral("up") : QStringLiteral("down")));
    return;
  }
  if (frames_.isEmpty()) {
    err(QStringLiteral("*** no frames of the program to move between\n"));
    return;
  }
  const qsizetype target = std::clamp<qsizetype>(frame_ + direction * qsizetype(count), 0, frames_.size() - 1);
  if (target == frame_) {
    err(direction > 0 ? QStringLiteral("*** Oldest frame\n") : QStringLiteral("*** Newest frame\n"));
    return;
  }
  frame_ = target;
  list_next_ = 0;
  const StackFrame& f = frames_[frame_];
  printLocation(f.source, f.line, f.function, true);
}

void DebugSession::list(const QString& args) {
  if (frames_.isEmpty()) {
    err(QStringLiteral("*** no source to list\n"));
    return;
  }
  const StackFrame& f = frames_[frame_];
  qint64 first = list_next_ > 0 ? list_next_ : f.line - kListContext;
  if (!args.isEmpty()) {
    bool ok = false;
    const qint64 center = args.toLongLong(&ok);
    if (!ok || center < 1) {
      err(QStringLiteral("*** usage: list [LINE]\n"));
      return;
    }
    first = center - kListContext;
  }
  first = std::max<qint64>(first, 1);
  const qint64 count = program_.lineCount(f.source);
  if (first > count) {
    err(QStringLiteral("*** end of %1 (%2 lines)\n").arg(program_.displayName(f.source)).arg(count));
    return;
  }
  const qint64 last = std::min(count, first + 2 * kListContext);
  for (qint64 line = first; line <= last; ++line) {
    const bool breakpoint = std::any_of(breakpoints_.begin(), breakpoints_.end(), [&](const Breakpoint& b) {
      return b.kind == QLatin1StringView("line") && b.source == f.source && b.line == line;
    });
    out(QStringLiteral("%1 %2%3\t%4\n")
            .arg(line, 4)
            .arg(breakpoint ? QStringLiteral("B") : QStringLiteral(" "))
            .arg(line == f.line ? QStringLiteral("->") : QStringLiteral("  "))
            .arg(program_.sourceLine(f.source, line)));
  }
  list_next_ = last + 1;
}

}  // namespace kusari::debug_cli

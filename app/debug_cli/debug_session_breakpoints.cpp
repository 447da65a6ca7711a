// DebugSession's breakpoint commands: break (line, op, link, nan; list), delete, and sending
// the sets to the kernel.
#include <QRegularExpression>

#include "debug_session.h"

using namespace kusari::protocol;
using kusari::client::KernelClient;

namespace kusari::debug_cli {

void DebugSession::breakCommand(const QString& args) {
  if (args.isEmpty()) {
    if (breakpoints_.isEmpty()) out(QStringLiteral("no breakpoints\n"));
    for (const Breakpoint& b : breakpoints_) {
      if (b.kind == QLatin1StringView("line"))
        out(QStringLiteral("%1  %2:%3%4\n").arg(b.number).arg(program_.displayName(b.source)).arg(b.line)
                .arg(b.condition.isEmpty() ? QString() : QStringLiteral(" if ") + b.condition));
      else
        out(QStringLiteral("%1  %2 %3\n").arg(b.number).arg(b.kind, b.name));
    }
    return;
  }
  static const QRegularExpression opForm(QStringLiteral("^(op|link)\\s+(\\S+)$"));
  Breakpoint b;
  const QRegularExpressionMatch m = opForm.match(args);
  if (m.hasMatch()) {
    b.kind = m.captured(1);
    b.name = m.captured(2);
  } else if (args == QLatin1StringView("nan")) {
    b.kind = QStringLiteral("nan");
  } else {
    static const QRegularExpression conditionForm(QStringLiteral("^(\\S+)(?:\\s+if\\s+(.+))?$"));
    const QRegularExpressionMatch c = conditionForm.match(args);
    QString error;
    if (!c.hasMatch() || !program_.resolve(c.captured(1), stopped_source_, &b.source, &b.line, &error)) {
      err(QStringLiteral("*** %1\n").arg(error.isEmpty() ? QStringLiteral("usage: break FILE:LINE [if COND]") : error));
      return;
    }
    b.kind = QStringLiteral("line");
    b.condition = c.captured(2).trimmed();
  }
  b.number = next_number_++;
  breakpoints_.append(b);
  if (b.kind == QLatin1StringView("line")) sendLineBreakpoints(b.number);
  else sendOpBreakpoints(b.number);
}

void DebugSession::deleteCommand(const QString& args) {
  if (args.isEmpty()) {
    breakpoints_.clear();
  } else {
    bool ok = false;
    const int n = args.toInt(&ok);
    const auto removed = breakpoints_.removeIf( [&](const Breakpoint& b) { return ok && b.number == n; });
    if (removed == 0) {
      err(QStringLiteral("*** no breakpoint %1\n").arg(args));
      return;
    }
  }
  sendLineBreakpoints(0);
  sendOpBreakpoints(0);
}

void DebugSession::sendLineBreakpoints(int announce) {
  QList<SourceBreakpoint> lines;
  QList<int> numbers;
  for (const Breakpoint& b : breakpoints_) {
    if (b.kind != QLatin1StringView("line")) continue;
    lines.append(SourceBreakpoint{b.source, b.line, b.condition, {}, {}, true});
    numbers.append(b.number);
  }
  expect<SetBreakpointsReply>(kernel_.setBreakpoints(lines), &KernelClient::setBreakpointsReply,
                              [this, announce, numbers, lines](const SetBreakpointsReply& reply) {
    if (!reply.error.isEmpty()) err(QStringLiteral("*** %1\n").arg(reply.error));
    const qsizetype i = numbers.indexOf(announce);
    if (i < 0) return;
    const BreakpointStatus status = reply.breakpoints.value(i);
    out(QStringLiteral("Breakpoint %1 at %2:%3%4\n").arg(announce).arg(program_.displayName(lines[i].source)).arg(lines[i].line)
            .arg(status.verified ? QString() : QStringLiteral(" (never hits: %1)").arg(status.message)));
  });
}

void DebugSession::sendOpBreakpoints(int announce) {
  QStringList ops, links;
  bool nan = false;
  QString what;
  for (const Breakpoint& b : breakpoints_) {
    if (b.kind == QLatin1StringView("op")) ops << b.name;
    else if (b.kind == QLatin1StringView("link")) links << b.name;
    else if (b.kind == QLatin1StringView("nan")) nan = true;
    if (b.number == announce) what = b.kind == QLatin1StringView("nan") ? QStringLiteral("the first NaN/Inf") : b.kind + QLatin1Char(' ') + b.name;
  }
  expect<SetOpBreakpointsReply>(kernel_.setOpBreakpoints(ops, links, nan, record_graph_), &KernelClient::setOpBreakpointsReply,
                                [this, announce, what](const SetOpBreakpointsReply& reply) {
    if (!reply.error.isEmpty()) err(QStringLiteral("*** %1\n").arg(reply.error));
    else if (announce > 0) out(QStringLiteral("Breakpoint %1 at %2\n").arg(announce).arg(what));
  });
}

}  // namespace kusari::debug_cli

#include "debug_session.h"

#include <QCborArray>
#include <QRegularExpression>
#include <QTimer>

#include <cstdio>

#include "format.h"

using namespace kusari::protocol;
using kusari::client::KernelClient;

namespace kusari::debug_cli {

namespace {

constexpr int kShutdownWaitMs = 5000;

QString ensureNewline(QString text) {
  if (!text.endsWith(QLatin1Char('\n'))) text += QLatin1Char('\n');
  return text;
}

}  // namespace

DebugSession::DebugSession(Program& program, KernelClient& kernel, bool recordGraph, bool interactive)
    : program_(program), kernel_(kernel), record_graph_(recordGraph), interactive_(interactive) {
  connect(&kernel_, &KernelClient::statusChanged, this, [this](KernelClient::State s) {
    if (s == KernelClient::State::Idle && state_ == State::Starting) {
      state_ = State::Ready;
      if (record_graph_) sendOpBreakpoints(0);
      pump();
    }
  });
  connect(&kernel_, &KernelClient::stream, this, [this](const QString&, const QString& name, const QString& text) {
    (name == QLatin1StringView("stderr") ? err(text) : out(text));
  });
  connect(&kernel_, &KernelClient::error, this, [this](const QString& id, const Error& e) {
    if (id != running_id_) return;
    if (e.ename == QLatin1StringView("SystemExit")) {  // sys.exit(n): n is the status, as with python
      bool number = false;
      const int code = e.evalue.toInt(&number);
      system_exit_ = true;
      status_ = e.evalue.isEmpty() || e.evalue == QLatin1StringView("None") ? 0 : number ? code : 1;
      if (!number && status_ != 0) err(ensureNewline(e.evalue));
      return;
    }
    status_ = 1;
    QStringList traceback;  // without the script runner's frame
    for (const QString& chunk : e.traceback)
      if (!program_.isRunner(chunk.section(QLatin1Char('"'), 1, 1)) || !chunk.startsWith(QLatin1StringView("  File "))) traceback << chunk;
    err(traceback.isEmpty() ? QStringLiteral("%1: %2\n").arg(e.ename, e.evalue) : traceback.join(QString()));
  });
  connect(&kernel_, &KernelClient::executeReply, this, [this](const QString& id, const ExecuteReply& reply) {
    if (id == running_id_) unitFinished(reply);
  });
  connect(&kernel_, &KernelClient::debugStopped, this, [this](const QString&, const StoppedEvent& e) { stopped(e); });
  connect(&kernel_, &KernelClient::graphEvents, this, [this](const QString&, const GraphEvents& g) {
    for (const QCborMap& e : g.events) {
      const QString kind = e.value(QStringLiteral("event")).toString();
      if (kind == QLatin1StringView("reset")) {
        graph_.clear();
        backward_ran_.clear();
      } else if (kind == QLatin1StringView("node")) {
        graph_.append(e);
      } else if (kind == QLatin1StringView("backward")) {
        backward_ran_.insert(e.value(QStringLiteral("id")).toInteger());
      }
    }
  });
  connect(&kernel_, &KernelClient::died, this, [this](int, const QString& why) {
    err(QStringLiteral("kusari-debug: the kernel died: %1\n").arg(why));
    finish(1);
  });
}

void DebugSession::start() { kernel_.start(); }

void DebugSession::addLine(const QString& line) {
  queue_.append(line);
  pump();
}

void DebugSession::endOfInput() {
  eof_ = true;
  pump();
}

void DebugSession::out(const QString& text) {
  std::fputs(text.toUtf8().constData(), stdout);
  std::fflush(stdout);
}

void DebugSession::err(const QString& text) {
  std::fflush(stdout);
  std::fputs(text.toUtf8().constData(), stderr);
  std::fflush(stderr);
}

// ---- the command loop ----

void DebugSession::pump() {
  while (pending_ == 0 && (state_ == State::Ready || state_ == State::Stopped)) {
    if (queue_.isEmpty()) {
      if (eof_) {
        quit(state_ == State::Stopped ? 1 : status_);
      } else if (interactive_ && !prompted_) {
        out(QStringLiteral("(kdb) "));
        prompted_ = true;
      }
      return;
    }
    const QString line = queue_.takeFirst().trimmed();
    if (!interactive_) out(QStringLiteral("(kdb) %1\n").arg(line));
    prompted_ = false;
    command(line);
  }
}

void DebugSession::command(const QString& line) {
  if (line.isEmpty()) return;
  const qsizetype space = line.indexOf(QLatin1Char(' '));
  const QString name = line.left(space < 0 ? line.size() : space);
  const QString args = space < 0 ? QString() : line.mid(space + 1).trimmed();
  const bool stopped = state_ == State::Stopped;
  auto needStop = [&] {
    if (!stopped) err(QStringLiteral("*** %1: the program is not stopped%2\n")
                          .arg(name, state_ == State::Ready ? QStringLiteral(" (start it with run)") : QString()));
    return stopped;
  };
  if (name == QLatin1StringView("break") || name == QLatin1StringView("b")) breakCommand(args);
  else if (name == QLatin1StringView("delete") || name == QLatin1StringView("d")) deleteCommand(args);
  else if (name == QLatin1StringView("run")) {
    if (state_ == State::Ready) run();
    else err(QStringLiteral("*** the program is already running\n"));
  } else if (name == QLatin1StringView("continue") || name == QLatin1StringView("c") || name == QLatin1StringView("cont")) {
    if (needStop()) resume(QStringLiteral("continue"));
  } else if (name == QLatin1StringView("next") || name == QLatin1StringView("n")) {
    if (needStop()) resume(QStringLiteral("next"));
  } else if (name == QLatin1StringView("step") || name == QLatin1StringView("s")) {
    if (needStop()) resume(QStringLiteral("step"));
  } else if (name == QLatin1StringView("return") || name == QLatin1StringView("r")) {
    if (needStop()) resume(QStringLiteral("return"));
  } else if (name == QLatin1StringView("nextop")) {
    if (needStop()) resume(QStringLiteral("next_op"));
  } else if (name == QLatin1StringView("where") || name == QLatin1StringView("bt") || name == QLatin1StringView("w")) {
    if (needStop()) where();
  } else if (name == QLatin1StringView("up") || name == QLatin1StringView("u")) {
    if (needStop()) moveFrame(args, +1);
  } else if (name == QLatin1StringView("down")) {
    if (needStop()) moveFrame(args, -1);
  } else if (name == QLatin1StringView("list") || name == QLatin1StringView("l")) {
    if (needStop()) list(args);
  } else if (name == QLatin1StringView("p") || name == QLatin1StringView("print")) {
    if (needStop()) print(args, false);
  } else if (name == QLatin1StringView("tensor")) {
    if (needStop()) print(args, true);
  } else if (name == QLatin1StringView("graph")) graph();
  else if (name == QLatin1StringView("quit") || name == QLatin1StringView("q") || name == QLatin1StringView("exit"))
    quit(state_ == State::Stopped ? 1 : status_);
  else if (name == QLatin1StringView("help") || name == QLatin1StringView("h")) help();
  else err(QStringLiteral("*** unknown command %1 (help lists them)\n").arg(name));
}

void DebugSession::help() {
  out(QStringLiteral(
      "break FILE:LINE [if COND]  a line breakpoint (FILE: a path, or cellN / a cell id in a notebook)\n"
      "break op NAME | break link PATH | break nan   stop at an op, a link's enter/exit, the first NaN/Inf\n"
      "break                      list breakpoints;  delete [N]  delete one, or all\n"
      "run                        start the program\n"
      "continue (c), next (n), step (s), return (r), nextop   resume\n"
      "where (bt), p EXPR, tensor EXPR, graph                inspect the stopped program\n"
      "up (u) [N], down [N], list (l) [LINE]                 choose the frame p/tensor/list look at; its source\n"
      "quit (q)\n"));
}

// ---- running ----

void DebugSession::run() {
  if (program_.units().isEmpty()) {
    out(QStringLiteral("the notebook has no code cells\n"));
    finish(0);
    return;
  }
  unit_ = 0;
  runUnit();
}

void DebugSession::runUnit() {
  state_ = State::Running;
  const ProgramUnit& unit = program_.units()[unit_];
  running_id_ = kernel_.execute(unit.code, unit.cellId);
}

void DebugSession::unitFinished(const ExecuteReply& reply) {
  running_id_.clear();
  const bool ok = reply.status == QLatin1StringView("ok");
  if (ok && ++unit_ < program_.units().size()) {
    runUnit();
    return;
  }
  if (!ok && !system_exit_) status_ = 1;  // an error, or aborted
  finish(status_);
}

void DebugSession::resume(const QString& action) {
  state_ = State::Running;
  expect<DebugControlReply>(kernel_.debugControl(action), &KernelClient::debugControlReply, [this](const DebugControlReply& reply) {
    if (reply.error.isEmpty()) return;
    err(QStringLiteral("*** %1\n").arg(reply.error));
    if (state_ == State::Running && !running_id_.isEmpty()) state_ = State::Stopped;
  });
}

void DebugSession::stopped(const StoppedEvent& e) {
  state_ = State::Stopped;
  stopped_source_ = e.source;
  const bool opStop = !e.extra.isEmpty() && e.extra.contains(QStringLiteral("phase"));
  if (opStop) {
    out(QStringLiteral("Stopped (%1): %2\n").arg(e.reason, e.description));
    auto side = [&](const char* key, const QString& label) {
      const QCborArray list = e.extra.value(QLatin1StringView(key)).toArray();
      for (qsizetype i = 0; i < list.size(); ++i) out(QStringLiteral("  %1 %2: %3\n").arg(label).arg(i).arg(statsText(list[i].toMap())));
    };
    const bool backward = e.extra.value(QStringLiteral("phase")).toString() == QLatin1StringView("backward");
    side("inputs", backward ? QStringLiteral("grad out") : QStringLiteral("input"));
    side("outputs", backward ? QStringLiteral("grad in") : QStringLiteral("output"));
  } else if (e.reason != QLatin1StringView("breakpoint") && e.reason != QLatin1StringView("step") && !e.description.isEmpty()) {
    out(QStringLiteral("Stopped (%1): %2\n").arg(e.reason, e.description));
  }
  setFrames(e.frames);
  const QString function = e.frames.isEmpty() ? QString() : e.frames[0].function;
  printLocation(e.source, e.line, function, true);
  pump();
}

void DebugSession::printLocation(const QString& source, qint64 line, const QString& function, bool current) {
  out(QStringLiteral("%1 %2(%3)%4()\n").arg(current ? QStringLiteral(">") : QStringLiteral(" "), program_.displayName(source)).arg(line).arg(function));
  const QString text = program_.sourceLine(source, line);
  if (!text.isEmpty()) out(QStringLiteral("-> %1\n").arg(text.trimmed()));
}

void DebugSession::where() {
  expect<StackReply>(kernel_.requestStack(), &KernelClient::stackReply, [this](const StackReply& reply) {
    if (!reply.error.isEmpty()) {
      err(QStringLiteral("*** %1\n").arg(reply.error));
      return;
    }
    const qint64 selected = frameId();
    for (qsizetype i = reply.frames.size() - 1; i >= 0; --i) {
      const StackFrame& f = reply.frames[i];
      if (program_.isRunner(f.source)) continue;
      printLocation(f.source, f.line, f.function, f.id == selected);
    }
  });
}

void DebugSession::print(const QString& expression, bool tensor) {
  if (expression.isEmpty()) {
    err(QStringLiteral("*** usage: %1 EXPR\n").arg(tensor ? QStringLiteral("tensor") : QStringLiteral("p")));
    return;
  }
  expect<EvaluateReply>(kernel_.evaluate(expression, frameId()), &KernelClient::evaluateReply, [this, expression, tensor](const EvaluateReply& reply) {
    if (!reply.error.isEmpty()) {
      err(QStringLiteral("*** %1\n").arg(reply.error));
      return;
    }
    if (!tensor) {
      out(ensureNewline(reply.result.value));
    } else if (!reply.result.tensor) {
      out(QStringLiteral("%1 is a %2, not a tensor: %3\n").arg(expression, reply.result.typeName, reply.result.value));
    } else {
      out(QStringLiteral("%1: %2 %3\n").arg(expression, reply.result.typeName, statsText(*reply.result.tensor)));
      out(ensureNewline(reply.result.value));
    }
  });
}

void DebugSession::graph() {
  if (!record_graph_) {
    err(QStringLiteral("*** the graph is not recorded (--no-graph)\n"));
    return;
  }
  if (graph_.isEmpty()) {
    out(QStringLiteral("no graph nodes recorded yet\n"));
    return;
  }
  for (const QCborMap& node : graph_)
    out(graphNodeText(node, backward_ran_.contains(node.value(QStringLiteral("id")).toInteger())) + QLatin1Char('\n'));
}

// ---- the end ----

void DebugSession::quit(int status) {
  finish(running_id_.isEmpty() ? status : 1);
}

void DebugSession::finish(int status) {
  if (state_ == State::Done) return;
  state_ = State::Done;
  if (kernel_.state() == KernelClient::State::NotRunning || kernel_.state() == KernelClient::State::Dead) {
    finished_emitted_ = true;
    emit finished(status);
    return;
  }
  auto once = [this, status] {
    if (finished_emitted_) return;
    finished_emitted_ = true;
    emit finished(status);
  };
  connect(&kernel_, &KernelClient::stopped, this, once);
  QTimer::singleShot(kShutdownWaitMs, this, once);
  kernel_.shutdown();
}

}  // namespace kusari::debug_cli

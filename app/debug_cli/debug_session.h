// kusari-debug's state machine: takes commands one at a time (each waits for what it asked of
// the kernel), runs the program's units, shows where the kernel stopped, and ends with the
// program's status. See README.md in this folder for the commands.
#pragma once

#include <QObject>
#include <QTimer>
#include <QSet>
#include <QStringList>

#include <functional>
#include <memory>

#include "client/kernel_client.h"
#include "program.h"

namespace kusari::debug_cli {

class DebugSession : public QObject {
  Q_OBJECT
 public:
  // interactive: stdin is a terminal (prompt "(kdb) "); otherwise each command is echoed.
  DebugSession(Program& program, client::KernelClient& kernel, bool recordGraph, bool interactive);

  void start();
  void addLine(const QString& line);
  void endOfInput();

 signals:
  void finished(int status);

 private:
  enum class State { Starting, Ready, Running, Stopped, Done };
  struct Breakpoint {
    int number = 0;
    QString kind;  // line | op | link | nan
    QString source, condition, name;
    qint64 line = 0;
  };

  void pump();
  void command(const QString& line);
  void breakCommand(const QString& args);
  void deleteCommand(const QString& args);
  void run();
  void runUnit();
  void resume(const QString& action);
  void where();
  // debug_session_frames.cpp: the frame that p, tensor and list look at (pdb's up/down/list).
  void setFrames(const QList<protocol::StackFrame>& frames);
  qint64 frameId() const;
  void moveFrame(const QString& args, int direction);
  void list(const QString& args);
  void print(const QString& expression, bool tensor);
  void graph();
  void quit(int status);
  void help();

  void sendLineBreakpoints(int announce);
  void sendOpBreakpoints(int announce);
  void stopped(const protocol::StoppedEvent& event);
  void unitFinished(const protocol::ExecuteReply& reply);
  void finish(int status);
  void out(const QString& text);
  void err(const QString& text);
  void printLocation(const QString& source, qint64 line, const QString& function, bool current);
  // Runs `handle` on the reply to request `id` (one shot); commands wait until it came.
  template <class Reply>
  void expect(const QString& id, void (client::KernelClient::*signal)(const QString&, const Reply&),
              std::function<void(const Reply&)> handle);

  Program& program_;
  client::KernelClient& kernel_;
  bool record_graph_;
  bool interactive_;
  State state_ = State::Starting;
  QStringList queue_;
  bool eof_ = false;
  int pending_ = 0;       // replies still awaited
  bool prompted_ = false;
  QList<Breakpoint> breakpoints_;
  int next_number_ = 1;
  int unit_ = -1;
  QString running_id_;    // the execute_request of the unit running
  int status_ = 0;
  bool system_exit_ = false;  // the program called sys.exit(): status_ is its code
  bool finished_emitted_ = false;
  QString stopped_source_;
  QList<protocol::StackFrame> frames_;  // the stop's user frames, innermost first
  qsizetype frame_ = 0;                 // the selected one (up/down)
  qint64 list_next_ = 0;                // where a bare `list` goes on (0: around the frame's line)
  QList<QCborMap> graph_;  // node events of the current pass
  QSet<qint64> backward_ran_;
};

template <class Reply>
void DebugSession::expect(const QString& id, void (client::KernelClient::*signal)(const QString&, const Reply&),
                          std::function<void(const Reply&)> handle) {
  ++pending_;
  auto connection = std::make_shared<QMetaObject::Connection>();
  auto failed = std::make_shared<QMetaObject::Connection>();
  auto done = [this, connection, failed] {
    disconnect(*connection);
    disconnect(*failed);
    --pending_;
    QTimer::singleShot(0, this, &DebugSession::pump);
  };
  *connection = connect(&kernel_, signal, this, [id, handle, done](const QString& parent, const Reply& reply) {
    if (parent != id) return;
    done();
    handle(reply);
  });
  *failed = connect(&kernel_, &client::KernelClient::requestFailed, this, [this, id, done](const QString& parent, const QString& why) {
    if (parent != id) return;
    done();
    err(QStringLiteral("*** %1\n").arg(why));
  });
}

}  // namespace kusari::debug_cli

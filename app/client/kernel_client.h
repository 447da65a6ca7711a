// KernelClient: a notebook's handle on its kernel process. It starts kusari-kernel, sends
// requests (each returns its request id), turns the kernel's messages into typed signals,
// interrupts with SIGINT, restarts, and notices death at once: a crash or an exit is reported
// by died() and every request still waiting for a reply by requestFailed().
#pragma once

#include "protocol/messages.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace kusari::client {

class KernelConnection;

class KernelClient : public QObject {
  Q_OBJECT
 public:
  enum class State { NotRunning, Starting, Idle, Busy, Dead };
  Q_ENUM(State)

  explicit KernelClient(QObject* parent = nullptr);
  ~KernelClient() override;

  // kusari-kernel next to the running executable (where the build and an install put it).
  static QString defaultKernelProgram();
  void setKernelProgram(const QString& path) { program_ = path; }
  QString kernelProgram() const { return program_; }
  // Directories the kernel puts first on sys.path (e.g. <build>/python for `import kusari`).
  void setPythonPath(const QStringList& directories) { python_path_ = directories; }

  // Starts a kernel; one already running is retired as by restart().
  void start();
  QString execute(const QString& code, const QString& cellId, bool silent = false);
  QString complete(const QString& code, qint64 cursorPos);
  QString inspect(const QString& code, qint64 cursorPos);
  QString requestKernelInfo();
  QString requestVariables();
  // The line debugger (protocol README, "Debugger"). Each returns the request id.
  // breakOnException: pause with reason "exception" before an exception ends the cell.
  QString setBreakpoints(const QList<protocol::SourceBreakpoint>& breakpoints, bool breakOnException = false);
  // continue | next | step | return | run_to (with source, line) | pause
  QString debugControl(const QString& action, const QString& source = {}, qint64 line = 0);
  QString requestStack();
  QString requestScopes(qint64 frameId);
  QString requestChildren(qint64 reference);
  QString evaluate(const QString& expression, qint64 frameId = 1);
  QString setVariable(qint64 frameId, const QString& name, const QString& expression);
  QString requestTensorData(const protocol::TensorDataRequest& request);
  // Op breakpoints (protocol README, "Op breakpoints and the graph"): replaces the whole op set.
  QString setOpBreakpoints(const QStringList& ops, const QStringList& links, bool nanWatch, bool recordGraph);
  void interrupt();             // SIGINT to the kernel process
  void sendInterruptRequest();  // the same through the socket (for kernels on other hosts)
  // The running Trainer stops at its next iteration boundary (no reply; see protocol README).
  void stopTraining();
  // Asks the kernel to finish; it is killed if it has not exited within a few seconds.
  void shutdown();
  // A fresh kernel: the old one is shut down (killed if it lingers), its requests failed.
  void restart();

  State state() const { return state_; }
  qint64 processId() const;

 signals:
  void statusChanged(kusari::client::KernelClient::State state);
  void stream(const QString& requestId, const QString& name, const QString& text);
  void displayData(const QString& requestId, const kusari::protocol::DisplayData& data);
  // The value of the cell's last expression, with the request's execution count.
  void executeResult(const QString& requestId, const kusari::protocol::ExecuteResult& result);
  // New content for the outputs shown with data.displayId (by any earlier request).
  void updateDisplayData(const QString& requestId, const kusari::protocol::UpdateDisplayData& data);
  void error(const QString& requestId, const kusari::protocol::Error& error);
  void executeReply(const QString& requestId, const kusari::protocol::ExecuteReply& reply);
  void completeReply(const QString& requestId, const kusari::protocol::CompleteReply& reply);
  void inspectReply(const QString& requestId, const kusari::protocol::InspectReply& reply);
  void kernelInfoReply(const QString& requestId, const kusari::protocol::KernelInfoReply& reply);
  void variablesReply(const QString& requestId, const kusari::protocol::VariablesReply& reply);
  // Batched live training metrics of the cell that `requestId` runs.
  void metrics(const QString& requestId, const kusari::protocol::Metrics& metrics);
  // Debugger events; requestId is the execute_request of the paused cell.
  void debugStopped(const QString& requestId, const kusari::protocol::StoppedEvent& event);
  void debugContinued(const QString& requestId);
  void setBreakpointsReply(const QString& requestId, const kusari::protocol::SetBreakpointsReply& reply);
  void debugControlReply(const QString& requestId, const kusari::protocol::DebugControlReply& reply);
  void stackReply(const QString& requestId, const kusari::protocol::StackReply& reply);
  void scopesReply(const QString& requestId, const kusari::protocol::ScopesReply& reply);
  void childrenReply(const QString& requestId, const kusari::protocol::ChildrenReply& reply);
  void evaluateReply(const QString& requestId, const kusari::protocol::EvaluateReply& reply);
  void setVariableReply(const QString& requestId, const kusari::protocol::SetVariableReply& reply);
  void tensorDataReply(const QString& requestId, const kusari::protocol::TensorDataReply& reply);
  void setOpBreakpointsReply(const QString& requestId, const kusari::protocol::SetOpBreakpointsReply& reply);
  // Graph events of the cell that `requestId` runs (record_graph on).
  void graphEvents(const QString& requestId, const kusari::protocol::GraphEvents& events);
  // Per-layer parameter and gradient statistics of a Trainer that `requestId` runs.
  void paramStats(const QString& requestId, const kusari::protocol::ParamStats& stats);
  // A request that will never get its reply (the kernel died, shut down or restarted).
  void requestFailed(const QString& requestId, const QString& reason);
  // A message that none of the signals above covers (a newer kernel's reply or event).
  void otherMessage(const QString& type, const QString& parent, const QCborMap& content);
  // The kernel ended without being asked to: exitCode and how it ended ("killed by signal 11
  // (Segmentation fault)", "exited with code 3").
  void died(int exitCode, const QString& description);
  // The kernel ended after shutdown() asked it to.
  void stopped();

 private:
  template <class Body>
  QString send(const Body& body);
  void dispatch(const protocol::Message& message);
  bool dispatchDebug(const protocol::Message& message);
  void connectionFinished(int exitCode, const QString& description, bool crashed);
  void retire(KernelConnection* connection);
  void failPending(const QString& reason);
  void setState(State state);

  QString program_;
  QStringList python_path_;
  QPointer<KernelConnection> connection_;
  QHash<QString, QString> pending_;  // request id -> request type, until its reply
  State state_ = State::NotRunning;
  bool shutting_down_ = false;
};

}  // namespace kusari::client

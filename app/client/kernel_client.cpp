#include "kernel_client.h"

#include "kernel_connection.h"

#include <QCoreApplication>
#include <QTimer>
#include <QUuid>

#include <signal.h>

using namespace kusari::protocol;

namespace kusari::client {

namespace {
constexpr int kShutdownGraceMs = 3000;  // then the kernel is killed
}

KernelClient::KernelClient(QObject* parent) : QObject(parent), program_(defaultKernelProgram()) {}

KernelClient::~KernelClient() = default;  // the connection (a child) kills a running kernel

QString KernelClient::defaultKernelProgram() {
  return QCoreApplication::applicationDirPath() + QStringLiteral("/kusari-kernel");
}

void KernelClient::start() {
  if (connection_) {
    retire(connection_);
    failPending(QStringLiteral("the kernel was restarted"));
  }
  shutting_down_ = false;
  QStringList arguments;
  for (const QString& dir : std::as_const(python_path_)) arguments << QStringLiteral("--python-path") << dir;
  connection_ = new KernelConnection(program_, arguments, this);
  KernelConnection* connection = connection_;
  connect(connection, &KernelConnection::messageReceived, this, &KernelClient::dispatch);
  connect(connection, &KernelConnection::finished, this, &KernelClient::connectionFinished);
  setState(State::Starting);
  connection->start();
}

template <class Body>
QString KernelClient::send(const Body& body) {
  const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
  if (!connection_ || state_ == State::Dead || state_ == State::NotRunning) {
    // Reported from the event loop, so a caller can connect to the id it gets back first.
    QTimer::singleShot(0, this, [this, id] { emit requestFailed(id, QStringLiteral("the kernel is not running")); });
    return id;
  }
  pending_.insert(id, QString::fromLatin1(Body::kType));
  connection_->send(Message::make(body, id));
  return id;
}

QString KernelClient::execute(const QString& code, const QString& cellId, bool silent) {
  return send(ExecuteRequest{code, cellId, silent});
}
QString KernelClient::complete(const QString& code, qint64 cursorPos) { return send(CompleteRequest{code, cursorPos}); }
QString KernelClient::inspect(const QString& code, qint64 cursorPos) { return send(InspectRequest{code, cursorPos}); }
QString KernelClient::requestKernelInfo() { return send(KernelInfoRequest{}); }
QString KernelClient::requestVariables() { return send(VariablesRequest{}); }

QString KernelClient::setBreakpoints(const QList<SourceBreakpoint>& breakpoints, bool breakOnException) {
  return send(SetBreakpointsRequest{breakpoints, breakOnException});
}
QString KernelClient::debugControl(const QString& action, const QString& source, qint64 line) {
  return send(DebugControlRequest{action, source, line});
}
QString KernelClient::requestStack() { return send(StackRequest{}); }
QString KernelClient::requestScopes(qint64 frameId) { return send(ScopesRequest{frameId}); }
QString KernelClient::requestChildren(qint64 reference) { return send(ChildrenRequest{reference}); }
QString KernelClient::evaluate(const QString& expression, qint64 frameId) {
  return send(EvaluateRequest{expression, frameId});
}
QString KernelClient::setVariable(qint64 frameId, const QString& name, const QString& expression) {
  return send(SetVariableRequest{frameId, name, expression});
}
QString KernelClient::requestTensorData(const TensorDataRequest& request) { return send(request); }
QString KernelClient::setOpBreakpoints(const QStringList& ops, const QStringList& links, bool nanWatch, bool recordGraph) {
  return send(SetOpBreakpointsRequest{ops, links, nanWatch, recordGraph});
}

void KernelClient::interrupt() {
  if (connection_) connection_->sendSignal(SIGINT);
}

void KernelClient::sendInterruptRequest() {
  if (connection_) connection_->send(Message::make(InterruptRequest{}, QUuid::createUuid().toString(QUuid::WithoutBraces)));
}

void KernelClient::stopTraining() {
  if (connection_) connection_->send(Message::make(StopTrainingRequest{}, QUuid::createUuid().toString(QUuid::WithoutBraces)));
}

void KernelClient::shutdown() {
  if (!connection_) return;
  shutting_down_ = true;
  connection_->send(Message::make(ShutdownRequest{false}, QUuid::createUuid().toString(QUuid::WithoutBraces)));
  QPointer<KernelConnection> connection = connection_;
  QTimer::singleShot(kShutdownGraceMs, this, [connection] { if (connection) connection->kill(); });
}

void KernelClient::restart() { start(); }

qint64 KernelClient::processId() const { return connection_ ? connection_->processId() : 0; }

// The old kernel is asked to leave and killed if it lingers; nothing it says matters any more.
void KernelClient::retire(KernelConnection* connection) {
  connection->disconnect(this);
  if (connection == connection_) connection_ = nullptr;
  if (!connection->isRunning()) {
    connection->deleteLater();
    return;
  }
  connect(connection, &KernelConnection::finished, connection, &QObject::deleteLater);
  connection->send(Message::make(ShutdownRequest{true}, QUuid::createUuid().toString(QUuid::WithoutBraces)));
  QTimer::singleShot(kShutdownGraceMs, connection, [connection] { connection->kill(); });
}

void KernelClient::dispatch(const Message& message) {
  const QString& parent = message.parent;
  if (message.is<Status>()) {
    const QString s = message.body<Status>().executionState;
    setState(s == QLatin1StringView("busy") ? State::Busy : s == QLatin1StringView("idle") ? State::Idle : State::Starting);
    return;
  }
  if (message.is<Stream>()) {
    const Stream s = message.body<Stream>();
    emit stream(parent, s.name, s.text);
  } else if (message.is<DisplayData>()) {
    emit displayData(parent, message.body<DisplayData>());
  } else if (message.is<UpdateDisplayData>()) {
    emit updateDisplayData(parent, message.body<UpdateDisplayData>());
  } else if (message.is<Metrics>()) {
    emit metrics(parent, message.body<Metrics>());
  } else if (message.is<ExecuteResult>()) {
    emit executeResult(parent, message.body<ExecuteResult>());
  } else if (message.is<ParamStats>()) {
    emit paramStats(parent, message.body<ParamStats>());
  } else if (message.is<Error>()) {
    emit error(parent, message.body<Error>());
  } else if (message.is<ExecuteReply>()) {
    pending_.remove(parent);
    emit executeReply(parent, message.body<ExecuteReply>());
  } else if (message.is<CompleteReply>()) {
    pending_.remove(parent);
    emit completeReply(parent, message.body<CompleteReply>());
  } else if (message.is<InspectReply>()) {
    pending_.remove(parent);
    emit inspectReply(parent, message.body<InspectReply>());
  } else if (message.is<KernelInfoReply>()) {
    pending_.remove(parent);
    emit kernelInfoReply(parent, message.body<KernelInfoReply>());
  } else if (message.is<VariablesReply>()) {
    pending_.remove(parent);
    emit variablesReply(parent, message.body<VariablesReply>());
  } else if (!dispatchDebug(message)) {
    if (message.type.endsWith(QLatin1StringView("_reply"))) pending_.remove(message.parent);
    emit otherMessage(message.type, message.parent, message.content);
  }
}

bool KernelClient::dispatchDebug(const Message& message) {
  const QString& parent = message.parent;
  if (message.is<StoppedEvent>()) {
    emit debugStopped(parent, message.body<StoppedEvent>());
    return true;
  }
  if (message.is<ContinuedEvent>()) {
    emit debugContinued(parent);
    return true;
  }
  if (message.is<GraphEvents>()) {
    emit graphEvents(parent, message.body<GraphEvents>());
    return true;
  }
  auto reply = [&](auto signal, auto body) {
    pending_.remove(parent);
    emit(this->*signal)(parent, body);
  };
  if (message.is<SetBreakpointsReply>()) reply(&KernelClient::setBreakpointsReply, message.body<SetBreakpointsReply>());
  else if (message.is<DebugControlReply>()) reply(&KernelClient::debugControlReply, message.body<DebugControlReply>());
  else if (message.is<StackReply>()) reply(&KernelClient::stackReply, message.body<StackReply>());
  else if (message.is<ScopesReply>()) reply(&KernelClient::scopesReply, message.body<ScopesReply>());
  else if (message.is<ChildrenReply>()) reply(&KernelClient::childrenReply, message.body<ChildrenReply>());
  else if (message.is<EvaluateReply>()) reply(&KernelClient::evaluateReply, message.body<EvaluateReply>());
  else if (message.is<SetVariableReply>()) reply(&KernelClient::setVariableReply, message.body<SetVariableReply>());
  else if (message.is<TensorDataReply>()) reply(&KernelClient::tensorDataReply, message.body<TensorDataReply>());
  else if (message.is<SetOpBreakpointsReply>()) reply(&KernelClient::setOpBreakpointsReply, message.body<SetOpBreakpointsReply>());
  else return false;
  return true;
}

void KernelClient::connectionFinished(int exitCode, const QString& description, bool crashed) {
  KernelConnection* connection = connection_;
  connection_ = nullptr;
  if (connection) connection->deleteLater();
  if (shutting_down_) {
    failPending(QStringLiteral("the kernel was shut down"));
    setState(State::NotRunning);
    emit stopped();
    return;
  }
  failPending(QStringLiteral("the kernel died: %1").arg(description));
  setState(State::Dead);
  emit died(exitCode, description);
}

void KernelClient::failPending(const QString& reason) {
  const QList<QString> ids = pending_.keys();
  pending_.clear();
  for (const QString& id : ids) emit requestFailed(id, reason);
}

void KernelClient::setState(State state) {
  if (state == state_) return;
  state_ = state;
  emit statusChanged(state);
}

}  // namespace kusari::client

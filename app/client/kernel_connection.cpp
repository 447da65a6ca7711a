#include "kernel_connection.h"

#include <QCoreApplication>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTimer>
#include <QUuid>

#include <signal.h>
#include <cstring>

namespace kusari::client {

namespace {
constexpr int kConnectTimeoutMs = 60000;  // a kernel that never calls back is as good as dead
}

KernelConnection::KernelConnection(const QString& program, const QStringList& extraArguments, QObject* parent)
    : QObject(parent), program_(program), extra_arguments_(extraArguments),
      process_(new QProcess(this)), server_(new QLocalServer(this)) {
  // The kernel's own stdout/stderr (C-level output, Python's fatal errors) go to ours.
  process_->setProcessChannelMode(QProcess::ForwardedChannels);
  connect(process_, &QProcess::finished, this, &KernelConnection::processFinished);
  connect(process_, &QProcess::errorOccurred, this, &KernelConnection::processError);
  server_->setSocketOptions(QLocalServer::UserAccessOption);
  connect(server_, &QLocalServer::newConnection, this, &KernelConnection::acceptKernel);
}

KernelConnection::~KernelConnection() {
  if (process_->state() != QProcess::NotRunning) {
    process_->disconnect(this);
    process_->kill();
    process_->waitForFinished(2000);
  }
}

void KernelConnection::start() {
  const QString name = QStringLiteral("kusari-kernel-%1-%2")
                           .arg(QCoreApplication::applicationPid())
                           .arg(QUuid::createUuid().toString(QUuid::Id128));
  if (!server_->listen(name)) {
    report(-1, QStringLiteral("cannot listen on %1: %2").arg(name, server_->errorString()), true);
    return;
  }
  process_->start(program_, QStringList{QStringLiteral("--socket"), server_->fullServerName()} + extra_arguments_);
  QTimer::singleShot(kConnectTimeoutMs, this, [this] {
    if (socket_ || !isRunning()) return;
    report(-1, QStringLiteral("the kernel did not connect within %1 s").arg(kConnectTimeoutMs / 1000), true);
    kill();
  });
}

void KernelConnection::acceptKernel() {
  QLocalSocket* socket = server_->nextPendingConnection();
  if (socket_) {  // one kernel per server; anything else knocking is turned away
    socket->abort();
    socket->deleteLater();
    return;
  }
  socket_ = socket;
  server_->close();
  connect(socket_, &QLocalSocket::readyRead, this, &KernelConnection::readMessages);
  for (const QByteArray& frame : std::as_const(unsent_)) socket_->write(frame);
  unsent_.clear();
  emit connected();
  readMessages();
}

void KernelConnection::send(const protocol::Message& message) {
  const QByteArray frame = protocol::encodeFrame(message);
  if (socket_ && socket_->state() == QLocalSocket::ConnectedState) socket_->write(frame);
  else if (!socket_) unsent_.append(frame);
}

void KernelConnection::readMessages() {
  if (!socket_ || reported_) return;
  reader_.append(socket_->readAll());
  while (std::optional<protocol::Message> message = reader_.next()) emit messageReceived(*message);
  if (reader_.hasError()) {
    // A kernel that speaks garbage cannot be trusted to run anything: end it.
    qWarning("kusari: protocol error from the kernel: %s", qPrintable(reader_.errorString()));
    kill();
  }
}

void KernelConnection::processFinished(int exitCode, QProcess::ExitStatus status) {
  readMessages();  // whatever the kernel said before it died still counts
  if (status == QProcess::CrashExit) {
    // On Unix a crashed QProcess's exit code is the number of the signal that ended it.
    report(exitCode, QStringLiteral("killed by signal %1 (%2)").arg(exitCode).arg(QString::fromLocal8Bit(strsignal(exitCode))), true);
  } else {
    report(exitCode, QStringLiteral("exited with code %1").arg(exitCode), false);
  }
}

void KernelConnection::processError(QProcess::ProcessError error) {
  // Only a failure to start is not followed by finished().
  if (error == QProcess::FailedToStart)
    report(-1, QStringLiteral("cannot start %1: %2").arg(program_, process_->errorString()), true);
}

void KernelConnection::report(int exitCode, const QString& description, bool crashed) {
  if (reported_) return;
  reported_ = true;
  server_->close();
  emit finished(exitCode, description, crashed);
}

void KernelConnection::sendSignal(int signalNumber) {
  if (process_->state() == QProcess::Running) ::kill(pid_t(process_->processId()), signalNumber);
}

void KernelConnection::kill() {
  if (process_->state() != QProcess::NotRunning) process_->kill();
}

qint64 KernelConnection::processId() const { return process_->processId(); }

bool KernelConnection::isRunning() const { return process_->state() != QProcess::NotRunning; }

}  // namespace kusari::client

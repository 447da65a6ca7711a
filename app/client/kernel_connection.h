// One kernel process and its socket: the client listens on a fresh QLocalServer, starts
// kusari-kernel with --socket NAME, and the kernel connects back. Messages sent before the
// kernel connects are queued. Death of the process (exit, signal, failure to start) is
// reported exactly once through finished().
#pragma once

#include "protocol/frame_reader.h"

#include <QObject>
#include <QProcess>

class QLocalServer;
class QLocalSocket;

namespace kusari::client {

class KernelConnection : public QObject {
  Q_OBJECT
 public:
  KernelConnection(const QString& program, const QStringList& extraArguments, QObject* parent = nullptr);
  ~KernelConnection() override;  // a kernel still running is killed

  void start();
  void send(const protocol::Message& message);
  void sendSignal(int signalNumber);  // e.g. SIGINT; no-op when not running
  void kill();
  qint64 processId() const;
  bool isRunning() const;

 signals:
  void connected();
  void messageReceived(const kusari::protocol::Message& message);
  // crashed: killed by a signal (description names it) or failed to start.
  void finished(int exitCode, const QString& description, bool crashed);

 private:
  void acceptKernel();
  void readMessages();
  void processFinished(int exitCode, QProcess::ExitStatus status);
  void processError(QProcess::ProcessError error);
  void report(int exitCode, const QString& description, bool crashed);

  QString program_;
  QStringList extra_arguments_;
  QProcess* process_;
  QLocalServer* server_;
  QLocalSocket* socket_ = nullptr;
  protocol::FrameReader reader_;
  QList<QByteArray> unsent_;  // frames sent before the kernel connected
  bool reported_ = false;
};

}  // namespace kusari::client

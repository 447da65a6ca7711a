// kusari-kernel --socket NAME [--python-path DIR]...
// Connects to the client's QLocalServer NAME and runs cells until shut down or disconnected.
#include "kernel_session.h"
#include "outbox.h"
#include "protocol/execution_messages.h"
#include "python_runtime.h"
#include "request_queue.h"
#include "socket_channel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include <pthread.h>

using namespace kusari::kernel;

namespace {

// --python-path entries, then KUSARI_PYTHONPATH, then <dir of this executable>/../python (where
// a build puts the kusari module).
QStringList pythonPathEntries(const QCommandLineParser& parser) {
  QStringList entries = parser.values(QStringLiteral("python-path"));
  entries += qEnvironmentVariable("KUSARI_PYTHONPATH").split(QDir::listSeparator(), Qt::SkipEmptyParts);
  const QDir beside(QCoreApplication::applicationDirPath() + QStringLiteral("/../python"));
  if (beside.exists()) entries.append(beside.canonicalPath());
  for (QString& entry : entries) entry = QDir(entry).absolutePath();
  entries.removeDuplicates();
  return entries;
}

// SIGINT must reach the Python thread, where it interrupts blocking calls too: threads started
// here inherit a mask that blocks it.
void startWithoutSigint(QThread& thread) {
  sigset_t sigint, previous;
  sigemptyset(&sigint);
  sigaddset(&sigint, SIGINT);
  pthread_sigmask(SIG_BLOCK, &sigint, &previous);
  thread.start();
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

}  // namespace

int main(int argc, char* argv[]) {
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("kusari-kernel"));
  QCoreApplication::setApplicationVersion(QStringLiteral(KUSARI_VERSION));
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Runs Python cells for a Kusari client."));
  parser.addHelpOption();
  parser.addOption({QStringLiteral("socket"), QStringLiteral("The client's local server to connect to."), QStringLiteral("name")});
  parser.addOption({QStringLiteral("python-path"), QStringLiteral("A directory to put first on sys.path (repeatable)."), QStringLiteral("dir")});
  parser.process(app);
  if (!parser.isSet(QStringLiteral("socket"))) {
    std::fprintf(stderr, "kusari-kernel: --socket NAME is required\n");
    return 2;
  }

  RequestQueue requests;
  Outbox outbox;
  KernelSession session(requests, outbox);
  SocketChannel::Hooks hooks;
  hooks.interrupt = [&session] { session.interrupt(); };
  hooks.shutdownRequested = [&session] { session.requestShutdown(); };
  hooks.stopTraining = [&session] { session.requestStopTraining(); };
  // Nobody is left to see a running cell's output: leave at once rather than finish it.
  hooks.disconnected = [&session] { if (session.executing()) std::_Exit(0); };
  SocketChannel channel(parser.value(QStringLiteral("socket")), requests, outbox, hooks);
  QThread socketThread;
  socketThread.setObjectName(QStringLiteral("kusari-kernel socket"));
  channel.moveToThread(&socketThread);
  startWithoutSigint(socketThread);
  outbox.setWakeUp([&channel] { QMetaObject::invokeMethod(&channel, [&channel] { channel.drain(); }, Qt::QueuedConnection); });
  auto inSocketThread = [&channel](auto&& work) { QMetaObject::invokeMethod(&channel, work, Qt::BlockingQueuedConnection); };

  bool connected = false;
  QString error;
  inSocketThread([&] { connected = channel.open(&error); });
  int exitCode = 0;
  if (!connected) {
    std::fprintf(stderr, "kusari-kernel: cannot connect to %s: %s\n", qPrintable(parser.value(QStringLiteral("socket"))), qPrintable(error));
    exitCode = 2;
  } else {
    outbox.post(QString(), kusari::protocol::Status{QStringLiteral("starting")});
    try {
      PythonRuntime python(pythonPathEntries(parser));
      session.run(python);
    } catch (const std::runtime_error& e) {
      std::fprintf(stderr, "kusari-kernel: %s\n", e.what());
      exitCode = 1;
    }
  }
  inSocketThread([&] { channel.close(); });
  socketThread.quit();
  socketThread.wait();
  return exitCode;
}

// kusari-kernel at the socket level, without KernelClient: the kernel's side of the protocol,
// its exit when the client goes away, and what it does with garbage.
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QSet>
#include <QTest>
#include <QUuid>

#include "protocol/messages.h"

using namespace kusari::protocol;

namespace {

// A kernel process connected to a server this test owns.
class RawKernel {
 public:
  RawKernel() {
    server_.listen(QStringLiteral("kusari-test-%1").arg(QUuid::createUuid().toString(QUuid::Id128)));
    process_.setProcessChannelMode(QProcess::ForwardedChannels);
    process_.start(QCoreApplication::applicationDirPath() + QStringLiteral("/kusari-kernel"),
                   {QStringLiteral("--socket"), server_.fullServerName()});
  }
  ~RawKernel() {
    if (process_.state() != QProcess::NotRunning) {
      process_.kill();
      process_.waitForFinished(5000);
    }
  }

  bool connect() {
    if (!server_.waitForNewConnection(30000)) return false;
    socket_ = server_.nextPendingConnection();
    return true;
  }
  void send(const Message& message) {
    socket_->write(encodeFrame(message));
    socket_->flush();
  }
  void sendRaw(const QByteArray& bytes) {
    socket_->write(bytes);
    socket_->flush();
  }
  // The first message of `type` answering `parent` not returned before, reading as needed.
  std::optional<Message> waitFor(const char* type, const QString& parent, int timeoutMs = 20000) {
    auto lookup = [&]() -> std::optional<Message> {
      for (qsizetype i = 0; i < received.size(); ++i) {
        if (!used_.contains(i) && received[i].type == QLatin1StringView(type) && received[i].parent == parent) {
          used_.insert(i);
          return received[i];
        }
      }
      return std::nullopt;
    };
    std::optional<Message> found = lookup();
    const bool arrived = QTest::qWaitFor([&] {
      if (found) return true;
      reader_.append(socket_->readAll());
      while (std::optional<Message> m = reader_.next()) received.append(*m);
      found = lookup();
      return found.has_value() || socket_->state() != QLocalSocket::ConnectedState;
    }, timeoutMs);
    return arrived ? found : std::nullopt;
  }
  bool waitIdle(const QString& parent = QString()) {
    for (int i = 0; i < 100; ++i) {
      std::optional<Message> status = waitFor(Status::kType, parent);
      if (!status) return false;
      if (status->body<Status>().executionState == QLatin1StringView("idle")) return true;
    }
    return false;
  }
  void closeSocket() { socket_->disconnectFromServer(); }
  bool waitExit(int timeoutMs = 10000) {
    return QTest::qWaitFor([&] { return process_.state() == QProcess::NotRunning; }, timeoutMs);
  }
  QProcess& process() { return process_; }

  QList<Message> received;

 private:
  QLocalServer server_;
  QProcess process_;
  QLocalSocket* socket_ = nullptr;
  FrameReader reader_;
  QSet<qsizetype> used_;
};

}  // namespace

class TestKernelSocket : public QObject {
  Q_OBJECT
 private slots:
  void startsThenIdles() {
    RawKernel kernel;
    QVERIFY(kernel.connect());
    QVERIFY(kernel.waitIdle());
    QCOMPARE(kernel.received.first().body<Status>().executionState, QStringLiteral("starting"));
  }

  void exitsWhenSocketCloses_data() {
    QTest::addColumn<bool>("busy");
    QTest::newRow("idle") << false;
    QTest::newRow("running a cell") << true;
  }
  void exitsWhenSocketCloses() {
    QFETCH(bool, busy);
    RawKernel kernel;
    QVERIFY(kernel.connect());
    QVERIFY(kernel.waitIdle());
    if (busy) {
      kernel.send(Message::make(ExecuteRequest{"while True: pass", "spin", false}, "e1"));
      std::optional<Message> status = kernel.waitFor(Status::kType, "e1");
      QVERIFY(status);
      QCOMPARE(status->body<Status>().executionState, QStringLiteral("busy"));
    }
    kernel.closeSocket();
    QVERIFY2(kernel.waitExit(), "the kernel outlived its client");
    QCOMPARE(kernel.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(kernel.process().exitCode(), 0);
  }

  void garbageEndsTheConnection_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("oversize length") << QByteArray("\x7f\xff\xff\xff", 4);
    QTest::newRow("not CBOR") << QByteArray("\x00\x00\x00\x04\xff\xff\xff\xff", 8);
  }
  void garbageEndsTheConnection() {
    QFETCH(QByteArray, bytes);
    RawKernel kernel;
    QVERIFY(kernel.connect());
    QVERIFY(kernel.waitIdle());
    kernel.sendRaw(bytes);
    QVERIFY2(kernel.waitExit(), "the kernel kept a connection whose framing is lost");
    QCOMPARE(kernel.process().exitStatus(), QProcess::NormalExit);
  }

  void shutdownInterruptsAndAbortsQueuedCells() {
    RawKernel kernel;
    QVERIFY(kernel.connect());
    QVERIFY(kernel.waitIdle());
    kernel.send(Message::make(ExecuteRequest{"while True: pass", "spin", false}, "e1"));
    QVERIFY(kernel.waitFor(Status::kType, "e1"));
    kernel.send(Message::make(ExecuteRequest{"print('queued')", "next", false}, "e2"));
    kernel.send(Message::make(ShutdownRequest{false}, "s1"));
    std::optional<Message> first = kernel.waitFor(ExecuteReply::kType, "e1");
    QVERIFY(first);
    QCOMPARE(first->body<ExecuteReply>().status, QStringLiteral("error"));
    std::optional<Message> second = kernel.waitFor(ExecuteReply::kType, "e2");
    QVERIFY(second);
    QCOMPARE(second->body<ExecuteReply>().status, QStringLiteral("aborted"));
    QVERIFY(kernel.waitFor(ShutdownReply::kType, "s1"));
    QVERIFY(kernel.waitExit());
    QCOMPARE(kernel.process().exitCode(), 0);
    for (const Message& m : kernel.received) QVERIFY(!(m.is<Stream>() && m.parent == QLatin1StringView("e2")));
  }

  void socketArgumentIsRequired() {
    QProcess process;
    process.start(QCoreApplication::applicationDirPath() + QStringLiteral("/kusari-kernel"), {});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2);
  }
};

QTEST_GUILESS_MAIN(TestKernelSocket)
#include "test_kernel_socket.moc"

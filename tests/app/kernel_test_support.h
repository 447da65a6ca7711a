// Drives a real kusari-kernel through KernelClient: runs a cell and records what came back.
#pragma once

#include <QObject>
#include <QTest>

#include <optional>

#include "client/kernel_client.h"

namespace kusari::test_support {

// Everything a kernel said about one request.
class RequestRecord : public QObject {
 public:
  RequestRecord(client::KernelClient& kernel, const QString& requestId) : id(requestId) {
    using client::KernelClient;
    connect(&kernel, &KernelClient::stream, this, [this](const QString& parent, const QString& name, const QString& text) {
      if (parent != id) return;
      ++streamMessages;
      (name == QLatin1StringView("stdout") ? out : err) += text;
    });
    connect(&kernel, &KernelClient::displayData, this, [this](const QString& parent, const protocol::DisplayData& d) {
      if (parent == id) displays.append(d);
    });
    connect(&kernel, &KernelClient::executeResult, this, [this](const QString& parent, const protocol::ExecuteResult& r) {
      if (parent != id) return;
      displays.append(r.data);
      results.append(r);
    });
    connect(&kernel, &KernelClient::error, this, [this](const QString& parent, const protocol::Error& e) {
      if (parent == id) errors.append(e);
    });
    connect(&kernel, &KernelClient::executeReply, this, [this](const QString& parent, const protocol::ExecuteReply& r) {
      if (parent == id) reply = r;
    });
    connect(&kernel, &KernelClient::requestFailed, this, [this](const QString& parent, const QString& reason) {
      if (parent == id) failure = reason;
    });
  }

  bool done() const { return reply.has_value() || !failure.isEmpty(); }
  bool waitDone(int timeoutMs = 20000) { return QTest::qWaitFor([this] { return done(); }, timeoutMs); }
  QString errorText() const {
    QString text;
    for (const protocol::Error& e : errors) text += e.ename + QStringLiteral(": ") + e.evalue + QLatin1Char('\n') + e.traceback.join(QString());
    return text + err + failure;
  }

  QString id;
  QString out, err, failure;
  int streamMessages = 0;
  QList<protocol::DisplayData> displays;  // every bundle shown, display_data and execute_result alike
  QList<protocol::ExecuteResult> results;
  QList<protocol::Error> errors;
  std::optional<protocol::ExecuteReply> reply;
};

// The reply of type Reply that `kernel` sends by `signal` to request `id`. After `timeoutMs`
// without one: a warning and a default Reply, whose `error` (where it has one) is "<no reply>".
template <class Reply>
Reply awaitReply(client::KernelClient& kernel, const QString& id,
                 void (client::KernelClient::*signal)(const QString&, const Reply&), int timeoutMs = 20000) {
  std::optional<Reply> result;
  QMetaObject::Connection c = QObject::connect(&kernel, signal, &kernel, [&](const QString& parent, const Reply& r) {
    if (parent == id) result = r;
  });
  (void)QTest::qWaitFor([&] { return result.has_value(); }, timeoutMs);
  QObject::disconnect(c);
  if (!result) {
    qWarning("no reply to %s", qPrintable(id));
    result = Reply{};
    if constexpr (requires { result->error; }) result->error = QStringLiteral("<no reply>");
  }
  return *result;
}

}  // namespace kusari::test_support

// Runs `code` as cell `cellId` on `kernel` and leaves its RequestRecord in `record`.
#define KUSARI_RUN_CELL(kernel, record, code, cellId)                                     \
  kusari::test_support::RequestRecord record((kernel), (kernel).execute((code), (cellId))); \
  QVERIFY2(record.waitDone(), "no execute_reply within the timeout");                     \
  QVERIFY2(record.failure.isEmpty(), qPrintable(record.failure))

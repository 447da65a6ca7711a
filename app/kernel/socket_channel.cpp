#include "socket_channel.h"

#include "protocol/control_messages.h"
#include "protocol/metrics_messages.h"

#include <QLocalSocket>
#include <QTimer>

#include <cstdio>

namespace kusari::kernel {

namespace {
constexpr int kDrainIntervalMs = 50;  // the stream batching period
constexpr int kConnectTimeoutMs = 10000;
}  // namespace

SocketChannel::SocketChannel(QString serverName, RequestQueue& requests, Outbox& outbox, Hooks hooks)
    : server_name_(std::move(serverName)), requests_(requests), outbox_(outbox), hooks_(std::move(hooks)) {}

bool SocketChannel::open(QString* error) {
  socket_ = new QLocalSocket(this);
  socket_->connectToServer(server_name_);
  if (!socket_->waitForConnected(kConnectTimeoutMs)) {
    *error = socket_->errorString();
    return false;
  }
  connect(socket_, &QLocalSocket::readyRead, this, &SocketChannel::readRequests);
  connect(socket_, &QLocalSocket::disconnected, this, &SocketChannel::clientGone);
  drain_timer_ = new QTimer(this);
  connect(drain_timer_, &QTimer::timeout, this, &SocketChannel::drain);
  drain_timer_->start(kDrainIntervalMs);
  return true;
}

void SocketChannel::drain() {
  if (!socket_ || socket_->state() != QLocalSocket::ConnectedState) return;
  for (const protocol::Message& message : outbox_.take()) socket_->write(protocol::encodeFrame(message));
}

void SocketChannel::close() {
  drain();
  delete drain_timer_;  // timers and sockets must die in the thread that runs them
  drain_timer_ = nullptr;
  if (!socket_) return;
  while (socket_->bytesToWrite() > 0 && socket_->waitForBytesWritten(1000)) {
  }
  socket_->disconnect(this);
  socket_->disconnectFromServer();
  delete socket_;
  socket_ = nullptr;
}

void SocketChannel::readRequests() {
  reader_.append(socket_->readAll());
  while (std::optional<protocol::Message> message = reader_.next()) {
    if (message->is<protocol::InterruptRequest>()) {
      if (hooks_.interrupt) hooks_.interrupt();
      continue;
    }
    if (message->is<protocol::StopTrainingRequest>()) {
      if (hooks_.stopTraining) hooks_.stopTraining();
      continue;
    }
    if (message->is<protocol::ShutdownRequest>() && hooks_.shutdownRequested) hooks_.shutdownRequested();
    requests_.push(std::move(*message));
  }
  if (reader_.hasError()) {
    // The framing is lost; nothing after this point can be trusted. Drop the client.
    std::fprintf(stderr, "kusari-kernel: protocol error: %s\n", qPrintable(reader_.errorString()));
    socket_->disconnect(this);
    socket_->abort();
    clientGone();
  }
}

void SocketChannel::clientGone() {
  if (gone_) return;
  gone_ = true;
  requests_.close();
  if (hooks_.disconnected) hooks_.disconnected();
}

}  // namespace kusari::kernel

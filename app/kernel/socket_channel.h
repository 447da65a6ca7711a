// The kernel's end of the client connection, living in its own thread so that requests
// (interrupt, shutdown above all) arrive while the main thread is busy running a cell.
#pragma once

#include "outbox.h"
#include "protocol/frame_reader.h"
#include "request_queue.h"

#include <QObject>

#include <functional>

class QLocalSocket;
class QTimer;

namespace kusari::kernel {

class SocketChannel : public QObject {
  Q_OBJECT
 public:
  struct Hooks {
    std::function<void()> interrupt;        // an interrupt_request arrived (socket thread)
    std::function<void()> shutdownRequested;  // a shutdown_request arrived, before it is queued
    std::function<void()> disconnected;     // the client is gone; requests are closed
    std::function<void()> stopTraining;     // a stop_training_request arrived (socket thread)
  };

  SocketChannel(QString serverName, RequestQueue& requests, Outbox& outbox, Hooks hooks);

  // Run in the channel's thread (e.g. by a blocking queued call).
  bool open(QString* error);
  void drain();
  // Writes everything pending and waits until the bytes left, then disconnects.
  void close();

 private:
  void readRequests();
  void clientGone();

  QString server_name_;
  RequestQueue& requests_;
  Outbox& outbox_;
  Hooks hooks_;
  QLocalSocket* socket_ = nullptr;
  QTimer* drain_timer_ = nullptr;
  protocol::FrameReader reader_;
  bool gone_ = false;
};

}  // namespace kusari::kernel

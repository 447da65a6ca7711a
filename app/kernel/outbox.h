// Messages waiting to be written to the socket, in the order the kernel produced them.
//
// Stream text is coalesced: a write joins the pending text of its stream (same name and
// parent) unless another message was posted after that text. The socket thread drains the
// outbox every ~50 ms and whenever a non-stream message is posted, so a cell printing 10^5
// lines sends a handful of stream messages, and text always precedes the reply that follows it.
#pragma once

#include "protocol/message.h"

#include <atomic>
#include <functional>
#include <mutex>
#include <vector>

namespace kusari::kernel {

class Outbox {
 public:
  static constexpr qsizetype kMaxStreamChunk = qsizetype(1) << 20;  // characters per stream message

  // Called (from the posting thread) after a non-stream message is posted.
  void setWakeUp(std::function<void()> wakeUp) { wake_up_ = std::move(wakeUp); }

  void post(const QString& parent, protocol::Message message);
  template <class Body>
  void post(const QString& parent, const Body& body) {
    post(parent, protocol::Message::make(body, QString(), parent));
  }
  void writeStream(const QString& parent, const QString& name, const QString& text);

  // Everything pending, oldest first, stream text turned into stream messages.
  std::vector<protocol::Message> take();

 private:
  void appendStream(const QString& parent, const QString& name, const QString& text);

  struct Pending {
    protocol::Message message;  // for stream text: envelope only, text below
    QString streamName;         // empty for non-stream messages
    QString text;
  };

  std::mutex mutex_;
  std::vector<Pending> pending_;
  std::function<void()> wake_up_;
  std::atomic<qint64> next_id_{1};
};

}  // namespace kusari::kernel

// Requests handed from the socket thread to the main (Python) thread, in arrival order.
#pragma once

#include "protocol/message.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace kusari::kernel {

class RequestQueue {
 public:
  void push(protocol::Message message);
  // Blocks until a request arrives; nullopt once the queue is closed and empty.
  std::optional<protocol::Message> pop();
  // No more requests will come (the client went away): pop() drains, then returns nullopt.
  void close();

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<protocol::Message> requests_;
  bool closed_ = false;
};

}  // namespace kusari::kernel

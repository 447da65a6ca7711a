// Requests handed from the socket thread to the main (Python) thread, in arrival order.
#pragma once

#include "protocol/message.h"

#include <atomic>
#include <chrono>
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
  // For the debugger's paused loop: as pop(), but gives up after `timeout`, or at once when
  // `interrupted` is true (which it resets; whoever sets it calls wake()).
  enum class Wait { Request, Interrupted, TimedOut, Closed };
  Wait pop(std::atomic<bool>& interrupted, std::chrono::milliseconds timeout, std::optional<protocol::Message>* request);
  void wake();
  // Puts a request back at the head of the queue (one popped by a loop that cannot serve it).
  void pushFront(protocol::Message message);
  // No more requests will come (the client went away): pop() drains, then returns nullopt.
  void close();

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<protocol::Message> requests_;
  bool closed_ = false;
};

}  // namespace kusari::kernel

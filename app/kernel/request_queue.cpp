#include "request_queue.h"

namespace kusari::kernel {

void RequestQueue::push(protocol::Message message) {
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    requests_.push_back(std::move(message));
  }
  ready_.notify_one();
}

std::optional<protocol::Message> RequestQueue::pop() {
  std::unique_lock lock(mutex_);
  ready_.wait(lock, [this] { return closed_ || !requests_.empty(); });
  if (requests_.empty()) return std::nullopt;
  protocol::Message message = std::move(requests_.front());
  requests_.pop_front();
  return message;
}

RequestQueue::Wait RequestQueue::pop(std::atomic<bool>& interrupted, std::chrono::milliseconds timeout,
                                     std::optional<protocol::Message>* request) {
  std::unique_lock lock(mutex_);
  const bool ready = ready_.wait_for(lock, timeout, [&] { return closed_ || !requests_.empty() || interrupted; });
  if (interrupted.exchange(false)) return Wait::Interrupted;
  if (!ready) return Wait::TimedOut;
  if (requests_.empty()) return Wait::Closed;
  *request = std::move(requests_.front());
  requests_.pop_front();
  return Wait::Request;
}

void RequestQueue::wake() {
  { std::lock_guard lock(mutex_); }  // a waiter between its check and its wait sees the change
  ready_.notify_all();
}

void RequestQueue::pushFront(protocol::Message message) {
  {
    std::lock_guard lock(mutex_);
    requests_.push_front(std::move(message));
  }
  ready_.notify_one();
}

void RequestQueue::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  ready_.notify_all();
}

}  // namespace kusari::kernel

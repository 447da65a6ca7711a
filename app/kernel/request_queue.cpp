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

void RequestQueue::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  ready_.notify_all();
}

}  // namespace kusari::kernel

// CPU memory: 64-byte aligned blocks, with freed blocks kept by size for reuse so that a
// training loop allocates almost nothing after its first iteration.
#include <array>
#include <cstdlib>
#include <map>
#include <mutex>
#include <new>
#include <vector>

#include "kusari/core/storage.h"

namespace kusari {
namespace {

class CpuAllocator final : public Allocator {
 public:
  void* allocate(size_t nbytes, int) override {
    size_t rounded = round_up(nbytes);
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (rounded <= kSmallest) {  // small tensors: a free list per size, no map node to allocate
        auto& list = small_[rounded / 64 - 1];
        if (!list.empty()) {
          void* p = list.back();
          list.pop_back();
          cached_bytes_ -= rounded;
          return p;
        }
      }
      auto it = free_.find(rounded);
      if (it != free_.end()) {
        void* p = it->second;
        free_.erase(it);
        cached_bytes_ -= rounded;
        return p;
      }
    }
    void* p = std::aligned_alloc(64, rounded);
    if (!p) throw std::bad_alloc();
    return p;
  }

  void deallocate(void* p, size_t nbytes, int) override {
    size_t rounded = round_up(nbytes);
    std::lock_guard<std::mutex> lock(mu_);
    if (rounded > kLargestCached || cached_bytes_ + rounded > kCacheLimit) {
      std::free(p);
      return;
    }
    if (rounded <= kSmallest)
      small_[rounded / 64 - 1].push_back(p);
    else
      free_.emplace(rounded, p);
    cached_bytes_ += rounded;
  }

 private:
  static size_t round_up(size_t n) { return n == 0 ? 64 : (n + 63) / 64 * 64; }
  static constexpr size_t kCacheLimit = size_t(1) << 30;
  static constexpr size_t kLargestCached = size_t(256) << 20;
  std::mutex mu_;
  static constexpr size_t kSmallest = 4096;  // sizes up to this many bytes use small_
  std::multimap<size_t, void*> free_;
  std::array<std::vector<void*>, kSmallest / 64> small_;
  size_t cached_bytes_ = 0;
};

CpuAllocator cpu_allocator;
const bool registered = (Allocator::register_allocator(DeviceType::CPU, &cpu_allocator), true);

}  // namespace
}  // namespace kusari

// A block of device memory shared by every view of it.
#pragma once
#include <cstddef>
#include <memory>

#include "kusari/core/device.h"

namespace kusari {

// Allocates and frees memory of one device type; each backend registers one.
class Allocator {
 public:
  virtual ~Allocator() = default;
  virtual void* allocate(size_t nbytes, int device_index) = 0;
  virtual void deallocate(void* p, size_t nbytes, int device_index) = 0;
  static Allocator& for_device(DeviceType t);  // throws Error when the backend is absent
  static void register_allocator(DeviceType t, Allocator* a);
};

class Storage {
 public:
  Storage(size_t nbytes, Device device);
  // Wraps memory owned elsewhere (a NumPy array, say); `keep_alive` holds the owner.
  Storage(void* ptr, size_t nbytes, Device device, std::shared_ptr<void> keep_alive);
  ~Storage();
  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;

  void* data() const { return ptr_; }
  size_t nbytes() const { return nbytes_; }
  const Device& device() const { return device_; }
  bool borrowed() const { return keep_alive_ != nullptr; }  // memory owned elsewhere (NumPy)

 private:
  void* ptr_ = nullptr;
  size_t nbytes_ = 0;
  Device device_;
  std::shared_ptr<void> keep_alive_;  // non-null when the memory is borrowed
};

}  // namespace kusari

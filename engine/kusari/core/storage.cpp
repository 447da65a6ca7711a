#include "kusari/core/storage.h"

#include <array>

#include "kusari/core/error.h"

namespace kusari {

namespace {
std::array<Allocator*, kDeviceTypeCount>& allocators() {
  static std::array<Allocator*, kDeviceTypeCount> a{};
  return a;
}
}  // namespace

Allocator& Allocator::for_device(DeviceType t) {
  Allocator* a = allocators()[static_cast<int>(t)];
  if (!a) throw Error("no allocator for device type " + Device{t, 0}.to_string() +
                      " (was Kusari built with this backend?)");
  return *a;
}

void Allocator::register_allocator(DeviceType t, Allocator* a) {
  allocators()[static_cast<int>(t)] = a;
}

Storage::Storage(size_t nbytes, Device device) : nbytes_(nbytes), device_(device) {
  ptr_ = Allocator::for_device(device.type).allocate(nbytes, device.index);
}

Storage::Storage(void* ptr, size_t nbytes, Device device, std::shared_ptr<void> keep_alive)
    : ptr_(ptr), nbytes_(nbytes), device_(device), keep_alive_(std::move(keep_alive)) {}

Storage::~Storage() {
  if (!keep_alive_ && ptr_) Allocator::for_device(device_.type).deallocate(ptr_, nbytes_, device_.index);
}

}  // namespace kusari

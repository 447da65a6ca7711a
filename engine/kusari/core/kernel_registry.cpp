#include "kusari/core/kernel_registry.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "kusari/core/error.h"

namespace kusari {
namespace {

// Looked up by string_view without building a std::string (every op looks up its kernel).
struct NameHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct Table {
  std::mutex mu;
  std::unordered_map<std::string, std::array<void*, kDeviceTypeCount>, NameHash, std::equal_to<>> kernels;
};

Table& table() {
  static Table t;
  return t;
}

}  // namespace

void KernelRegistry::add(std::string_view name, DeviceType type, void* fn) {
  Table& t = table();
  std::lock_guard<std::mutex> lock(t.mu);
  void*& slot = t.kernels[std::string(name)][static_cast<int>(type)];
  // Two families registering one name would silently replace a kernel: refuse at load time.
  if (slot && slot != fn) {
    std::fprintf(stderr, "kusari: kernel '%.*s' registered twice for device type %d\n",
                 static_cast<int>(name.size()), name.data(), static_cast<int>(type));
    std::abort();
  }
  slot = fn;
}

void* KernelRegistry::find(std::string_view name, DeviceType type) {
  Table& t = table();
  std::lock_guard<std::mutex> lock(t.mu);
  auto it = t.kernels.find(name);
  return it == t.kernels.end() ? nullptr : it->second[static_cast<int>(type)];
}

namespace {
// Every op looks up its kernel by name: a small per-thread cache in front of the locked table.
// An entry keeps a copy of the name (a string_view's pointer may later hold other text) and
// only found kernels are cached; a registered kernel is never replaced, so entries stay true.
struct CachedKernel {
  char name[32];
  uint8_t size = 0;
  DeviceType type{};
  void* fn = nullptr;
};
constexpr size_t kCacheSlots = 64;
}  // namespace

void* require_kernel(std::string_view name, DeviceType type) {
  thread_local std::array<CachedKernel, kCacheSlots> cache;
  const bool cacheable = name.size() <= sizeof(CachedKernel::name);
  CachedKernel* slot = nullptr;
  if (cacheable) {
    size_t h = reinterpret_cast<uintptr_t>(name.data()) >> 3;
    h ^= name.size() * 31 + static_cast<size_t>(type);
    slot = &cache[(h ^ (h >> 7)) % kCacheSlots];
    if (slot->fn && slot->size == name.size() && slot->type == type &&
        std::memcmp(slot->name, name.data(), name.size()) == 0)
      return slot->fn;
  }
  void* fn = KernelRegistry::find(name, type);
  if (fn && slot) {
    std::memcpy(slot->name, name.data(), name.size());
    slot->size = static_cast<uint8_t>(name.size());
    slot->type = type;
    slot->fn = fn;
  }
  if (!fn)
    throw Error("no kernel '" + std::string(name) + "' for device " + Device{type, 0}.to_string());
  return fn;
}

}  // namespace kusari

#include "kusari/core/kernel_registry.h"

#include <array>
#include <cstdio>
#include <cstdlib>
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

void* require_kernel(std::string_view name, DeviceType type) {
  void* fn = KernelRegistry::find(name, type);
  if (!fn)
    throw Error("no kernel '" + std::string(name) + "' for device " + Device{type, 0}.to_string());
  return fn;
}

}  // namespace kusari

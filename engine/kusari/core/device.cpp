#include "kusari/core/device.h"

#include "kusari/core/error.h"

namespace kusari {

Device Device::parse(const std::string& s) {
  if (s == "cpu" || s == "@numpy") return cpu();
  if (s == "cuda") return {DeviceType::CUDA, 0};
  if (s.rfind("cuda:", 0) == 0 || s.rfind("@cupy:", 0) == 0) {
    auto pos = s.find(':');
    try {
      size_t used = 0;
      int idx = std::stoi(s.substr(pos + 1), &used);
      if (used == s.size() - pos - 1 && idx >= 0) return {DeviceType::CUDA, idx};
    } catch (const std::exception&) {
    }
  }
  throw ValueError("unknown device '" + s + "' (expected 'cpu' or 'cuda:N')");
}

std::string Device::to_string() const {
  return type == DeviceType::CPU ? "cpu" : "cuda:" + std::to_string(index);
}

}  // namespace kusari

// Where a tensor lives. The CPU is always there; CUDA devices come with the CUDA backend.
#pragma once
#include <string>

namespace kusari {

enum class DeviceType : int { CPU = 0, CUDA = 1 };
inline constexpr int kDeviceTypeCount = 2;

struct Device {
  DeviceType type = DeviceType::CPU;
  int index = 0;

  static Device cpu() { return {}; }
  static Device parse(const std::string& s);  // "cpu", "cuda", "cuda:1"; throws ValueError
  std::string to_string() const;              // "cpu", "cuda:0"
  bool operator==(const Device&) const = default;
};

}  // namespace kusari

// A CPU path that is on unless its environment variable says 0, OFF or off, decided at first use
// (the variable is read once) and switchable by tests. Shared by the BLAS path (KUSARI_BLAS) and
// the thin GEMM kernels (KUSARI_THIN_GEMM).
#pragma once

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace kusari::cpu {

class EnvSwitch {
 public:
  explicit constexpr EnvSwitch(const char* variable) : variable_(variable) {}

  // On when `available` (the path can run here) and the environment does not turn it off.
  bool on(bool available = true) {
    int s = state_.load(std::memory_order_relaxed);
    if (s < 0) {
      s = available && !env_off() ? 1 : 0;
      state_.store(s, std::memory_order_relaxed);
    }
    return s == 1;
  }
  void set(bool on) { state_.store(on ? 1 : 0, std::memory_order_relaxed); }

 private:
  bool env_off() const {
    const char* v = std::getenv(variable_);
    return v && (std::strcmp(v, "0") == 0 || std::strcmp(v, "OFF") == 0 || std::strcmp(v, "off") == 0);
  }

  const char* variable_;
  std::atomic<int> state_{-1};  // -1: not decided yet
};

}  // namespace kusari::cpu

// The stop_training_request flag: set on the socket thread, taken by the running Trainer's stop
// poll (_kusari_kernel_io.take_stop_request) at an iteration boundary, cleared before each cell.
#pragma once

#include <atomic>

namespace kusari::kernel {

inline std::atomic<bool>& stopTrainingFlag() {
  static std::atomic<bool> flag{false};
  return flag;
}

}  // namespace kusari::kernel

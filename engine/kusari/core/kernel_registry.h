// Kernels are found by name and device type. Each backend registers its kernels next to
// their code (KUSARI_REGISTER_KERNEL in a .cpp or .cu file); callers never switch on devices.
// Adding an op means: its kernel signature (below or in its family header), a CPU
// registration next to the CPU code, later a CUDA registration next to the CUDA code.
#pragma once
#include <string>
#include <string_view>

#include "kusari/core/device.h"
#include "kusari/core/shape.h"

namespace kusari {

class Tensor;

class KernelRegistry {
 public:
  static void add(std::string_view name, DeviceType type, void* fn);
  static void* find(std::string_view name, DeviceType type);  // nullptr when absent
};

// Throws Error naming the kernel and device when nothing is registered.
void* require_kernel(std::string_view name, DeviceType type);

template <typename Fn>
Fn* kernel(std::string_view name, const Device& device) {
  return reinterpret_cast<Fn*>(require_kernel(name, device.type));
}

#define KUSARI_KERNEL_CONCAT2(a, b) a##b
#define KUSARI_KERNEL_CONCAT(a, b) KUSARI_KERNEL_CONCAT2(a, b)
#define KUSARI_REGISTER_KERNEL(name, device_type, fn)                                        \
  static const bool KUSARI_KERNEL_CONCAT(kusari_kernel_registered_, __COUNTER__) =            \
      (::kusari::KernelRegistry::add(name, device_type, reinterpret_cast<void*>(fn)), true)

// ---- Signatures of the core kernels. Outputs are fresh contiguous tensors unless noted. ----

// dst has src's shape (callers broadcast src first); converts between any dtypes; dst may be strided.
using CopyKernel = void(const Tensor& src, Tensor& dst);
using FillKernel = void(Tensor& dst, double value);
// Elementwise map y = f(x; a, b), same dtype (floating) unless the op says otherwise.
struct UnaryArgs {
  double a = 0, b = 0;
};
using UnaryKernel = void(const Tensor& x, Tensor& y, const UnaryArgs& args);
// y = f(a, b); a and b are views already broadcast to y's shape and cast to the compute dtype.
// y has the compute dtype, or bool for comparisons.
using BinaryKernel = void(const Tensor& a, const Tensor& b, Tensor& y);
// y = cond ? a : b, all broadcast to y's shape; cond is bool.
using WhereKernel = void(const Tensor& cond, const Tensor& a, const Tensor& b, Tensor& y);
// Reduction over normalized `axes`; y has the reduced shape with keepdims=true.
// For "argmax"/"argmin" axes has one axis and y is int64.
using ReduceKernel = void(const Tensor& x, Tensor& y, const Axes& axes);
// Batched matrix product: a (..., m, k) or its transpose, b (..., k, n); y (..., m, n).
// Batch dimensions are already broadcast and equal; float32/float64 only.
using MatmulKernel = void(const Tensor& a, const Tensor& b, Tensor& y, bool trans_a, bool trans_b);

}  // namespace kusari

// CPU kernels of the elementwise activations (names and parameters: functions/activation_kernels.h).
#include <algorithm>
#include <cmath>

#include "kusari/core/kernel_registry.h"
#include "kusari/device/cpu/elementwise.h"
#include "kusari/functions/activation_kernels.h"

namespace kusari::cpu {
namespace {

// relu is the hottest activation: a branch-free loop the compiler vectorizes, with NaN
// propagated (x < 0 is false for NaN) as NumPy's maximum(x, 0) does.
template <typename T>
void relu_contiguous(const T* __restrict x, T* __restrict y, int64_t n) {
#pragma omp parallel for simd if (n > kParallelThreshold) schedule(static)
  for (int64_t i = 0; i < n; ++i) y[i] = x[i] < T(0) ? T(0) : x[i];
}

void relu_kernel(const Tensor& x, Tensor& y, const UnaryArgs&) {
  visit_floating("relu", x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if (x.is_contiguous()) {
      relu_contiguous(static_cast<const T*>(x.raw_data()), static_cast<T*>(y.raw_data()), y.numel());
      return;
    }
    map1<T, T>(x, y, [](T v) { return v < T(0) ? T(0) : v; });
  });
}

// x > 0 ? a : b (relu's backward mask, among others): the generic map reloaded a and b and
// branched per element; here they are loop constants and the select vectorizes. NaN gives b.
template <typename T>
void step_contiguous(const T* __restrict x, T* __restrict y, int64_t n, T a, T b) {
#pragma omp parallel for simd if (n > kParallelThreshold) schedule(static)
  for (int64_t i = 0; i < n; ++i) y[i] = x[i] > T(0) ? a : b;
}

void activation_step_kernel(const Tensor& x, Tensor& y, const UnaryArgs& args) {
  visit_floating("activation_step", x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T a = static_cast<T>(args.a), b = static_cast<T>(args.b);
    if (x.is_contiguous()) {
      step_contiguous(static_cast<const T*>(x.raw_data()), static_cast<T*>(y.raw_data()), y.numel(), a, b);
      return;
    }
    map1<T, T>(x, y, [a, b](T v) { return v > T(0) ? a : b; });
  });
}

// relu's backward in one pass: gy · (x > 0 ? 1 : 0), the product kept (not a select) so that a NaN or
// Inf in gy still propagates where x <= 0, exactly as the mask-then-multiply it replaces.
void relu_grad_kernel(const Tensor& gy, const Tensor& x, Tensor& y) {
  visit_floating("relu_grad", y.dtype(), [&](auto tag) {
    using T = decltype(tag);
    if (gy.is_contiguous() && x.is_contiguous()) {
      const T* __restrict g = static_cast<const T*>(gy.raw_data());
      const T* __restrict v = static_cast<const T*>(x.raw_data());
      T* __restrict out = static_cast<T*>(y.raw_data());
      const int64_t n = y.numel();
#pragma omp parallel for simd if (n > kParallelThreshold) schedule(static)
      for (int64_t i = 0; i < n; ++i) out[i] = g[i] * (v[i] > T(0) ? T(1) : T(0));
      return;
    }
    map2<T, T>(gy, x, y, [](T g, T v) { return g * (v > T(0) ? T(1) : T(0)); });
  });
}

// 1 / (1 + exp(-x)) without overflow and without losing the tiny values for x << 0.
template <typename T>
inline T stable_sigmoid(T x) {
  if (x >= T(0)) return T(1) / (T(1) + std::exp(-x));
  const T e = std::exp(x);
  return e / (T(1) + e);
}

// log(1 + exp(t)) = max(t, 0) + log1p(exp(-|t|)): no overflow for t >> 0, exact tail for t << 0.
template <typename T>
inline T log1p_exp(T t) {
  return std::max(t, T(0)) + std::log1p(std::exp(-std::abs(t)));
}

constexpr double kSqrtHalf = 0.70710678118654752440;        // 1 / sqrt(2)
constexpr double kInvSqrt2Pi = 0.39894228040143267794;      // 1 / sqrt(2 pi)

// Phi(x) through erfc keeps relative accuracy in the left tail, where 1 + erf(x) cancels.
template <typename T>
inline T normal_cdf(T x) {
  return T(0.5) * std::erfc(-x * T(kSqrtHalf));
}

}  // namespace
}  // namespace kusari::cpu

namespace kusari {

KUSARI_REGISTER_KERNEL("relu", DeviceType::CPU, cpu::relu_kernel);
KUSARI_CPU_UNARY_KERNEL("leaky_relu", x > T(0) ? x : x * T(args.a));
KUSARI_CPU_UNARY_KERNEL("elu", x > T(0) ? x : T(args.a) * std::expm1(x));
KUSARI_CPU_UNARY_KERNEL("selu", T(args.b) * (x > T(0) ? x : T(args.a) * std::expm1(x)));
KUSARI_CPU_UNARY_KERNEL("clipped_relu", x < T(0) ? T(0) : (x > T(args.a) ? T(args.a) : x));
KUSARI_CPU_UNARY_KERNEL("hard_sigmoid", std::min(T(1), std::max(T(0), T(0.2) * x + T(0.5))));
KUSARI_CPU_UNARY_KERNEL("sigmoid", cpu::stable_sigmoid(x));
KUSARI_CPU_UNARY_KERNEL("softplus", cpu::log1p_exp(T(args.a) * x) / T(args.a));
KUSARI_CPU_UNARY_KERNEL("gelu", x * cpu::normal_cdf(x));
KUSARI_CPU_UNARY_KERNEL("normal_cdf", cpu::normal_cdf(x));
KUSARI_CPU_UNARY_KERNEL("normal_pdf", T(cpu::kInvSqrt2Pi) * std::exp(T(-0.5) * x * x));
KUSARI_REGISTER_KERNEL("activation_step", DeviceType::CPU, cpu::activation_step_kernel);
KUSARI_REGISTER_KERNEL("relu_grad", DeviceType::CPU, cpu::relu_grad_kernel);
KUSARI_CPU_UNARY_KERNEL("activation_band", (x > T(args.a) && x < T(args.b)) ? T(1) : T(0));

}  // namespace kusari

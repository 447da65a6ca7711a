// Templates for CPU elementwise kernels: a flat (OpenMP-parallel) loop when operands are
// contiguous, the strided loop otherwise. Family files use these to define their kernels.
#pragma once
#include <cstdint>

#include "kusari/core/tensor.h"
#include "kusari/device/cpu/strided_loop.h"

namespace kusari::cpu {

inline constexpr int64_t kParallelThreshold = 1 << 15;

// y[i] = f(x[i]); y is contiguous.
template <typename T, typename U, typename F>
void map1(const Tensor& x, Tensor& y, F f) {
  const T* xp = static_cast<const T*>(x.storage()->data());
  U* yp = static_cast<U*>(y.raw_data());
  const int64_t n = y.numel();
  if (x.is_contiguous()) {
    const T* xs = xp + x.offset();
    if (n > kParallelThreshold) {  // below the threshold: no OpenMP region at all
#pragma omp parallel for schedule(static)
      for (int64_t i = 0; i < n; ++i) yp[i] = f(xs[i]);
    } else {
      for (int64_t i = 0; i < n; ++i) yp[i] = f(xs[i]);
    }
    return;
  }
  Strides ys = contiguous_strides(y.shape());
  strided_loop<2>(y.shape(), {&x.strides(), &ys}, {x.offset(), 0},
                  [&](const std::array<int64_t, 2>& o, int64_t len, const std::array<int64_t, 2>& s) {
                    for (int64_t i = 0; i < len; ++i) yp[o[1] + i * s[1]] = f(xp[o[0] + i * s[0]]);
                  });
}

// y[i] = f(a[i], b[i]); a and b already broadcast to y's shape; y contiguous.
template <typename T, typename U, typename F>
void map2(const Tensor& a, const Tensor& b, Tensor& y, F f) {
  const T* ap = static_cast<const T*>(a.storage()->data());
  const T* bp = static_cast<const T*>(b.storage()->data());
  U* yp = static_cast<U*>(y.raw_data());
  const int64_t n = y.numel();
  if (a.is_contiguous() && b.is_contiguous()) {
    const T* as = ap + a.offset();
    const T* bs = bp + b.offset();
    if (n > kParallelThreshold) {  // below the threshold: no OpenMP region at all
#pragma omp parallel for schedule(static)
      for (int64_t i = 0; i < n; ++i) yp[i] = f(as[i], bs[i]);
    } else {
      for (int64_t i = 0; i < n; ++i) yp[i] = f(as[i], bs[i]);
    }
    return;
  }
  Strides ys = contiguous_strides(y.shape());
  strided_loop<3>(y.shape(), {&a.strides(), &b.strides(), &ys}, {a.offset(), b.offset(), 0},
                  [&](const std::array<int64_t, 3>& o, int64_t len, const std::array<int64_t, 3>& s) {
                    const T* pa = ap + o[0];
                    const T* pb = bp + o[1];
                    U* py = yp + o[2];
                    if (s[0] == 1 && s[1] == 0) {
                      const T bv = *pb;
                      for (int64_t i = 0; i < len; ++i) py[i] = f(pa[i], bv);
                    } else if (s[0] == 0 && s[1] == 1) {
                      const T av = *pa;
                      for (int64_t i = 0; i < len; ++i) py[i] = f(av, pb[i]);
                    } else {
                      for (int64_t i = 0; i < len; ++i) py[i * s[2]] = f(pa[i * s[0]], pb[i * s[1]]);
                    }
                  });
}

}  // namespace kusari::cpu

// Defines and registers a floating-point unary CPU kernel named `name`; the expression
// sees `x` (the element, type T) and `args.a`, `args.b`.
#define KUSARI_CPU_UNARY_KERNEL(name, expr)                                                       \
  KUSARI_REGISTER_KERNEL(name, ::kusari::DeviceType::CPU,                                          \
                         (+[](const ::kusari::Tensor& in, ::kusari::Tensor& out,                   \
                              const ::kusari::UnaryArgs& args) {                                   \
                           ::kusari::visit_floating(name, in.dtype(), [&](auto tag) {              \
                             using T = decltype(tag);                                              \
                             ::kusari::cpu::map1<T, T>(in, out, [&args](T x) -> T {                \
                               (void)args;                                                         \
                               return static_cast<T>(expr);                                        \
                             });                                                                   \
                           });                                                                     \
                         }))

// Same for binary floating-point kernels; the expression sees `a`, `b` (type T).
#define KUSARI_CPU_BINARY_FLOAT_KERNEL(name, expr)                                                \
  KUSARI_REGISTER_KERNEL(name, ::kusari::DeviceType::CPU,                                          \
                         (+[](const ::kusari::Tensor& in_a, const ::kusari::Tensor& in_b,          \
                              ::kusari::Tensor& out) {                                             \
                           ::kusari::visit_floating(name, out.dtype(), [&](auto tag) {             \
                             using T = decltype(tag);                                              \
                             ::kusari::cpu::map2<T, T>(in_a, in_b, out,                            \
                                                       [](T a, T b) -> T { return static_cast<T>(expr); }); \
                           });                                                                     \
                         }))

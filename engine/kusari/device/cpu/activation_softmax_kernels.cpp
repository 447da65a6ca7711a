// CPU softmax and log-softmax over one axis. The input is viewed as (outer, n, inner) with
// the reduced axis in the middle: inner == 1 (the last axis, or axis 1 of (N, C)) walks
// contiguous rows; otherwise blocks of the inner axis are processed side by side so the
// loops stay unit-stride and vectorize.
#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "kusari/core/kernel_registry.h"
#include "kusari/device/cpu/elementwise.h"
#include "kusari/device/cpu/vector_math.h"
#include "kusari/functions/activation_kernels.h"

namespace kusari::cpu {
namespace {

// Subtracting the maximum keeps exp() from overflowing; log-softmax is x - (m + log(sum)),
// never log(softmax), so it stays finite where softmax underflows to 0.
template <typename T, bool Log>
void softmax_rows(const T* x, T* y, int64_t rows, int64_t n) {
#pragma omp parallel for if (rows * n > kParallelThreshold) schedule(static)
  for (int64_t r = 0; r < rows; ++r) {
    const T* xr = x + r * n;
    T* yr = y + r * n;
    if constexpr (std::is_same_v<T, float>) {  // vectorized exp, double sums (vector_math.h)
      if constexpr (Log) {
        float mx, lse;
        max_lse_row_f32(xr, n, mx, lse);
        const float shift = mx + lse;
        for (int64_t j = 0; j < n; ++j) yr[j] = xr[j] - shift;
      } else {
        softmax_row_f32(xr, yr, n);
      }
      continue;
    }
    T m = -std::numeric_limits<T>::infinity();
    for (int64_t j = 0; j < n; ++j) m = xr[j] > m ? xr[j] : m;
    T s = 0;
    if constexpr (Log) {
      for (int64_t j = 0; j < n; ++j) s += std::exp(xr[j] - m);
      const T shift = m + std::log(s);
      for (int64_t j = 0; j < n; ++j) yr[j] = xr[j] - shift;
    } else {
      for (int64_t j = 0; j < n; ++j) {
        yr[j] = std::exp(xr[j] - m);
        s += yr[j];
      }
      const T inv = T(1) / s;
      for (int64_t j = 0; j < n; ++j) yr[j] *= inv;
    }
  }
}

// One task is an (outer index, block of kBlock inner positions) pair, so an (N, C, H, W)
// input over axis 1 parallelizes even when N is 1.
template <typename T, bool Log>
void softmax_strided_axis(const T* x, T* y, int64_t outer, int64_t n, int64_t inner) {
  constexpr int64_t kBlock = 128;
  const int64_t blocks = (inner + kBlock - 1) / kBlock;
  const int64_t tasks = outer * blocks;
#pragma omp parallel for if (outer * n * inner > kParallelThreshold) schedule(static)
  for (int64_t t = 0; t < tasks; ++t) {
    const int64_t o = t / blocks;
    const int64_t k0 = (t % blocks) * kBlock;
    const int64_t len = std::min(kBlock, inner - k0);
    const T* xo = x + o * n * inner + k0;
    T* yo = y + o * n * inner + k0;
    T m[kBlock], s[kBlock];
    for (int64_t k = 0; k < len; ++k) {
      m[k] = -std::numeric_limits<T>::infinity();
      s[k] = 0;
    }
    for (int64_t j = 0; j < n; ++j)
      for (int64_t k = 0; k < len; ++k) m[k] = xo[j * inner + k] > m[k] ? xo[j * inner + k] : m[k];
    for (int64_t j = 0; j < n; ++j)
      for (int64_t k = 0; k < len; ++k) {
        const T e = std::exp(xo[j * inner + k] - m[k]);
        if constexpr (!Log) yo[j * inner + k] = e;
        s[k] += e;
      }
    if constexpr (Log) {
      for (int64_t k = 0; k < len; ++k) m[k] += std::log(s[k]);
      for (int64_t j = 0; j < n; ++j)
        for (int64_t k = 0; k < len; ++k) yo[j * inner + k] = xo[j * inner + k] - m[k];
    } else {
      for (int64_t k = 0; k < len; ++k) s[k] = T(1) / s[k];
      for (int64_t j = 0; j < n; ++j)
        for (int64_t k = 0; k < len; ++k) yo[j * inner + k] *= s[k];
    }
  }
}

template <bool Log>
void softmax_kernel(const Tensor& x_in, Tensor& y, int64_t axis) {
  if (y.numel() == 0) return;
  const Tensor x = x_in.contiguous();
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d) outer *= x.shape()[d];
  for (int64_t d = axis + 1; d < x.ndim(); ++d) inner *= x.shape()[d];
  const int64_t n = x.shape()[axis];
  visit_floating(Log ? "log_softmax" : "softmax", x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* xp = static_cast<const T*>(x.raw_data());
    T* yp = static_cast<T*>(y.raw_data());
    if (inner == 1)
      softmax_rows<T, Log>(xp, yp, outer, n);
    else
      softmax_strided_axis<T, Log>(xp, yp, outer, n, inner);
  });
}

}  // namespace
}  // namespace kusari::cpu

namespace kusari {
KUSARI_REGISTER_KERNEL("softmax", DeviceType::CPU, (static_cast<SoftmaxKernel*>(cpu::softmax_kernel<false>)));
KUSARI_REGISTER_KERNEL("log_softmax", DeviceType::CPU, (static_cast<SoftmaxKernel*>(cpu::softmax_kernel<true>)));
}  // namespace kusari

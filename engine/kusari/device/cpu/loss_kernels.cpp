// CPU kernels of the loss family. Log-softmax is computed as x - max - log(sum exp(x - max)),
// so no exp overflows whatever the scale of the logits.
#include <algorithm>
#include <cmath>
#include <type_traits>

#include "kusari/core/kernel_registry.h"
#include "kusari/device/cpu/elementwise.h"
#include "kusari/device/cpu/vector_math.h"
#include "kusari/functions/loss_kernels.h"

namespace kusari::cpu {
namespace {

// Max and log-sum-exp of the C values of row (n, r): x[(n * C + c) * R + r]. float32 rows with
// contiguous classes (R == 1, the usual (N, C) logits) take the vectorized path of
// vector_math.h: a language model's softmax over 10^5–10^6 logits per step spent ~6% of
// lstm_step in libm's exp in double otherwise.
template <typename T>
void row_max_lse(const T* x, int64_t C, int64_t R, double& mx, double& lse) {
  if constexpr (std::is_same_v<T, float>) {
    if (R == 1) {
      float fmx, flse;
      max_lse_row_f32(x, C, fmx, flse);
      mx = fmx, lse = flse;
      return;
    }
  }
  mx = -INFINITY;
  for (int64_t c = 0; c < C; ++c) mx = std::max(mx, static_cast<double>(x[c * R]));
  double s = 0;
  for (int64_t c = 0; c < C; ++c) s += std::exp(static_cast<double>(x[c * R]) - mx);
  lse = std::log(s);
}

void softmax_cross_entropy_kernel(const Tensor& x, const Tensor& t, const Tensor& class_weight, int64_t ignore_label,
                                  Tensor& loss) {
  visit_floating("softmax_cross_entropy", x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const int64_t N = x.shape()[0], C = x.shape()[1], R = x.shape()[2];
    const T* xp = x.data<T>();
    const int64_t* tp = t.data<int64_t>();
    const T* wp = class_weight.defined() ? class_weight.data<T>() : nullptr;
    T* yp = loss.data<T>();
    const int64_t rows = N * R;
#pragma omp parallel for if (rows * C > kParallelThreshold) schedule(static)
    for (int64_t i = 0; i < rows; ++i) {
      const int64_t n = i / R, r = i % R;
      const int64_t label = tp[i];
      if (label == ignore_label) {
        yp[i] = T(0);
        continue;
      }
      const T* row = xp + n * C * R + r;
      double mx, lse;
      row_max_lse(row, C, R, mx, lse);
      const double log_p = static_cast<double>(row[label * R]) - mx - lse;
      const double w = wp ? static_cast<double>(wp[label]) : 1.0;
      yp[i] = static_cast<T>(-w * log_p);
    }
  });
}

void softmax_axis1_kernel(const Tensor& x, Tensor& y) {
  visit_floating("softmax", x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const int64_t N = x.shape()[0], C = x.shape()[1], R = x.shape()[2];
    const T* xp = x.data<T>();
    T* yp = y.data<T>();
    const int64_t rows = N * R;
#pragma omp parallel for if (rows * C > kParallelThreshold) schedule(static)
    for (int64_t i = 0; i < rows; ++i) {
      const int64_t off = (i / R) * C * R + i % R;
      if constexpr (std::is_same_v<T, float>) {
        if (R == 1) {
          softmax_row_f32(xp + off, yp + off, C);
          continue;
        }
      }
      double mx, lse;
      row_max_lse(xp + off, C, R, mx, lse);
      for (int64_t c = 0; c < C; ++c)
        yp[off + c * R] = static_cast<T>(std::exp(static_cast<double>(xp[off + c * R]) - mx - lse));
    }
  });
}

template <typename T>
T stable_sigmoid(T x) {
  if (x >= T(0)) return T(1) / (T(1) + std::exp(-x));
  const T e = std::exp(x);
  return e / (T(1) + e);
}

}  // namespace

KUSARI_REGISTER_KERNEL("loss_softmax_cross_entropy", DeviceType::CPU, softmax_cross_entropy_kernel);
KUSARI_REGISTER_KERNEL("loss_softmax_axis1", DeviceType::CPU, softmax_axis1_kernel);
KUSARI_CPU_UNARY_KERNEL("loss_sigmoid", stable_sigmoid(x));
KUSARI_CPU_UNARY_KERNEL("loss_softplus", std::max(x, T(0)) + std::log1p(std::exp(-std::abs(x))));
KUSARI_CPU_UNARY_KERNEL("loss_huber", std::abs(x) <= T(args.a) ? T(0.5) * x * x
                                                                 : T(args.a) * (std::abs(x) - T(0.5) * T(args.a)));
KUSARI_CPU_BINARY_FLOAT_KERNEL("loss_sigmoid_cross_entropy",
                               b == T(-1) ? T(0) : -(a * (b - T(a >= T(0))) - std::log1p(std::exp(-std::abs(a)))));

}  // namespace kusari::cpu

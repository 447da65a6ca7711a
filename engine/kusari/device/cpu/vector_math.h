// Vectorized float32 transcendental maps through Eigen's packet math (tanh, and the exp of
// softmax rows): the scalar libm calls are the LSTM's hottest loop otherwise. Eigen's float
// versions are rational approximations (a few ulp); NaN inputs are passed through as they are
// by libm.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>

// GCC 12 flags Eigen's AVX-512 reductions (maxCoeff, sum) with a false -Wmaybe-uninitialized
// inside avx512fintrin.h's _mm512_undefined_ps.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <Eigen/Core>

#include "kusari/device/cpu/elementwise.h"

namespace kusari::cpu {

// y[0, n) = f(x[0, n)) for contiguous float arrays, in cache-sized chunks (OpenMP-parallel
// above kParallelThreshold); `f` maps an Eigen array expression to another.
template <typename F>
void map_float_vectorized(const float* x, float* y, int64_t n, F f) {
  constexpr int64_t kChunk = 4096;
  const int64_t chunks = (n + kChunk - 1) / kChunk;
  auto run = [&](int64_t c) {
    const int64_t b = c * kChunk, len = std::min(kChunk, n - b);
    Eigen::Map<const Eigen::ArrayXf> X(x + b, len);
    Eigen::Map<Eigen::ArrayXf> Y(y + b, len);
    Y = f(X);
    Y = (X == X).select(Y, X);  // NaN in, NaN out
  };
  if (n > kParallelThreshold) {
#pragma omp parallel for schedule(static)
    for (int64_t c = 0; c < chunks; ++c) run(c);
  } else {
    for (int64_t c = 0; c < chunks; ++c) run(c);
  }
}

// Softmax pieces for one contiguous float32 row of n values. exp(x - max) is Eigen's packet exp
// in float (≈ 1 ulp; x - max is rounded in float, as in PyTorch); differences below -88, where
// float exp is denormal or 0, count as 0, so a -inf logit gets exactly 0. Sums run in double
// (a float sum over 10^4 classes was off by 1.5e-5). NaN anywhere in a row makes it all NaN.
inline auto shifted_exp_f32(const Eigen::Map<const Eigen::ArrayXf>& x, float mx) {
  return (x - mx < -88.0f).select(0.0f, (x - mx).exp());
}

// mx = max(x), lse = log(sum(exp(x - mx))).
inline void max_lse_row_f32(const float* x, int64_t n, float& mx, float& lse) {
  Eigen::Map<const Eigen::ArrayXf> X(x, n);
  mx = X.maxCoeff();
  lse = static_cast<float>(std::log(shifted_exp_f32(X, mx).cast<double>().sum()));
}

// y = softmax(x); y may not alias x.
inline void softmax_row_f32(const float* x, float* y, int64_t n) {
  Eigen::Map<const Eigen::ArrayXf> X(x, n);
  Eigen::Map<Eigen::ArrayXf> Y(y, n);
  Y = shifted_exp_f32(X, X.maxCoeff());
  Y *= static_cast<float>(1.0 / Y.cast<double>().sum());
}

}  // namespace kusari::cpu

#pragma GCC diagnostic pop

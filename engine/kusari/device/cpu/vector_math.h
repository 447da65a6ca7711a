// Vectorized float32 transcendental maps through Eigen's packet math (tanh): the
// scalar libm calls are the LSTM's hottest loop otherwise. Eigen's float versions are rational
// approximations (a few ulp); NaN inputs are passed through as they are by libm.
#pragma once
#include <algorithm>
#include <cstdint>

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

}  // namespace kusari::cpu

// Walks N operands of one shape with their own strides (in elements), calling
// body(offsets, n, inner_strides) once per run of the innermost axis. Used by every CPU
// elementwise kernel; contiguous operands take a flat fast path in the kernels themselves.
#pragma once
#include <array>
#include <cstdint>

#include "kusari/core/shape.h"

namespace kusari::cpu {

template <size_t N, typename Body>
void strided_loop(const Shape& shape, const std::array<const Strides*, N>& strides,
                  const std::array<int64_t, N>& base, Body&& body) {
  const int64_t nd = static_cast<int64_t>(shape.size());
  if (shape_numel(shape) == 0) return;
  if (nd == 0) {
    std::array<int64_t, N> inner{};
    body(base, int64_t{1}, inner);
    return;
  }
  // Merge adjacent axes that are contiguous with each other in every operand.
  int64_t dims[kMaxDims];
  int64_t st[N][kMaxDims];
  int64_t m = 0;
  for (int64_t d = 0; d < nd; ++d) {
    if (shape[d] == 1) continue;
    bool merge = m > 0;
    for (size_t k = 0; k < N && merge; ++k) merge = st[k][m - 1] == (*strides[k])[d] * shape[d];
    if (merge) {
      dims[m - 1] *= shape[d];
      for (size_t k = 0; k < N; ++k) st[k][m - 1] = (*strides[k])[d];
    } else {
      dims[m] = shape[d];
      for (size_t k = 0; k < N; ++k) st[k][m] = (*strides[k])[d];
      ++m;
    }
  }
  if (m == 0) {
    std::array<int64_t, N> inner{};
    body(base, int64_t{1}, inner);
    return;
  }
  std::array<int64_t, N> inner;
  for (size_t k = 0; k < N; ++k) inner[k] = st[k][m - 1];
  const int64_t n = dims[m - 1];
  int64_t counter[kMaxDims] = {};
  std::array<int64_t, N> off = base;
  while (true) {
    body(off, n, inner);
    int64_t d = m - 2;
    for (; d >= 0; --d) {
      for (size_t k = 0; k < N; ++k) off[k] += st[k][d];
      if (++counter[d] < dims[d]) break;
      for (size_t k = 0; k < N; ++k) off[k] -= st[k][d] * dims[d];
      counter[d] = 0;
    }
    if (d < 0) return;
  }
}

}  // namespace kusari::cpu

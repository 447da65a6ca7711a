// Integer-array indexing along one axis: index normalization, take (gather) and scatter-add.
#include <cstring>
#include <string>

#include "kusari/device/cpu/elementwise.h"
#include "kusari/functions/array_kernels.h"

namespace kusari::cpu {
namespace {

// (outer, inner) of a shape split around `axis`.
void outer_inner(const Shape& s, int64_t axis, int64_t& outer, int64_t& inner) {
  outer = 1;
  inner = 1;
  for (int64_t i = 0; i < axis; ++i) outer *= s[i];
  for (size_t i = axis + 1; i < s.size(); ++i) inner *= s[i];
}

void normalize_indices(const Tensor& indices, Tensor& out, int64_t size, int64_t axis, const char* op) {
  Tensor src = indices.astype(Dtype::Int64).contiguous();
  const int64_t* ip = src.data<int64_t>();
  int64_t* op_ = out.data<int64_t>();
  const int64_t n = src.numel();
  for (int64_t j = 0; j < n; ++j) {
    int64_t v = ip[j];
    if (v < -size || v >= size)
      throw IndexError(std::string(op) + ": index " + std::to_string(v) + " is out of bounds for axis " +
                       std::to_string(axis) + " with size " + std::to_string(size));
    op_[j] = v < 0 ? v + size : v;
  }
}

void take(const Tensor& x, const Tensor& indices, Tensor& y, int64_t axis) {
  int64_t outer, inner;
  outer_inner(x.shape(), axis, outer, inner);
  const int64_t n = x.shape()[axis], m = indices.numel();
  const int64_t* idx = indices.data<int64_t>();
  const size_t row_bytes = static_cast<size_t>(inner) * dtype_size(x.dtype());
  const char* xp = static_cast<const char*>(x.raw_data());
  char* yp = static_cast<char*>(y.raw_data());
  const int64_t rows = outer * m;
#pragma omp parallel for if (rows * inner > kParallelThreshold) schedule(static)
  for (int64_t r = 0; r < rows; ++r) {
    const int64_t o = r / m, j = r % m;
    std::memcpy(yp + r * row_bytes, xp + (o * n + idx[j]) * row_bytes, row_bytes);
  }
}

void scatter_add(const Tensor& values, const Tensor& indices, Tensor& y, int64_t axis) {
  visit_dtype(y.dtype(), [&](auto tag) {
    using T = decltype(tag);
    int64_t outer, inner;
    outer_inner(y.shape(), axis, outer, inner);
    const int64_t n = y.shape()[axis], m = indices.numel();
    const int64_t* idx = indices.data<int64_t>();
    const T* vp = values.data<T>();
    T* yp = y.data<T>();
    // Duplicates only collide within one outer slice, so outer slices run in parallel.
#pragma omp parallel for if (outer > 1 && outer * m * inner > kParallelThreshold) schedule(static)
    for (int64_t o = 0; o < outer; ++o) {
      for (int64_t j = 0; j < m; ++j) {
        const T* src = vp + (o * m + j) * inner;
        T* dst = yp + (o * n + idx[j]) * inner;
        for (int64_t i = 0; i < inner; ++i) {
          if constexpr (std::is_same_v<T, bool>) dst[i] = dst[i] || src[i];
          else dst[i] += src[i];
        }
      }
    }
  });
}

KUSARI_REGISTER_KERNEL("normalize_indices", DeviceType::CPU, normalize_indices);
KUSARI_REGISTER_KERNEL("take", DeviceType::CPU, take);
KUSARI_REGISTER_KERNEL("scatter_add", DeviceType::CPU, scatter_add);

}  // namespace
}  // namespace kusari::cpu

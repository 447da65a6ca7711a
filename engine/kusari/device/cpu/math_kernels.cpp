// CPU kernels of the math family: cumsum.
#include "kusari/core/tensor.h"
#include "kusari/device/cpu/elementwise.h"
#include "kusari/functions/math_kernels.h"

namespace kusari::cpu {
namespace {

// x viewed as (outer, n, inner) around `axis`; each step adds one inner row to the previous,
// so the innermost loop runs over contiguous memory.
void cumsum_kernel(const Tensor& x, Tensor& y, int64_t axis, bool reverse) {
  visit_floating("cumsum", x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    Tensor xc = x.contiguous();
    const T* xp = xc.data<T>();
    T* yp = y.data<T>();
    int64_t outer = 1, inner = 1;
    for (int64_t i = 0; i < axis; ++i) outer *= x.shape()[i];
    for (int64_t i = axis + 1; i < x.ndim(); ++i) inner *= x.shape()[i];
    const int64_t n = x.shape()[axis];
    if (n == 0 || inner == 0) return;
#pragma omp parallel for if (outer * n * inner > kParallelThreshold) schedule(static)
    for (int64_t o = 0; o < outer; ++o) {
      const T* xo = xp + o * n * inner;
      T* yo = yp + o * n * inner;
      const int64_t first = reverse ? n - 1 : 0;
      const int64_t step = reverse ? -1 : 1;
      for (int64_t j = 0; j < inner; ++j) yo[first * inner + j] = xo[first * inner + j];
      for (int64_t k = 1; k < n; ++k) {
        const int64_t cur = (first + step * k) * inner;
        const int64_t prev = cur - step * inner;
        for (int64_t j = 0; j < inner; ++j) yo[cur + j] = yo[prev + j] + xo[cur + j];
      }
    }
  });
}

KUSARI_REGISTER_KERNEL("cumsum", DeviceType::CPU, cumsum_kernel);

}  // namespace
}  // namespace kusari::cpu

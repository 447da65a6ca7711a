// CPU row gather / scatter-add for embed_id.
#include <algorithm>

#include "kusari/core/kernel_registry.h"
#include "kusari/device/cpu/elementwise.h"
#include "kusari/functions/embed_kernels.h"

namespace kusari::cpu {
namespace {

// Validated serially before any parallel loop, since an exception must not leave an OpenMP region.
void check_ids(const int64_t* ids, int64_t n, int64_t vocab, std::optional<int64_t> ignore) {
  for (int64_t i = 0; i < n; ++i)
    if ((ids[i] < 0 || ids[i] >= vocab) && ids[i] != ignore)
      throw IndexError("embed_id: id " + std::to_string(ids[i]) + " at position " + std::to_string(i) +
                       " is out of range for a vocabulary of " + std::to_string(vocab));
}

void embed_gather(const Tensor& ids, const Tensor& W, Tensor& y, std::optional<int64_t> ignore) {
  visit_floating("embed_id", W.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const int64_t n = ids.numel(), vocab = W.shape()[0], dim = W.shape()[1];
    const int64_t* ip = ids.data<int64_t>();
    check_ids(ip, n, vocab, ignore);
    const T* wp = W.data<T>();
    T* yp = y.data<T>();
#pragma omp parallel for if (n * dim > kParallelThreshold) schedule(static)
    for (int64_t i = 0; i < n; ++i) {
      T* dst = yp + i * dim;
      if (ip[i] == ignore) std::fill(dst, dst + dim, T(0));
      else std::copy(wp + ip[i] * dim, wp + (ip[i] + 1) * dim, dst);
    }
  });
}

void embed_scatter(const Tensor& ids, const Tensor& gy, Tensor& gW, std::optional<int64_t> ignore) {
  visit_floating("embed_id_grad", gW.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const int64_t n = ids.numel(), vocab = gW.shape()[0], dim = gW.shape()[1];
    const int64_t* ip = ids.data<int64_t>();
    check_ids(ip, n, vocab, ignore);
    const T* gp = gy.data<T>();
    T* wp = gW.data<T>();
    std::fill(wp, wp + vocab * dim, T(0));
    // Rows may repeat, so threads split the embedding dimension rather than the ids.
#pragma omp parallel for if (n * dim > kParallelThreshold && dim >= 64) schedule(static)
    for (int64_t d0 = 0; d0 < dim; d0 += 16) {
      const int64_t d1 = std::min(dim, d0 + 16);
      for (int64_t i = 0; i < n; ++i) {
        if (ip[i] == ignore) continue;
        const T* src = gp + i * dim;
        T* dst = wp + ip[i] * dim;
        for (int64_t d = d0; d < d1; ++d) dst[d] += src[d];
      }
    }
  });
}

KUSARI_REGISTER_KERNEL("embed_id_gather", DeviceType::CPU, embed_gather);
KUSARI_REGISTER_KERNEL("embed_id_scatter", DeviceType::CPU, embed_scatter);

}  // namespace
}  // namespace kusari::cpu

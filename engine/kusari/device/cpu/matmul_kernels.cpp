// Matrix products through CBLAS (OpenBLAS, when built with KUSARI_BLAS) or Eigen's GEMM
// (multithreaded with OpenMP).
#include <Eigen/Core>

#include "kusari/device/cpu/blas_gemm.h"

#include "kusari/core/kernel_registry.h"
#include "kusari/core/tensor.h"

namespace kusari::cpu {
namespace {

template <typename T>
using RowMat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// a, b, y contiguous; a is (batch, m, k) or (batch, k, m) when trans_a; likewise b.
void matmul_kernel(const Tensor& a, const Tensor& b, Tensor& y, bool trans_a, bool trans_b) {
  visit_floating("matmul", y.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const int64_t nd = y.ndim();
    const int64_t m = y.shape()[nd - 2], n = y.shape()[nd - 1];
    const int64_t k = trans_a ? a.shape()[a.ndim() - 2] : a.shape()[a.ndim() - 1];
    const int64_t batch = m * n == 0 ? 0 : y.numel() / (m * n);
    const T* ap = a.data<T>();
    const T* bp = b.data<T>();
    T* yp = y.data<T>();
    for (int64_t i = 0; i < batch; ++i) {
      Eigen::Map<const RowMat<T>> A(ap + i * m * k, trans_a ? k : m, trans_a ? m : k);
      Eigen::Map<const RowMat<T>> B(bp + i * k * n, trans_b ? n : k, trans_b ? k : n);
      Eigen::Map<RowMat<T>> Y(yp + i * m * n, m, n);
      if (k == 0) { Y.setZero(); continue; }
      // Row-major leading dimensions of the stored matrices: no transposed copy either way.
      if (blas_gemm(ap + i * m * k, bp + i * k * n, yp + i * m * n, m, n, k, trans_a, trans_b, trans_a ? m : k,
                    trans_b ? k : n, n))
        continue;
      if (!trans_a && !trans_b) Y.noalias() = A * B;
      else if (trans_a && !trans_b) Y.noalias() = A.transpose() * B;
      else if (!trans_a && trans_b) Y.noalias() = A * B.transpose();
      else Y.noalias() = A.transpose() * B.transpose();
    }
  });
}

KUSARI_REGISTER_KERNEL("matmul", DeviceType::CPU, matmul_kernel);

}  // namespace
}  // namespace kusari::cpu

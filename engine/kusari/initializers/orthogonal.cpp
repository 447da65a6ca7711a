#include "kusari/initializers/orthogonal.h"

#include <cmath>
#include <vector>

#include "kusari/core/ops.h"

namespace kusari::initializers {

namespace {
// Modified Gram-Schmidt on the `count` vectors of length `dim` stored row-wise in v; this is
// the Q of a QR decomposition whose R has a positive diagonal (Chainer's sign fix, copysign).
void orthonormalize_rows(std::vector<double>& v, int64_t count, int64_t dim) {
  for (int64_t i = 0; i < count; ++i) {
    double* vi = v.data() + i * dim;
    for (int64_t j = 0; j < i; ++j) {
      const double* vj = v.data() + j * dim;
      double dot = 0;
      for (int64_t k = 0; k < dim; ++k) dot += vi[k] * vj[k];
      for (int64_t k = 0; k < dim; ++k) vi[k] -= dot * vj[k];
    }
    double norm = 0;
    for (int64_t k = 0; k < dim; ++k) norm += vi[k] * vi[k];
    norm = std::sqrt(norm);
    if (norm == 0) throw ValueError("Orthogonal: degenerate random matrix");  // probability zero
    for (int64_t k = 0; k < dim; ++k) vi[k] /= norm;
  }
}
}  // namespace

void Orthogonal::operator()(Tensor& array) const {
  if (array.ndim() < 1) throw ValueError("Orthogonal: needs an array of at least 1 dimension, got a scalar");
  const int64_t rows = array.shape()[0];
  const int64_t cols = rows == 0 ? 0 : array.numel() / rows;
  if (array.numel() == 0) return;
  Tensor g = ops::normal({rows, cols}, 0, 1, Dtype::Float64).contiguous();
  std::vector<double> v(g.data<double>(), g.data<double>() + rows * cols);
  Tensor out({rows, cols}, Dtype::Float64);
  double* o = out.data<double>();
  if (rows <= cols) {  // orthonormal rows: W W^T = scale^2 I
    orthonormalize_rows(v, rows, cols);
    for (int64_t i = 0; i < rows * cols; ++i) o[i] = scale_ * v[i];
  } else {  // orthonormal columns: W^T W = scale^2 I
    std::vector<double> t(v.size());
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < cols; ++j) t[j * rows + i] = v[i * cols + j];
    orthonormalize_rows(t, cols, rows);
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < cols; ++j) o[i * cols + j] = scale_ * t[j * rows + i];
  }
  array.copy_from(out.reshape(array.shape()));
}

}  // namespace kusari::initializers

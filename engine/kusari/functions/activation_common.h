// Helpers shared by the activation family's files; not part of the public API.
#pragma once
#include <string>
#include <string_view>

#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"

namespace kusari::activation_detail {

// DtypeError naming the function unless x is float32 or float64.
inline void require_floating(std::string_view op, const Variable& x) {
  if (!is_floating(x.dtype()))
    throw DtypeError(std::string(op) + ": expected a floating-point input (float32 or float64), got " +
                     x.data().describe());
}

// Constant masks in x's dtype (gradients are multiplied by them, so they carry no graph).
inline Tensor step_mask(const Tensor& x, double pos, double neg) { return ops::unary("activation_step", x, {pos, neg}); }
inline Tensor band_mask(const Tensor& x, double lo, double hi) { return ops::unary("activation_band", x, {lo, hi}); }

// Chainer's rule for prelu's W and swish's beta: p.shape == x.shape[1 : 1 + p.ndim], and p
// broadcasts as the shape (1, *p.shape, 1, ..., 1) of x.ndim dimensions, returned here.
inline Shape channel_shape(std::string_view op, const Variable& x, const Variable& p) {
  require_floating(op, x);
  if (p.dtype() != x.dtype())
    throw DtypeError(std::string(op) + ": the parameter's dtype must be the input's, got " + x.data().describe() +
                     " and " + p.data().describe());
  bool ok = x.ndim() >= 1 + p.ndim();
  for (int64_t i = 0; ok && i < p.ndim(); ++i) ok = p.shape()[i] == x.shape()[1 + i];
  if (!ok)
    throw_op_error(op, {x, p}, "the parameter's shape " + shape_to_string(p.shape()) + " must equal x.shape[1:" +
                                   std::to_string(1 + p.ndim()) + "] of x " + shape_to_string(x.shape()));
  Shape s(static_cast<size_t>(x.ndim()), 1);
  for (int64_t i = 0; i < p.ndim(); ++i) s[1 + i] = p.shape()[i];
  return s;
}

}  // namespace kusari::activation_detail

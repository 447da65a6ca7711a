// Reductions with gradients beyond sum/mean: prod, logsumexp, cumsum.
#include <cmath>

#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/math.h"
#include "kusari/functions/math_internal.h"
#include "kusari/functions/math_kernels.h"

namespace kusari {

// d prod(x) / dx_i is the product of the other elements of x_i's group. Zeros are replaced
// by ones (x' = x + [x == 0]) so that P' / x'_i never divides by zero, and a constant mask
// keeps the groups the zeros decide: no zero -> every element; one zero -> only that zero
// (the others' products contain it); two or more -> nothing. The first derivative is exact
// everywhere; the second is exact where a group has no zero (with one zero it misses the
// terms coupling the zero to the other elements).
Variable prod(const Variable& x, const Axes& axes, bool keepdims) {
  math_detail::require_floating("prod", x);
  Axes norm = normalize_axes(axes, x.ndim(), true, "prod");
  FunctionScope fn("prod", {x});
  return fn.finish(ops::prod(x.data(), norm, keepdims), [norm](const BackwardContext& c) {
    const Variable& x = c.input(0);
    const Tensor& xd = x.data();
    const Dtype d = xd.dtype();
    Tensor is_zero = ops::compare("equal", xd, ops::scalar(0, d)).astype(d);
    Tensor zeros_in_group = ops::sum(is_zero, norm, true);
    Tensor no_zero = ops::compare("equal", zeros_in_group, ops::scalar(0, d)).astype(d);
    Tensor one_zero = ops::compare("equal", zeros_in_group, ops::scalar(1, d)).astype(d);
    Tensor keep = ops::add(ops::mul(one_zero, is_zero), no_zero);  // broadcasts to x's shape
    Variable x_nonzero = x + Variable(is_zero);
    Variable others = math_detail::expand_reduced(prod(x_nonzero, norm, false), x.shape(), norm) / x_nonzero;
    return Grads{math_detail::expand_reduced(c.grad_output(0), x.shape(), norm) * others * Variable(keep)};
  });
}

// log(sum(exp(x - m))) + m with m the group's maximum (0 where that is not finite), so
// large inputs do not overflow. The gradient is softmax(x) = exp(x - y).
Variable logsumexp(const Variable& x, const Axes& axes, bool keepdims) {
  math_detail::require_floating("logsumexp", x);
  Axes norm = normalize_axes(axes, x.ndim(), true, "logsumexp");
  int64_t count = 1;
  for (int64_t a : norm) count *= x.shape()[a];
  if (count == 0 && shape_numel(reduced_shape(x.shape(), norm, false)) != 0)
    throw ValueError("logsumexp: zero-size reduction of " + x.data().describe() + " has no identity");
  FunctionScope fn("logsumexp", {x});
  const Tensor& xd = x.data();
  Tensor m = ops::max(xd, norm, true);
  Tensor finite = ops::compare("not_equal", ops::unary("isfinite_mask", m), ops::scalar(0, m.dtype()));
  m = ops::where(finite, m, ops::scalar(0, m.dtype()));
  Tensor s = ops::sum(ops::unary("exp", ops::sub(xd, m)), norm, true);
  Tensor y = ops::add(ops::unary("log", s), m);
  y = y.view(reduced_shape(x.shape(), norm, keepdims));
  return fn.finish(
      y,
      [norm](const BackwardContext& c) {
        const Variable& x = c.input(0);
        Variable y = math_detail::expand_reduced(c.output(0), x.shape(), norm);
        return Grads{math_detail::expand_reduced(c.grad_output(0), x.shape(), norm) * exp(x - y)};
      },
      RetainOutputs::Yes);
}

namespace {
// Running sum from the start (or from the end when `reverse`); each direction's gradient is
// the other direction's running sum of gy.
Variable running_sum(const Variable& x, int64_t axis, bool reverse) {
  FunctionScope fn("cumsum", {x});
  Tensor y(x.shape(), x.dtype(), x.data().device());
  kernel<CumsumKernel>("cumsum", x.data().device())(x.data(), y, axis, reverse);
  return fn.finish(y, [axis, reverse](const BackwardContext& c) {
    return Grads{running_sum(c.grad_output(0), axis, !reverse)};
  });
}
}  // namespace

Variable cumsum(const Variable& x, int64_t axis) {
  math_detail::require_floating("cumsum", x);
  return running_sum(x, normalize_axis(axis, x.ndim(), "cumsum"), false);
}

}  // namespace kusari

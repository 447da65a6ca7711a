#include "kusari/functions/reduction.h"

#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/shape_ops.h"

namespace kusari {

Variable sum(const Variable& x, const Axes& axes, bool keepdims) {
  FunctionScope fn("sum", {x});
  Axes norm = normalize_axes(axes, x.ndim(), true, "sum");
  return fn.finish(ops::sum(x.data(), norm, keepdims), [norm](const BackwardContext& c) {
    const Shape& in = c.input(0).shape();
    Variable gy = c.grad_output(0);
    gy = reshape(gy, reduced_shape(in, norm, true));
    return Grads{broadcast_to(gy, in)};
  });
}

Variable mean(const Variable& x, const Axes& axes, bool keepdims) {
  Axes norm = normalize_axes(axes, x.ndim(), true, "mean");
  int64_t count = 1;
  for (int64_t a : norm) count *= x.shape()[a];
  return mul(sum(x, norm, keepdims), 1.0 / static_cast<double>(std::max<int64_t>(count, 1)));
}

Variable sum_to(const Variable& x, const Shape& shape) {
  if (x.shape() == shape) return x;
  FunctionScope fn("sum_to", {x});
  return fn.finish(ops::sum_to(x.data(), shape),
                   [](const BackwardContext& c) { return Grads{broadcast_to(c.grad_output(0), c.input(0).shape())}; });
}

Variable broadcast_to(const Variable& x, const Shape& shape) {
  if (x.shape() == shape) return x;
  FunctionScope fn("broadcast_to", {x});
  return fn.finish(x.data().broadcast_to(shape),
                   [](const BackwardContext& c) { return Grads{sum_to(c.grad_output(0), c.input(0).shape())}; });
}

}  // namespace kusari

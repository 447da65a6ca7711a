// Losses on the difference x0 - x1: mean_squared_error, mean_absolute_error, huber_loss.
// Each backward is a formula in the difference written with differentiable ops; the
// piecewise parts (sign, the Huber clip) enter as constant masks.
#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/loss.h"
#include "kusari/functions/loss_support.h"
#include "kusari/functions/reduction.h"
#include "kusari/functions/shape_ops.h"

namespace kusari {

Variable mean_squared_error(const Variable& x0, const Variable& x1) {
  constexpr const char* kOp = "mean_squared_error";
  loss_detail::require_same_float(kOp, x0.data(), x1.data());
  FunctionScope fn(kOp, {x0, x1});
  Tensor diff = ops::sub(x0.data(), x1.data());
  // NumPy's mean: an empty input gives NaN.
  const double inv_n = 1.0 / static_cast<double>(diff.numel());
  Tensor y = ops::mul(ops::sum(ops::mul(diff, diff)), inv_n);
  return fn.finish(y, [inv_n](const BackwardContext& c) {
    Variable g = (c.input(0) - c.input(1)) * (c.grad_output(0) * (2 * inv_n));
    return Grads{g, c.needs_input_grad(1) ? -g : Variable()};
  });
}

Variable mean_absolute_error(const Variable& x0, const Variable& x1) {
  constexpr const char* kOp = "mean_absolute_error";
  loss_detail::require_same_float(kOp, x0.data(), x1.data());
  FunctionScope fn(kOp, {x0, x1});
  Tensor diff = ops::sub(x0.data(), x1.data());
  const double inv_n = 1.0 / static_cast<double>(diff.numel());
  Tensor y = ops::mul(ops::sum(ops::unary("absolute", diff)), inv_n);
  return fn.finish(y, [inv_n, diff](const BackwardContext& c) {
    Variable g = (c.grad_output(0) * inv_n) * ops::unary("sign", diff);
    return Grads{g, c.needs_input_grad(1) ? -g : Variable()};
  });
}

Variable huber_loss(const Variable& x, const Variable& t, double delta, const std::string& reduce) {
  constexpr const char* kOp = "huber_loss";
  loss_detail::require_reduce(kOp, reduce, {"sum_along_second_axis", "no"});
  loss_detail::require_same_float(kOp, x.data(), t.data());
  const bool sum_axis1 = reduce == "sum_along_second_axis";
  if (sum_axis1 && x.ndim() < 2)
    loss_detail::fail(kOp, {x.data(), t.data()}, "reduce='sum_along_second_axis' needs inputs of at least 2 dimensions");
  if (!(delta > 0)) loss_detail::fail<ValueError>(kOp, {x.data(), t.data()}, "delta must be positive");
  FunctionScope fn(kOp, {x, t}, "reduce=" + reduce);
  Tensor diff = ops::sub(x.data(), t.data());
  Tensor y = ops::unary("loss_huber", diff, {delta});
  if (sum_axis1) y = ops::sum(y, {1});
  return fn.finish(y, [=](const BackwardContext& c) {
    // d/d diff = clip(diff, -delta, delta) = diff inside the band, delta * sign(diff) outside.
    Tensor inside = ops::compare("less_equal", ops::unary("absolute", diff), ops::scalar(delta, diff.dtype())).astype(diff.dtype());
    Tensor outside = ops::mul(ops::unary("sign", diff), ops::mul(ops::unary("rsub_scalar", inside, {1.0}), delta));
    Variable gy = c.grad_output(0);
    if (sum_axis1) {
      Shape s = gy.shape();
      s.insert(s.begin() + 1, 1);
      gy = reshape(gy, s);
    }
    Variable clipped = (c.input(0) - c.input(1)) * inside + outside;
    Variable g = gy * clipped;
    return Grads{g, c.needs_input_grad(1) ? -g : Variable()};
  });
}

}  // namespace kusari

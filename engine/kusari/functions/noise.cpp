// Dropout and Gaussian sampling; both are the identity on their first input outside training.
#include <cmath>
#include <string>

#include "kusari/autograd/apply.h"
#include "kusari/autograd/config.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/noise.h"

namespace kusari {

Variable dropout(const Variable& x, double ratio) {
  if (!(ratio >= 0 && ratio < 1)) throw ValueError("dropout: ratio must be in [0, 1), got " + std::to_string(ratio));
  if (!is_floating(x.dtype())) throw DtypeError("dropout: x must be floating, got " + x.data().describe());
  if (!config().train) return x;
  FunctionScope fn("dropout", {x});
  // Kept units are scaled by 1 / (1 - ratio) so the expected output equals x; the same mask
  // (a constant) scales the gradient.
  Tensor mask = ops::mul(ops::bernoulli(x.shape(), 1 - ratio, x.dtype()), 1 / (1 - ratio));
  return fn.finish(ops::mul(x.data(), mask),
                   [mask](const BackwardContext& c) { return Grads{c.grad_output(0) * Variable(mask)}; });
}

Variable gaussian(const Variable& mean, const Variable& ln_var) {
  if (!is_floating(mean.dtype()) || mean.dtype() != ln_var.dtype())
    throw DtypeError("gaussian: mean and ln_var must share a floating dtype, got " + mean.data().describe() +
                     " and " + ln_var.data().describe());
  if (mean.shape() != ln_var.shape())
    throw_op_error("gaussian", {mean, ln_var}, "mean and ln_var must have the same shape");
  if (!config().train) return mean;
  FunctionScope fn("gaussian", {mean, ln_var});
  Tensor noise = ops::normal(mean.shape(), 0, 1, mean.dtype());
  Tensor y = ops::add(mean.data(), ops::mul(ops::unary("exp", ops::mul(ln_var.data(), 0.5)), noise));
  return fn.finish(y, [noise](const BackwardContext& c) {
    Variable gy = c.grad_output(0);
    Variable gln_var;
    if (c.needs_input_grad(1))  // exp(ln_var / 2) written as (e^0.5)^ln_var to stay differentiable
      gln_var = gy * Variable(noise) * rpow(c.input(1), std::exp(0.5)) * 0.5;
    return Grads{gy, gln_var};
  });
}

}  // namespace kusari

// Smooth activations: sigmoid, softplus, gelu (exact erf form) and swish.
#include <cmath>

#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/activation.h"
#include "kusari/functions/activation_common.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/reduction.h"
#include "kusari/functions/shape_ops.h"

namespace kusari {

using activation_detail::require_floating;

Variable sigmoid(const Variable& x) {
  require_floating("sigmoid", x);
  FunctionScope fn("sigmoid", {x});
  return fn.finish(
      ops::unary("sigmoid", x.data()),
      [](const BackwardContext& c) {
        Variable y = c.output(0);
        return Grads{c.grad_output(0) * y * (1.0 - y)};
      },
      RetainOutputs::Yes);
}

Variable softplus(const Variable& x, double beta) {
  require_floating("softplus", x);
  if (beta == 0) throw ValueError("softplus: beta must be nonzero");
  FunctionScope fn("softplus", {x}, "beta=" + std::to_string(beta));
  return fn.finish(ops::unary("softplus", x.data(), {beta}), [beta](const BackwardContext& c) {
    return Grads{c.grad_output(0) * sigmoid(c.input(0) * beta)};
  });
}

namespace {
// The standard normal density phi; phi'(x) = -x phi(x).
Variable normal_pdf(const Variable& x) {
  FunctionScope fn("normal_pdf", {x});
  return fn.finish(
      ops::unary("normal_pdf", x.data()),
      [](const BackwardContext& c) { return Grads{-(c.grad_output(0) * c.input(0) * c.output(0))}; },
      RetainOutputs::Yes);
}

// The standard normal distribution function Phi; Phi' = phi.
Variable normal_cdf(const Variable& x) {
  FunctionScope fn("normal_cdf", {x});
  return fn.finish(ops::unary("normal_cdf", x.data()),
                   [](const BackwardContext& c) { return Grads{c.grad_output(0) * normal_pdf(c.input(0))}; });
}
}  // namespace

Variable gelu(const Variable& x) {
  require_floating("gelu", x);
  FunctionScope fn("gelu", {x});
  // gelu(x) = x Phi(x), so gelu'(x) = Phi(x) + x phi(x).
  return fn.finish(ops::unary("gelu", x.data()), [](const BackwardContext& c) {
    const Variable& x = c.input(0);
    return Grads{c.grad_output(0) * (normal_cdf(x) + x * normal_pdf(x))};
  });
}

Variable swish(const Variable& x, const Variable& beta) {
  const Shape bshape = activation_detail::channel_shape("swish", x, beta);
  FunctionScope fn("swish", {x, beta});
  Tensor s = ops::unary("sigmoid", ops::mul(x.data(), beta.data().reshape(bshape)));
  return fn.finish(ops::mul(x.data(), s), [bshape](const BackwardContext& c) {
    // y = x s with s = sigmoid(b x): dy/dx = s + b x s (1 - s), dy/db = x^2 s (1 - s).
    const Variable& x = c.input(0);
    const Variable& beta = c.input(1);
    Variable b = reshape(beta, bshape);
    Variable s = sigmoid(b * x);
    Variable ds = s * (1.0 - s);
    Variable gy = c.grad_output(0);
    Variable gx = c.needs_input_grad(0) ? gy * (s + b * x * ds) : Variable();
    Variable gb = c.needs_input_grad(1) ? reshape(sum_to(gy * x * x * ds, bshape), beta.shape()) : Variable();
    return Grads{gx, gb};
  });
}

}  // namespace kusari

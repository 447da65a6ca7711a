// Layer, group, local response and L2 normalization, composed of differentiable functions
// (their backward, and its backward, come from the pieces).
#include <string>

#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/normalization.h"
#include "kusari/functions/reduction.h"
#include "kusari/functions/shape_ops.h"

namespace kusari {

namespace {
void require_floating(const char* op, const std::vector<Variable>& xs) {
  for (const Variable& v : xs)
    if (!is_floating(v.dtype()) || v.dtype() != xs[0].dtype())
      throw DtypeError(std::string(op) + ": inputs must share a floating dtype, got " + xs[0].data().describe() +
                       " and " + v.data().describe());
}

// s[:, c] = sum of x[:, j] for |j - c| <= half_n (channels, axis 1). The window relation is
// symmetric, so the op is its own adjoint: its backward is the same op on gy.
Variable channel_window_sum(const Variable& x, int64_t half_n) {
  FunctionScope fn("channel_window_sum", {x});
  const Tensor& t = x.data();
  const int64_t channels = t.shape()[1];
  Tensor s = t.clone();
  for (int64_t i = 1; i <= half_n && i < channels; ++i) {
    Tensor hi = s.slice(1, i, channels), lo = s.slice(1, 0, channels - i);
    hi.copy_from(ops::add(hi, t.slice(1, 0, channels - i)));
    lo.copy_from(ops::add(lo, t.slice(1, i, channels)));
  }
  return fn.finish(s, [half_n](const BackwardContext& c) {
    return Grads{channel_window_sum(c.grad_output(0), half_n)};
  });
}
}  // namespace

Variable layer_normalization(const Variable& x, const Variable& gamma, const Variable& beta, double eps) {
  require_floating("layer_normalization", {x, gamma, beta});
  if (x.ndim() != 2 || gamma.shape() != Shape{x.shape()[1]} || beta.shape() != gamma.shape())
    throw_op_error("layer_normalization", {x, gamma, beta}, "expects x (N, C) with gamma and beta (C,)");
  Variable xc = x - mean(x, {1}, true);
  Variable xhat = xc * pow(mean(xc * xc, {1}, true) + eps, -0.5);
  return xhat * gamma + beta;
}

Variable group_normalization(const Variable& x, int64_t groups, const Variable& gamma, const Variable& beta,
                             double eps) {
  require_floating("group_normalization", {x, gamma, beta});
  if (x.ndim() < 2 || groups <= 0 || x.shape()[1] % groups != 0 || gamma.shape() != Shape{x.shape()[1]} ||
      beta.shape() != gamma.shape())
    throw_op_error("group_normalization", {x, gamma, beta},
                   "expects x (N, C, ...) with C divisible by groups=" + std::to_string(groups) +
                       " and gamma, beta (C,)");
  // Each (sample, group) is one "channel" of a batch normalization over a batch of one.
  const int64_t n = x.shape()[0], channels = x.shape()[1];
  const int64_t per_group = x.numel() / std::max<int64_t>(n * groups, 1);
  Variable flat = reshape(x, {1, n * groups, per_group});
  Variable ones(ops::ones({n * groups}, x.dtype())), zeros(ops::zeros({n * groups}, x.dtype()));
  Variable xhat = reshape(batch_normalization(flat, ones, zeros, eps), x.shape());
  Shape expanded(x.ndim(), 1);
  expanded[1] = channels;
  return xhat * reshape(gamma, expanded) + reshape(beta, expanded);
}

Variable local_response_normalization(const Variable& x, int64_t n, double k, double alpha, double beta) {
  require_floating("local_response_normalization", {x});
  if (x.ndim() < 2 || n < 1)
    throw_op_error("local_response_normalization", {x},
                   "expects x (N, C, ...) and a window n >= 1, got n=" + std::to_string(n));
  // Chainer: y = x * (k + alpha * sum over channels within n/2 of x^2) ^ -beta.
  Variable scale = pow(channel_window_sum(x * x, n / 2) * alpha + k, -beta);
  return x * scale;
}

Variable normalize(const Variable& x, double eps, int64_t axis) {
  require_floating("normalize", {x});
  const int64_t a = normalize_axis(axis, x.ndim(), "normalize");
  return x * pow(sum(x * x, {a}, true) + eps, -0.5);
}

}  // namespace kusari

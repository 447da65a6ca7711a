// Batch normalization with batch statistics, and its fixed-statistics form. gamma's shape is
// x.shape[1 : 1 + gamma.ndim] (usually (C,)); statistics run over every other axis (Chainer).
// Each is one graph node whose backward recomputes the normalized input from x with
// differentiable ops, so the gradient can itself be differentiated.
#include <algorithm>

#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/normalization.h"
#include "kusari/functions/reduction.h"
#include "kusari/functions/shape_ops.h"

namespace kusari {

namespace {
struct BnLayout {
  Axes reduce;     // 0 and every axis after gamma's
  Shape expanded;  // gamma's shape with those axes as 1, to broadcast against x
  int64_t count = 1;
};

BnLayout bn_layout(const char* op, const Variable& x, const std::vector<Variable>& params) {
  std::vector<Variable> all{x};
  all.insert(all.end(), params.begin(), params.end());
  for (const Variable& v : all)
    if (!is_floating(v.dtype()) || v.dtype() != x.dtype())
      throw DtypeError(std::string(op) + ": x and its parameters must share a floating dtype, got " +
                       x.data().describe() + " and " + v.data().describe());
  const Shape& ps = params[0].shape();
  const int64_t k = static_cast<int64_t>(ps.size());
  if (x.ndim() < k + 1 || !std::equal(ps.begin(), ps.end(), x.shape().begin() + 1))
    throw_op_error(op, all, "gamma " + shape_to_string(ps) + " must match x's axes after the batch axis, x " +
                                shape_to_string(x.shape()));
  for (const Variable& p : params)
    if (p.shape() != ps)
      throw_op_error(op, all, "parameters must all have gamma's shape " + shape_to_string(ps) + ", got " +
                                  shape_to_string(p.shape()));
  BnLayout l;
  l.expanded = Shape(x.ndim(), 1);
  for (int64_t d = 0; d < x.ndim(); ++d) {
    if (d >= 1 && d <= k) {
      l.expanded[d] = x.shape()[d];
    } else {
      l.reduce.push_back(d);
      l.count *= x.shape()[d];
    }
  }
  return l;
}

// r = decay * r + (1 - decay) * stat, in place (r keeps its storage and dtype).
void update_running(Tensor* r, const Tensor& stat, double decay, const char* what) {
  if (!r || !r->defined()) return;
  if (r->shape() != stat.shape())
    throw ShapeError(std::string("batch_normalization: ") + what + " " + shape_to_string(r->shape()) +
                     " must have gamma's shape " + shape_to_string(stat.shape()));
  r->copy_from(ops::add(ops::mul(*r, decay), ops::mul(stat.astype(r->dtype()), 1 - decay)));
}
}  // namespace

Variable batch_normalization(const Variable& x, const Variable& gamma, const Variable& beta, double eps,
                             Tensor* running_mean, Tensor* running_var, double decay) {
  BnLayout l = bn_layout("batch_normalization", x, {gamma, beta});
  FunctionScope fn("batch_normalization", {x, gamma, beta});
  Tensor batch_mean = ops::mean(x.data(), l.reduce, true);
  Tensor xc = ops::sub(x.data(), batch_mean);
  Tensor batch_var = ops::mean(ops::mul(xc, xc), l.reduce, true);
  Tensor xhat = ops::mul(xc, ops::unary("rsqrt", ops::add(batch_var, eps)));
  Tensor y = ops::add(ops::mul(xhat, gamma.data().reshape(l.expanded)), beta.data().reshape(l.expanded));
  // Chainer stores the unbiased variance: m / (m - 1) times the batch variance.
  const double adjust = static_cast<double>(l.count) / std::max<double>(static_cast<double>(l.count) - 1, 1);
  update_running(running_mean, batch_mean.reshape(gamma.shape()), decay, "running_mean");
  update_running(running_var, ops::mul(batch_var, adjust).reshape(gamma.shape()), decay, "running_var");
  return fn.finish(y, [l, eps](const BackwardContext& c) {
    const Variable& x = c.input(0);
    Variable gamma = reshape(c.input(1), l.expanded);
    Variable gy = c.grad_output(0);
    Variable xc = x - mean(x, l.reduce, true);
    Variable inv_std = pow(mean(xc * xc, l.reduce, true) + eps, -0.5);
    Variable xhat = xc * inv_std;
    Variable gbeta = sum(gy, l.reduce);
    Variable ggamma = sum(gy * xhat, l.reduce);
    Variable gx;
    if (c.needs_input_grad(0)) {
      // d/dx of gamma * xhat: the batch mean of gy and the projection on xhat drop out.
      Variable centered = gy - (reshape(gbeta, l.expanded) + xhat * reshape(ggamma, l.expanded)) /
                                   static_cast<double>(std::max<int64_t>(l.count, 1));
      gx = (gamma * inv_std) * centered;
    }
    return Grads{gx, ggamma, gbeta};
  });
}

Variable fixed_batch_normalization(const Variable& x, const Variable& gamma, const Variable& beta,
                                   const Variable& mean, const Variable& var, double eps) {
  BnLayout l = bn_layout("fixed_batch_normalization", x, {gamma, beta, mean, var});
  FunctionScope fn("fixed_batch_normalization", {x, gamma, beta, mean, var});
  Tensor scale = ops::mul(gamma.data(), ops::unary("rsqrt", ops::add(var.data(), eps))).reshape(l.expanded);
  Tensor y = ops::add(ops::mul(ops::sub(x.data(), mean.data().reshape(l.expanded)), scale),
                      beta.data().reshape(l.expanded));
  return fn.finish(y, [l, eps](const BackwardContext& c) {
    const Variable& x = c.input(0);
    Variable gamma = reshape(c.input(1), l.expanded);
    Variable mean = reshape(c.input(3), l.expanded);
    Variable var_eps = reshape(c.input(4), l.expanded) + eps;
    Variable gy = c.grad_output(0);
    Variable inv_std = pow(var_eps, -0.5);
    Variable gy_xc = sum(gy * (x - mean), l.reduce);  // gamma's shape
    Variable gx = gy * (gamma * inv_std);
    const Shape& ps = c.input(1).shape();
    Variable ggamma = c.needs_input_grad(1) ? gy_xc * reshape(inv_std, ps) : Variable();
    Variable gbeta = sum(gy, l.reduce);
    Variable gmean = c.needs_input_grad(3) ? -sum(gx, l.reduce) : Variable();
    Variable gvar = c.needs_input_grad(4) ? gy_xc * reshape(gamma * pow(var_eps, -1.5), ps) * -0.5 : Variable();
    return Grads{gx, ggamma, gbeta, gmean, gvar};
  });
}

}  // namespace kusari

// Likelihood losses of variational autoencoders (Chainer's loss/vae.py): gaussian_kl_divergence,
// bernoulli_nll, gaussian_nll. Elementwise, then reduce "sum" (default), "mean" or "no".
#include <cmath>

#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/loss.h"
#include "kusari/functions/loss_support.h"

namespace kusari {

namespace {

Tensor reduce_elementwise(const Tensor& loss, const std::string& reduce) {
  if (reduce == "sum") return ops::sum(loss);
  if (reduce == "mean") return ops::mean(loss);
  return loss;
}

// The upstream gradient as an elementwise factor: gy itself for "no", gy (or gy / n) broadcast otherwise.
Variable elementwise_grad(const BackwardContext& c, const std::string& reduce, int64_t n) {
  Variable gy = c.grad_output(0);
  return reduce == "mean" ? gy * (1.0 / static_cast<double>(n)) : gy;
}

void check_inputs(const char* op, const std::string& reduce, std::initializer_list<Tensor> inputs) {
  loss_detail::require_reduce(op, reduce, {"sum", "mean", "no"});
  const Tensor& first = *inputs.begin();
  for (const Tensor& t : inputs) loss_detail::require_same_float(op, first, t);
}

}  // namespace

// 0.5 (mean^2 + exp(ln_var) - ln_var - 1): KL(N(mean, exp(ln_var)) || N(0, 1)).
Variable gaussian_kl_divergence(const Variable& mean, const Variable& ln_var, const std::string& reduce) {
  constexpr const char* kOp = "gaussian_kl_divergence";
  check_inputs(kOp, reduce, {mean.data(), ln_var.data()});
  FunctionScope fn(kOp, {mean, ln_var}, "reduce=" + reduce);
  const Tensor& m = mean.data();
  const Tensor& v = ln_var.data();
  Tensor loss = ops::add(ops::sub(ops::add(ops::mul(m, m), ops::unary("exp", v)), v), -1.0);
  loss = ops::mul(loss, 0.5);
  const int64_t n = m.numel();
  return fn.finish(reduce_elementwise(loss, reduce), [reduce, n](const BackwardContext& c) {
    Variable g = elementwise_grad(c, reduce, n);
    Variable gm = c.needs_input_grad(0) ? g * c.input(0) : Variable();
    Variable gv = c.needs_input_grad(1) ? g * (loss_detail::exp(c.input(1)) - 1.0) * 0.5 : Variable();
    return Grads{gm, gv};
  });
}

// softplus(y) - x y: -log Bernoulli(x; sigmoid(y)), with y the logits.
Variable bernoulli_nll(const Variable& x, const Variable& y, const std::string& reduce) {
  constexpr const char* kOp = "bernoulli_nll";
  check_inputs(kOp, reduce, {x.data(), y.data()});
  FunctionScope fn(kOp, {x, y}, "reduce=" + reduce);
  Tensor loss = ops::sub(ops::unary("loss_softplus", y.data()), ops::mul(x.data(), y.data()));
  const int64_t n = loss.numel();
  return fn.finish(reduce_elementwise(loss, reduce), [reduce, n](const BackwardContext& c) {
    Variable g = elementwise_grad(c, reduce, n);
    Variable gx = c.needs_input_grad(0) ? -(g * c.input(1)) : Variable();
    Variable gy = c.needs_input_grad(1) ? g * (loss_detail::sigmoid(c.input(1)) - c.input(0)) : Variable();
    return Grads{gx, gy};
  });
}

// (ln_var + log(2 pi)) / 2 + (x - mean)^2 exp(-ln_var) / 2: -log N(x; mean, exp(ln_var)).
Variable gaussian_nll(const Variable& x, const Variable& mean, const Variable& ln_var, const std::string& reduce) {
  constexpr const char* kOp = "gaussian_nll";
  check_inputs(kOp, reduce, {x.data(), mean.data(), ln_var.data()});
  FunctionScope fn(kOp, {x, mean, ln_var}, "reduce=" + reduce);
  Tensor diff = ops::sub(x.data(), mean.data());
  Tensor prec = ops::unary("exp", ops::unary("negative", ln_var.data()));
  Tensor loss = ops::add(ops::mul(ln_var.data(), 0.5), 0.5 * std::log(2 * M_PI));
  loss = ops::add(loss, ops::mul(ops::mul(ops::mul(diff, diff), prec), 0.5));
  const int64_t n = loss.numel();
  return fn.finish(reduce_elementwise(loss, reduce), [reduce, n](const BackwardContext& c) {
    Variable g = elementwise_grad(c, reduce, n);
    Variable vdiff = c.input(0) - c.input(1);
    Variable vprec = loss_detail::exp(-c.input(2));
    Variable gx = g * vdiff * vprec;
    Variable gv = c.needs_input_grad(2) ? g * (1.0 - vdiff * vdiff * vprec) * 0.5 : Variable();
    return Grads{c.needs_input_grad(0) ? gx : Variable(), c.needs_input_grad(1) ? -gx : Variable(), gv};
  });
}

}  // namespace kusari

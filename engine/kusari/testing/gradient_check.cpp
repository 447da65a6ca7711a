#include "kusari/testing/gradient_check.h"

#include <cmath>
#include <sstream>

#include "kusari/autograd/backward.h"
#include "kusari/autograd/config.h"
#include "kusari/core/ops.h"

namespace kusari::testing {
namespace {

double dot(const Tensor& a, const Tensor& b) {
  return ops::sum(ops::mul(a.astype(Dtype::Float64), b.astype(Dtype::Float64))).item();
}


// sum_j <f(xs)_j, gys_j> evaluated without building a graph.
double projected_output(const DifferentiableFn& f, const std::vector<Tensor>& xs, const std::vector<Tensor>& gys) {
  // The graph is built (double-backward checks differentiate inside f), never used.
  ForceBackpropMode fb;
  std::vector<Variable> vs;
  for (const Tensor& t : xs) vs.emplace_back(t, is_floating(t.dtype()));
  std::vector<Variable> ys = f(vs);
  double s = 0;
  for (size_t j = 0; j < ys.size() && j < gys.size(); ++j)
    if (gys[j].defined() && is_floating(ys[j].dtype())) s += dot(ys[j].data(), gys[j]);
  return s;
}

std::vector<Tensor> default_grad_outputs(const DifferentiableFn& f, const std::vector<Tensor>& inputs) {
  NoBackpropMode nb;
  std::vector<Variable> vs(inputs.begin(), inputs.end());
  std::vector<Tensor> gys;
  for (const Variable& y : f(vs))
    gys.push_back(is_floating(y.dtype()) ? ops::normal(y.shape(), 0, 1, y.dtype()) : Tensor());
  return gys;
}

}  // namespace

std::vector<Tensor> numerical_grad(const DifferentiableFn& f, const std::vector<Tensor>& inputs,
                                   const std::vector<Tensor>& grad_outputs, double eps) {
  std::vector<Tensor> grads;
  for (size_t i = 0; i < inputs.size(); ++i) {
    Tensor g = ops::zeros(inputs[i].shape(), Dtype::Float64);
    if (!is_floating(inputs[i].dtype())) { grads.push_back(g); continue; }
    Tensor flat_g = g.reshape({g.numel()});
    for (int64_t k = 0; k < inputs[i].numel(); ++k) {
      std::vector<Tensor> plus = inputs, minus = inputs;
      plus[i] = inputs[i].clone();
      minus[i] = inputs[i].clone();
      Tensor pf = plus[i].reshape({plus[i].numel()}).select(0, k);
      Tensor mf = minus[i].reshape({minus[i].numel()}).select(0, k);
      double v = inputs[i].contiguous().reshape({inputs[i].numel()}).select(0, k).item();
      pf.fill(v + eps);
      mf.fill(v - eps);
      double d = (projected_output(f, plus, grad_outputs) - projected_output(f, minus, grad_outputs)) / (2 * eps);
      flat_g.select(0, k).fill(d);
    }
    grads.push_back(g);
  }
  return grads;
}

void check_backward(const DifferentiableFn& f, const std::vector<Tensor>& inputs_in,
                    const std::vector<Tensor>& grad_outputs_in, const CheckOptions& opts) {
  if (opts.seed) ops::seed(opts.seed);
  std::vector<Tensor> inputs;
  for (const Tensor& t : inputs_in) inputs.push_back(t.contiguous());
  std::vector<Tensor> gys = grad_outputs_in.empty() ? default_grad_outputs(f, inputs) : grad_outputs_in;

  // Analytic gradients.
  std::vector<Variable> xs;
  std::vector<Variable> targets;
  for (const Tensor& t : inputs) {
    xs.emplace_back(t, is_floating(t.dtype()));
    if (is_floating(t.dtype())) targets.push_back(xs.back());
  }
  std::vector<Variable> ys;
  {
    ForceBackpropMode fb;
    ys = f(xs);
  }
  std::vector<Variable> ys_used, gys_used;
  for (size_t j = 0; j < ys.size() && j < gys.size(); ++j) {
    if (!gys[j].defined() || !ys[j].requires_grad()) continue;
    if (ys[j].shape() != gys[j].shape())
      throw GradientCheckError("check_backward: grad_output " + std::to_string(j) + " has shape " +
                               shape_to_string(gys[j].shape()) + ", output has " + shape_to_string(ys[j].shape()));
    ys_used.push_back(ys[j]);
    gys_used.emplace_back(gys[j]);
  }
  std::vector<Variable> gxs = ys_used.empty() ? std::vector<Variable>(targets.size())
                                              : grad(ys_used, targets, gys_used, false);

  // A random unit direction over all differentiable inputs.
  std::vector<Tensor> dirs;
  double norm2 = 0;
  for (const Tensor& t : inputs) {
    Tensor d = is_floating(t.dtype()) ? ops::normal(t.shape(), 0, 1, Dtype::Float64) : Tensor();
    if (d.defined()) norm2 += dot(d, d);
    dirs.push_back(d);
  }
  double scale = norm2 > 0 ? 1 / std::sqrt(norm2) : 0;
  double analytic = 0;
  size_t ti = 0;
  std::vector<Tensor> plus = inputs, minus = inputs;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!dirs[i].defined()) continue;
    dirs[i] = ops::mul(dirs[i], scale);
    const Variable& g = gxs[ti++];
    if (g.defined()) {
      if (g.shape() != inputs[i].shape())
        throw GradientCheckError("check_backward: gradient of input " + std::to_string(i) + " has shape " +
                                 shape_to_string(g.shape()) + ", input has " + shape_to_string(inputs[i].shape()));
      analytic += dot(g.data(), dirs[i]);
    }
    Tensor step = ops::mul(dirs[i], opts.eps).astype(inputs[i].dtype());
    plus[i] = ops::add(inputs[i], step);
    minus[i] = ops::sub(inputs[i], step);
  }
  double numeric = (projected_output(f, plus, gys) - projected_output(f, minus, gys)) / (2 * opts.eps);
  if (!(std::abs(analytic - numeric) <= opts.atol + opts.rtol * std::abs(numeric))) {
    std::ostringstream os;
    os.precision(10);
    os << "check_backward failed: analytic directional derivative " << analytic << ", numerical " << numeric
       << " (|diff| " << std::abs(analytic - numeric) << ", atol " << opts.atol << ", rtol " << opts.rtol
       << "); inputs:";
    for (const Tensor& t : inputs) os << " " << t.describe();
    throw GradientCheckError(os.str());
  }
}

void check_double_backward(const DifferentiableFn& f, const std::vector<Tensor>& inputs_in,
                           const std::vector<Tensor>& grad_outputs_in, const std::vector<Tensor>& grad_grad_inputs,
                           const CheckOptions& opts) {
  if (opts.seed) ops::seed(opts.seed);
  std::vector<Tensor> inputs;
  for (const Tensor& t : inputs_in) inputs.push_back(t.contiguous());
  std::vector<Tensor> gys = grad_outputs_in.empty() ? default_grad_outputs(f, inputs) : grad_outputs_in;
  const size_t n_in = inputs.size();
  std::vector<size_t> float_inputs;
  for (size_t i = 0; i < n_in; ++i)
    if (is_floating(inputs[i].dtype())) float_inputs.push_back(i);
  std::vector<size_t> used_outputs;
  for (size_t j = 0; j < gys.size(); ++j)
    if (gys[j].defined()) used_outputs.push_back(j);

  DifferentiableFn first_order = [&](const std::vector<Variable>& args) {
    std::vector<Variable> xs(args.begin(), args.begin() + n_in);
    std::vector<Variable> ys = f(xs);
    std::vector<Variable> targets, ys_used, gys_used;
    for (size_t i : float_inputs) targets.push_back(xs[i]);
    for (size_t k = 0; k < used_outputs.size(); ++k) {
      ys_used.push_back(ys[used_outputs[k]]);
      gys_used.push_back(args[n_in + k]);
    }
    std::vector<Variable> g = grad(ys_used, targets, gys_used, true);
    for (size_t k = 0; k < g.size(); ++k)
      if (!g[k].defined()) g[k] = Variable(ops::zeros(targets[k].shape(), targets[k].dtype()));
    return g;
  };
  std::vector<Tensor> args = inputs;
  for (size_t j : used_outputs) args.push_back(gys[j]);
  std::vector<Tensor> ggx = grad_grad_inputs;
  if (ggx.empty())
    for (size_t i : float_inputs) ggx.push_back(ops::normal(inputs[i].shape(), 0, 1, inputs[i].dtype()));
  check_backward(first_order, args, ggx, CheckOptions{opts.eps, opts.atol, opts.rtol, 0});
}

}  // namespace kusari::testing

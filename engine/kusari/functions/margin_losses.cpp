// Margin losses: hinge (multiclass one-vs-all, Chainer's) and contrastive (pairs of embeddings).
#include <algorithm>

#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/loss.h"
#include "kusari/functions/loss_support.h"
#include "kusari/functions/reduction.h"
#include "kusari/functions/shape_ops.h"

namespace kusari {

// loss[n, k] = max(0, 1 + s x[n, k])^p with s = -1 for the true class, +1 otherwise; p = 1 or 2.
Variable hinge(const Variable& x, const Tensor& t, const std::string& norm, const std::string& reduce) {
  using namespace loss_detail;
  constexpr const char* kOp = "hinge";
  require_reduce(kOp, reduce, {"mean", "no"});
  if (norm != "L1" && norm != "L2") throw ValueError(std::string(kOp) + ": norm must be 'L1' or 'L2', got '" + norm + "'");
  const Tensor& xd = x.data();
  require_floating(kOp, {xd, t}, xd, "x");
  Tensor t64 = labels_as_int64(kOp, {xd, t}, t);
  if (xd.ndim() != 2 || t.ndim() != 1 || t.shape()[0] != xd.shape()[0])
    fail(kOp, {xd, t}, "x must be (N, K) and t (N,), got " + shape_to_string(xd.shape()) + " and " +
                           shape_to_string(t.shape()));
  const int64_t N = xd.shape()[0], K = xd.shape()[1];
  require_labels_in_range(kOp, {xd, t}, t64, K, std::nullopt);

  FunctionScope fn(kOp, {x}, "norm=" + norm + ", reduce=" + reduce);
  Tensor onehot = onehot_axis1(t64.reshape({N, 1}), K, xd.dtype()).reshape({N, K});
  Tensor sign = ops::unary("rsub_scalar", ops::mul(onehot, 2.0), {1.0});  // 1 - 2 onehot
  Tensor margin = ops::add(ops::mul(sign, xd), 1.0);
  Tensor active = ops::compare("greater", margin, ops::zeros({}, xd.dtype())).astype(xd.dtype());
  Tensor bottom = ops::mul(margin, active);
  const bool l2 = norm == "L2";
  Tensor loss = l2 ? ops::mul(bottom, bottom) : bottom;
  const bool mean = reduce == "mean";
  const double inv_n = 1.0 / static_cast<double>(N);  // Chainer's sum / len(x)
  Tensor y = mean ? ops::mul(ops::sum(loss), inv_n) : loss;
  return fn.finish(y, [=](const BackwardContext& c) {
    Variable gy = c.grad_output(0);
    Variable scale = mean ? gy * inv_n : gy;
    Variable dloss = l2 ? (c.input(0) * sign + 1.0) * ops::mul(active, 2.0) : Variable(active);
    return Grads{scale * sign * dloss};
  });
}

// loss[n] = (y d^2 + (1 - y) max(margin - d, 0)^2) / 2 with d = ||x0[n] - x1[n]||.
Variable contrastive(const Variable& x0, const Variable& x1, const Tensor& y, double margin, const std::string& reduce) {
  using namespace loss_detail;
  constexpr const char* kOp = "contrastive";
  require_reduce(kOp, reduce, {"mean", "no"});
  require_same_float(kOp, x0.data(), x1.data());
  Tensor y64 = labels_as_int64(kOp, {x0.data(), x1.data(), y}, y);
  if (x0.ndim() != 2 || y.ndim() != 1 || y.shape()[0] != x0.shape()[0])
    fail(kOp, {x0.data(), x1.data(), y}, "x0 and x1 must be (N, K) and y (N,), got " + shape_to_string(x0.shape()) +
                                             " and " + shape_to_string(y.shape()));
  if (!(margin > 0)) fail<ValueError>(kOp, {x0.data(), x1.data(), y}, "margin must be positive");
  const int64_t N = x0.shape()[0];

  FunctionScope fn(kOp, {x0, x1}, "reduce=" + reduce);
  const Dtype dt = x0.dtype();
  Tensor yf = y64.astype(dt);
  Tensor diff = ops::sub(x0.data(), x1.data());
  Tensor dist_sq = ops::sum(ops::mul(diff, diff), {1});
  Tensor dist = ops::unary("sqrt", dist_sq);
  Tensor mdist = ops::unary("rsub_scalar", dist, {margin});
  Tensor pushed = ops::compare("greater", mdist, ops::zeros({}, dt)).astype(dt);  // dissimilar pairs inside the margin
  Tensor mdist_pos = ops::mul(mdist, pushed);
  Tensor not_y = ops::unary("rsub_scalar", yf, {1.0});
  Tensor loss = ops::mul(ops::add(ops::mul(yf, dist_sq), ops::mul(not_y, ops::mul(mdist_pos, mdist_pos))), 0.5);
  const bool mean = reduce == "mean";
  const double inv_n = 1.0 / static_cast<double>(N);
  Tensor out = mean ? ops::mul(ops::sum(loss), inv_n) : loss;
  return fn.finish(out, [=](const BackwardContext& c) {
    // g = alpha (y diff - (1 - y) max(margin - d, 0) diff / max(d, 1e-8)), as Chainer (which
    // clamps d to avoid dividing by zero); d is rebuilt from the inputs for double backprop.
    Variable gy = c.grad_output(0);
    Variable alpha = mean ? gy * inv_n : reshape(gy, {N, 1});
    Variable vdiff = c.input(0) - c.input(1);
    Variable vdist = pow(sum(vdiff * vdiff, {1}, true), 0.5);
    Tensor far = ops::compare("greater", dist, ops::scalar(1e-8, dt)).astype(dt).reshape({N, 1});
    Variable dist_c = vdist * far + ops::mul(ops::unary("rsub_scalar", far, {1.0}), 1e-8);
    Variable push = (margin - vdist) * pushed.reshape({N, 1}) / dist_c;
    Variable g = alpha * (vdiff * yf.reshape({N, 1}) - vdiff * push * not_y.reshape({N, 1}));
    return Grads{g, c.needs_input_grad(1) ? -g : Variable()};
  });
}

}  // namespace kusari

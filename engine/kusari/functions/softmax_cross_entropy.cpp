// softmax_cross_entropy: a fused forward kernel (stable log-softmax, label pick, class weight)
// and a backward written with differentiable ops,
//   gx = (softmax(x) - onehot(t)) * class_weight[t] * [t != ignore] * gy / count,
// so that its own gradient (double backprop) comes from those ops.
#include <algorithm>

#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/loss.h"
#include "kusari/functions/loss_kernels.h"
#include "kusari/functions/loss_support.h"
#include "kusari/functions/shape_ops.h"

namespace kusari {

namespace {
constexpr const char* kOp = "softmax_cross_entropy";

// Per-example weight (N, 1, R): class_weight[t] (or 1), and 0 where t is ignored.
Tensor example_weights(const Tensor& onehot, const Tensor& used, const Tensor& class_weight) {
  const int64_t N = onehot.shape()[0], R = onehot.shape()[2];
  Tensor w = used.astype(onehot.dtype()).reshape({N, 1, R});
  if (!class_weight.defined()) return w;
  Tensor picked = ops::sum(ops::mul(onehot, class_weight.reshape({1, class_weight.numel(), 1})), {1}, true);
  return ops::mul(w, picked);
}
}  // namespace

Variable softmax_cross_entropy(const Variable& x, const Tensor& t, bool normalize, int64_t ignore_label,
                               const Tensor& class_weight, const std::string& reduce) {
  using namespace loss_detail;
  require_reduce(kOp, reduce, {"mean", "no"});
  const Tensor& xd = x.data();
  require_floating(kOp, {xd, t}, xd, "x");
  Tensor t64 = labels_as_int64(kOp, {xd, t}, t);
  if (xd.ndim() < 2) fail(kOp, {xd, t}, "x must have at least 2 dimensions (N, C, ...)");
  Shape t_expected = xd.shape();
  t_expected.erase(t_expected.begin() + 1);
  if (t.shape() != t_expected)
    fail(kOp, {xd, t}, "t must have shape " + shape_to_string(t_expected) + " for x of shape " +
                           shape_to_string(xd.shape()) + ", got " + shape_to_string(t.shape()));
  const int64_t N = xd.shape()[0], C = xd.shape()[1];
  const int64_t R = shape_numel(Shape(xd.shape().begin() + 2, xd.shape().end()));
  Tensor weight;
  if (class_weight.defined()) {
    require_floating(kOp, {xd, t, class_weight}, class_weight, "class_weight");
    if (class_weight.shape() != Shape{C})
      fail(kOp, {xd, t, class_weight},
           "class_weight must have shape " + shape_to_string({C}) + ", got " + shape_to_string(class_weight.shape()));
    weight = class_weight.astype(xd.dtype()).contiguous();
  }
  require_labels_in_range(kOp, {xd, t}, t64, C, ignore_label);

  FunctionScope fn(kOp, {x}, "reduce=" + reduce);
  Tensor t2 = t64.reshape({N, R});
  Tensor x3 = xd.contiguous().reshape({N, C, R});
  Tensor loss({N, R}, xd.dtype(), xd.device());
  kernel<SoftmaxCrossEntropyKernel>("loss_softmax_cross_entropy", xd.device())(x3, t2, weight, ignore_label, loss);
  Tensor used = ops::compare("not_equal", t2, ops::scalar(static_cast<double>(ignore_label), Dtype::Int64));

  const bool mean = reduce == "mean";
  double coeff = 1;
  Tensor y;
  if (mean) {
    const double count = normalize ? ops::sum(used).item() : static_cast<double>(N);
    coeff = 1.0 / std::max(count, 1.0);
    y = ops::mul(ops::sum(loss), coeff);
  } else {
    y = loss.reshape(t.shape());
  }

  const Shape x_shape = xd.shape();
  return fn.finish(y, [=](const BackwardContext& c) {
    Tensor onehot = onehot_axis1(t2, C, c.input(0).dtype());
    Tensor w = example_weights(onehot, used, weight);
    Variable gy = c.grad_output(0);
    Variable scale = mean ? gy * coeff : reshape(gy, {N, 1, R});
    Variable p = loss_detail::softmax_axis1(reshape(c.input(0), {N, C, R}));
    return Grads{reshape((p - onehot) * w * scale, x_shape)};
  });
}

}  // namespace kusari

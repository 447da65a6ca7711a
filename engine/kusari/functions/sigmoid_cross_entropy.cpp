// sigmoid_cross_entropy (Chainer's): elementwise binary cross entropy on logits x with labels
// t in {0, 1}; t == -1 is ignored. Backward: (sigmoid(x) - t) * [t != -1] * gy / count.
#include <algorithm>

#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/loss.h"
#include "kusari/functions/loss_support.h"

namespace kusari {

Variable sigmoid_cross_entropy(const Variable& x, const Tensor& t, bool normalize, const std::string& reduce) {
  using namespace loss_detail;
  constexpr const char* kOp = "sigmoid_cross_entropy";
  constexpr int64_t kIgnore = -1;
  require_reduce(kOp, reduce, {"mean", "no"});
  const Tensor& xd = x.data();
  require_floating(kOp, {xd, t}, xd, "x");
  Tensor t64 = labels_as_int64(kOp, {xd, t}, t);
  if (t.shape() != xd.shape())
    fail(kOp, {xd, t}, "x and t must have the same shape, got " + shape_to_string(xd.shape()) + " and " +
                           shape_to_string(t.shape()));
  if (reduce == "mean" && !normalize && xd.ndim() == 0)
    fail(kOp, {xd, t}, "normalize=false divides by len(x), which needs x of at least 1 dimension");

  FunctionScope fn(kOp, {x}, "reduce=" + reduce);
  Tensor tf = t64.astype(xd.dtype());
  Tensor loss = ops::binary("loss_sigmoid_cross_entropy", xd, tf);
  Tensor used = ops::compare("not_equal", t64, ops::scalar(static_cast<double>(kIgnore), Dtype::Int64));

  const bool mean = reduce == "mean";
  double coeff = 1;
  Tensor y = loss;
  if (mean) {
    const double count = normalize ? ops::sum(used).item() : static_cast<double>(xd.shape()[0]);
    coeff = 1.0 / std::max(count, 1.0);
    y = ops::mul(ops::sum(loss), coeff);
  }
  return fn.finish(y, [=](const BackwardContext& c) {
    Variable gy = c.grad_output(0);
    Variable scale = mean ? gy * coeff : gy;
    Tensor mask = used.astype(tf.dtype());
    return Grads{(loss_detail::sigmoid(c.input(0)) - tf) * mask * scale};
  });
}

}  // namespace kusari

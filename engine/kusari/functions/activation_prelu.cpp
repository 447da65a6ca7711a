// prelu: relu with a learned slope per channel for the negative part.
#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/activation.h"
#include "kusari/functions/activation_common.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/reduction.h"
#include "kusari/functions/shape_ops.h"

namespace kusari {

using activation_detail::step_mask;

Variable prelu(const Variable& x, const Variable& W) {
  const Shape wshape = activation_detail::channel_shape("prelu", x, W);
  FunctionScope fn("prelu", {x, W});
  const Tensor& xd = x.data();
  Tensor positive = ops::compare("greater", xd, ops::scalar(0, xd.dtype()));
  Tensor y = ops::where(positive, xd, ops::mul(xd, W.data().reshape(wshape)));
  return fn.finish(y, [wshape](const BackwardContext& c) {
    const Variable& x = c.input(0);
    const Variable& W = c.input(1);
    Tensor neg = step_mask(x.data(), 0, 1);
    Variable gy = c.grad_output(0);
    Variable gx, gW;
    if (c.needs_input_grad(0)) gx = gy * (Variable(step_mask(x.data(), 1, 0)) + reshape(W, wshape) * neg);
    if (c.needs_input_grad(1)) gW = reshape(sum_to(gy * x * neg, wshape), W.shape());
    return Grads{gx, gW};
  });
}

}  // namespace kusari

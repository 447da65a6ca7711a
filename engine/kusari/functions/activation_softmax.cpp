// softmax and log_softmax over one axis, each a dedicated kernel (numerically stable).
#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/activation.h"
#include "kusari/functions/activation_common.h"
#include "kusari/functions/activation_kernels.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/reduction.h"

namespace kusari {

namespace {
int64_t softmax_axis(const char* op, const Variable& x, int64_t axis) {
  activation_detail::require_floating(op, x);
  if (x.ndim() == 0) throw_op_error(op, {x}, "needs an input of at least one dimension");
  return normalize_axis(axis, x.ndim(), op);
}

Tensor run_softmax_kernel(const char* name, const Tensor& x, int64_t axis) {
  Tensor y(x.shape(), x.dtype(), x.device());
  kernel<SoftmaxKernel>(name, x.device())(x, y, axis);
  return y;
}

// exp as a differentiable function, for log_softmax's gradient (exp(log_softmax) = softmax).
Variable exp_of(const Variable& x) {
  FunctionScope fn("exp", {x});
  return fn.finish(
      ops::unary("exp", x.data()),
      [](const BackwardContext& c) { return Grads{c.grad_output(0) * c.output(0)}; }, RetainOutputs::Yes);
}
}  // namespace

Variable softmax(const Variable& x, int64_t axis) {
  const int64_t ax = softmax_axis("softmax", x, axis);
  FunctionScope fn("softmax", {x}, "axis=" + std::to_string(ax));
  return fn.finish(
      run_softmax_kernel("softmax", x.data(), ax),
      [ax](const BackwardContext& c) {
        Variable y = c.output(0);
        Variable gy = c.grad_output(0);
        return Grads{y * (gy - sum(gy * y, {ax}, true))};
      },
      RetainOutputs::Yes);
}

Variable log_softmax(const Variable& x, int64_t axis) {
  const int64_t ax = softmax_axis("log_softmax", x, axis);
  FunctionScope fn("log_softmax", {x}, "axis=" + std::to_string(ax));
  return fn.finish(
      run_softmax_kernel("log_softmax", x.data(), ax),
      [ax](const BackwardContext& c) {
        Variable gy = c.grad_output(0);
        return Grads{gy - exp_of(c.output(0)) * sum(gy, {ax}, true)};
      },
      RetainOutputs::Yes);
}

}  // namespace kusari

// Selections: elementwise maximum/minimum of two variables, max/min reductions, argmax/argmin.
// Their gradients route gy through constant 0/1 masks, so they stay differentiable in gy.
#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/math.h"
#include "kusari/functions/math_internal.h"

namespace kusari {

namespace {

void check_pair(const char* op, const Variable& a, const Variable& b) {
  math_detail::require_floating(op, a);
  math_detail::require_floating(op, b);
  if (a.dtype() != b.dtype())
    throw DtypeError(std::string(op) + ": operands must have the same dtype, got " + a.data().describe() + " and " +
                     b.data().describe());
  broadcast_shapes(a.shape(), b.shape(), op);  // ShapeError naming both shapes
}

// Ties (a == b) send the gradient to a, as Chainer's maximum/minimum do.
Variable select_pair(const char* op, const char* kernel_name, const char* a_wins, const Variable& a,
                     const Variable& b) {
  check_pair(op, a, b);
  FunctionScope fn(op, {a, b});
  return fn.finish(ops::binary(kernel_name, a.data(), b.data()), [a_wins](const BackwardContext& c) {
    const Variable& a = c.input(0);
    const Variable& b = c.input(1);
    Variable gy = c.grad_output(0);
    Tensor take_a = ops::compare(a_wins, a.data(), b.data()).astype(a.dtype());
    Variable ga, gb;
    if (c.needs_input_grad(0)) ga = sum_to(gy * Variable(take_a), a.shape());
    if (c.needs_input_grad(1)) gb = sum_to(gy * Variable(ops::unary("rsub_scalar", take_a, {1.0})), b.shape());
    return Grads{ga, gb};
  });
}

// Every element equal to the extreme receives the full gradient (Chainer's rule for ties).
Variable select_reduce(const char* op, bool is_max, const Variable& x, const Axes& axes, bool keepdims) {
  math_detail::require_floating(op, x);
  Axes norm = normalize_axes(axes, x.ndim(), true, op);
  FunctionScope fn(op, {x});
  Tensor y = is_max ? ops::max(x.data(), norm, keepdims) : ops::min(x.data(), norm, keepdims);
  return fn.finish(
      y,
      [norm](const BackwardContext& c) {
        const Variable& x = c.input(0);
        Tensor extreme = c.output(0).data().reshape(reduced_shape(x.shape(), norm, true));
        Tensor hit = ops::compare("equal", x.data(), extreme).astype(x.dtype());
        return Grads{math_detail::expand_reduced(c.grad_output(0), x.shape(), norm) * Variable(hit)};
      },
      RetainOutputs::Yes);
}

}  // namespace

Variable maximum(const Variable& a, const Variable& b) {
  return select_pair("maximum", "maximum", "greater_equal", a, b);
}

Variable minimum(const Variable& a, const Variable& b) {
  return select_pair("minimum", "minimum", "less_equal", a, b);
}

Variable max(const Variable& x, const Axes& axes, bool keepdims) { return select_reduce("max", true, x, axes, keepdims); }

Variable min(const Variable& x, const Axes& axes, bool keepdims) { return select_reduce("min", false, x, axes, keepdims); }

Variable argmax(const Variable& x, int64_t axis, bool flatten) {
  FunctionScope fn("argmax", {x});
  return fn.finish_constant(ops::argmax(x.data(), axis, flatten));
}

Variable argmin(const Variable& x, int64_t axis, bool flatten) {
  FunctionScope fn("argmin", {x});
  return fn.finish_constant(ops::argmin(x.data(), axis, flatten));
}

}  // namespace kusari

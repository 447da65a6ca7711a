// linear: y = x W^T + b as one graph node; the backward is written with matmul, reshape and
// sum so that it is itself differentiable.
#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/connection.h"
#include "kusari/functions/reduction.h"
#include "kusari/functions/shape_ops.h"

namespace kusari {

Variable linear(const Variable& x, const Variable& W, const Variable& b, int64_t n_batch_axes) {
  constexpr std::string_view op = "linear";
  std::vector<Variable> inputs{x, W};
  if (b.defined()) inputs.push_back(b);
  FunctionScope fn(op, inputs);
  if (n_batch_axes < 1 || n_batch_axes > x.ndim())
    throw_op_error(op, inputs, "n_batch_axes " + std::to_string(n_batch_axes) + " must be in [1, " +
                                   std::to_string(x.ndim()) + "] for x " + shape_to_string(x.shape()));
  if (W.ndim() != 2) throw_op_error(op, inputs, "W must be 2-D (out, in), got " + shape_to_string(W.shape()));
  for (const Variable& v : inputs)
    if (!is_floating(v.dtype()) || v.dtype() != x.dtype())
      throw DtypeError("linear: inputs must share one floating dtype, got " + x.describe() + " and " + v.describe());
  Shape batch(x.shape().begin(), x.shape().begin() + n_batch_axes);
  const int64_t rows = shape_numel(batch), out = W.shape()[0];
  const int64_t in = shape_numel(Shape(x.shape().begin() + n_batch_axes, x.shape().end()));
  if (in != W.shape()[1])
    throw_op_error(op, inputs, "x " + shape_to_string(x.shape()) + " has " + std::to_string(in) +
                                   " features per sample but W " + shape_to_string(W.shape()) + " expects " +
                                   std::to_string(W.shape()[1]));
  if (b.defined() && (b.ndim() != 1 || b.shape()[0] != out))
    throw_op_error(op, inputs, "b " + shape_to_string(b.shape()) + " does not match W " + shape_to_string(W.shape()));
  Tensor y = ops::matmul(x.data().reshape({rows, in}), W.data(), false, true);
  if (b.defined() && !ops::add_in_place(y, b.data())) y = ops::add(y, b.data());  // y is ours alone
  Shape y_shape = batch;
  y_shape.push_back(out);
  const bool has_b = b.defined();
  return fn.finish(y.reshape(y_shape), [has_b, rows, in, out](const BackwardContext& c) {
    const Variable& x = c.input(0);
    const Variable& W = c.input(1);
    Variable gy = reshape(c.grad_output(0), {rows, out});
    Grads grads(has_b ? 3 : 2);
    if (c.needs_input_grad(0)) grads[0] = reshape(matmul(gy, W), x.shape());
    if (c.needs_input_grad(1)) grads[1] = matmul(gy, reshape(x, {rows, in}), true, false);
    if (has_b && c.needs_input_grad(2)) grads[2] = sum(gy, {0});
    return grads;
  });
}

}  // namespace kusari

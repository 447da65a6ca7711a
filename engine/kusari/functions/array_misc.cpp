// Elementwise selection, padding and dtype/copy routines: where, pad, cast, copy.
#include <string>

#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/array.h"
#include "kusari/functions/array_detail.h"
#include "kusari/functions/reduction.h"

namespace kusari {

Variable where(const Tensor& condition, const Variable& a, const Variable& b) {
  if (condition.dtype() != Dtype::Bool)
    throw DtypeError("where: condition must be bool, got " + condition.describe());
  FunctionScope fn("where", {a, b});
  Tensor y = ops::where(condition, a.data(), b.data());
  return fn.finish(y, [condition](const BackwardContext& c) {
    Variable gy = c.grad_output(0);
    Tensor take_a = condition.astype(gy.dtype());
    Tensor take_b = ops::sub(ops::scalar(1, gy.dtype()), take_a);
    Grads g(2);
    for (size_t i = 0; i < 2; ++i)
      if (c.needs_input_grad(i))
        g[i] = array_detail::grad_as(sum_to(mul(gy, i == 0 ? take_a : take_b), c.input(i).shape()), c.input(i).dtype());
    return g;
  });
}

Variable pad(const Variable& x, const std::vector<std::pair<int64_t, int64_t>>& pad_width, double value) {
  if (static_cast<int64_t>(pad_width.size()) != x.ndim())
    throw ValueError("pad: " + std::to_string(pad_width.size()) + " (before, after) pairs for " + x.data().describe());
  Shape shape = x.shape();
  std::vector<Slice> inside;
  for (size_t i = 0; i < pad_width.size(); ++i) {
    const auto [before, after] = pad_width[i];
    if (before < 0 || after < 0)
      throw ValueError("pad: negative pad width (" + std::to_string(before) + ", " + std::to_string(after) +
                       ") for axis " + std::to_string(i));
    inside.push_back(Slice::range(before, before + shape[i]));
    shape[i] += before + after;
  }
  FunctionScope fn("pad", {x});
  Tensor y = ops::full(shape, value, x.dtype(), x.data().device());
  Tensor target = y.index(inside);
  target.copy_from(x.data());
  return fn.finish(y, [inside](const BackwardContext& c) { return Grads{get_item(c.grad_output(0), inside)}; });
}

Variable cast(const Variable& x, Dtype dtype) {
  if (x.dtype() == dtype) return x;
  FunctionScope fn("cast", {x}, std::string(dtype_name(dtype)));
  Tensor y = x.data().astype(dtype);
  if (!is_floating(dtype) || !is_floating(x.dtype())) return fn.finish_constant(y);
  return fn.finish(y, [](const BackwardContext& c) { return Grads{cast(c.grad_output(0), c.input(0).dtype())}; });
}

Variable copy(const Variable& x) {
  FunctionScope fn("copy", {x});
  return fn.finish(x.data().clone(), [](const BackwardContext& c) { return Grads{c.grad_output(0)}; });
}

}  // namespace kusari

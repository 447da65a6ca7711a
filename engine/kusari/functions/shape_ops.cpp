#include "kusari/functions/shape_ops.h"

#include "kusari/autograd/apply.h"

namespace kusari {

Variable reshape(const Variable& x, const Shape& shape) {
  if (x.shape() == shape) return x;
  FunctionScope fn("reshape", {x});
  return fn.finish(x.data().reshape(shape),
                   [](const BackwardContext& c) { return Grads{reshape(c.grad_output(0), c.input(0).shape())}; });
}

Variable transpose(const Variable& x, const Axes& axes_in) {
  Axes axes = axes_in;
  if (axes.empty())
    for (int64_t i = x.ndim() - 1; i >= 0; --i) axes.push_back(i);
  FunctionScope fn("transpose", {x});
  Tensor y = x.data().permute(axes);
  Axes inverse(axes.size());
  for (size_t i = 0; i < axes.size(); ++i) inverse[normalize_axis(axes[i], x.ndim())] = static_cast<int64_t>(i);
  return fn.finish(y, [inverse](const BackwardContext& c) { return Grads{transpose(c.grad_output(0), inverse)}; });
}

}  // namespace kusari

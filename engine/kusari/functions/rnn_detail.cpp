#include "kusari/functions/rnn_detail.h"

#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"

namespace kusari::rnn_detail {

namespace {
// The adjoint of slice: gy placed at [start, start + len) of zeros shaped `full`.
Variable pad(const Variable& gy, int64_t axis, int64_t start, const Shape& full) {
  FunctionScope fn("rnn_pad", {gy});
  Tensor y = ops::zeros(full, gy.dtype(), gy.data().device());
  Tensor window = y.slice(axis, start, start + gy.shape()[axis]);
  window.copy_from(gy.data());
  return fn.finish(y, [axis, start, len = gy.shape()[axis]](const BackwardContext& c) {
    return Grads{slice(c.grad_output(0), axis, start, start + len)};
  });
}
}  // namespace

Variable tanh(const Variable& x) {
  FunctionScope fn("tanh", {x});
  return fn.finish(ops::unary("tanh", x.data()), [](const BackwardContext& c) {
    Variable y = c.output(0);
    return Grads{c.grad_output(0) * (1.0 - y * y)};
  }, RetainOutputs::Yes);
}

Variable sigmoid(const Variable& x) {
  FunctionScope fn("sigmoid", {x});
  Tensor y = ops::add(ops::mul(ops::unary("tanh", ops::mul(x.data(), 0.5)), 0.5), 0.5);
  return fn.finish(y, [](const BackwardContext& c) {
    Variable y = c.output(0);
    return Grads{c.grad_output(0) * (y * (1.0 - y))};
  }, RetainOutputs::Yes);
}

Variable slice(const Variable& x, int64_t axis, int64_t start, int64_t stop) {
  if (start == 0 && stop == x.shape()[axis]) return x;
  FunctionScope fn("rnn_slice", {x});
  return fn.finish(x.data().slice(axis, start, stop).clone(), [axis, start](const BackwardContext& c) {
    return Grads{pad(c.grad_output(0), axis, start, c.input(0).shape())};
  });
}

Variable concat(const std::vector<Variable>& xs, int64_t axis) {
  if (xs.size() == 1) return xs[0];
  FunctionScope fn("rnn_concat", xs);
  std::vector<Tensor> ts;
  for (const Variable& v : xs) ts.push_back(v.data());
  return fn.finish(ops::concat(ts, axis), [axis, n = xs.size()](const BackwardContext& c) {
    Grads g(n);
    Variable gy = c.grad_output(0);
    int64_t offset = 0;
    for (size_t i = 0; i < n; ++i) {
      int64_t len = c.input(i).shape()[axis];
      if (c.needs_input_grad(i)) g[i] = slice(gy, axis, offset, offset + len);
      offset += len;
    }
    return g;
  });
}

}  // namespace kusari::rnn_detail

// Chainer's lstm cell: the four gates of unit j are x[:, 4j .. 4j+3] (x read as (B, H, 4, ...)),
// in the order a, i, f, o. Composed from differentiable pieces, so double backprop works.
#include <string>

#include "kusari/autograd/apply.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/rnn.h"
#include "kusari/functions/rnn_detail.h"
#include "kusari/functions/shape_ops.h"

namespace kusari {

namespace {
void check_lstm_inputs(const Variable& c_prev, const Variable& x) {
  if (!is_floating(c_prev.dtype()) || c_prev.dtype() != x.dtype())
    throw DtypeError("lstm: c_prev and x must share a floating dtype, got " + c_prev.data().describe() + " and " +
                     x.data().describe());
  bool ok = c_prev.ndim() >= 2 && x.ndim() == c_prev.ndim() && x.shape()[1] == 4 * c_prev.shape()[1] &&
            x.shape()[0] <= c_prev.shape()[0];
  for (int64_t d = 2; ok && d < x.ndim(); ++d) ok = x.shape()[d] == c_prev.shape()[d];
  if (!ok)
    throw_op_error("lstm", {c_prev, x},
                   "x must be (B, 4H, ...) for c_prev (B', H, ...) with B <= B', got x " + shape_to_string(x.shape()) +
                       " and c_prev " + shape_to_string(c_prev.shape()));
}
}  // namespace

std::pair<Variable, Variable> lstm(const Variable& c_prev, const Variable& x) {
  check_lstm_inputs(c_prev, x);
  const int64_t batch = x.shape()[0], units = c_prev.shape()[1];
  Shape gate_shape(x.shape());  // (B, H, ...)
  gate_shape[1] = units;
  Shape split_shape{batch, units, 4};  // (B, H, 4, ...)
  split_shape.insert(split_shape.end(), x.shape().begin() + 2, x.shape().end());
  Variable x4 = reshape(x, split_shape);
  auto gate = [&](int64_t k) { return reshape(rnn_detail::slice(x4, 2, k, k + 1), gate_shape); };
  Variable a = rnn_detail::tanh(gate(0));
  Variable i = rnn_detail::sigmoid(gate(1));
  Variable f = rnn_detail::sigmoid(gate(2));
  Variable o = rnn_detail::sigmoid(gate(3));
  // Rows of c_prev beyond x's batch are carried over unchanged (Chainer's shrinking batches).
  const int64_t full = c_prev.shape()[0];
  Variable c_head = rnn_detail::slice(c_prev, 0, 0, batch);
  Variable c = a * i + f * c_head;
  Variable h = o * rnn_detail::tanh(c);
  if (batch < full) c = rnn_detail::concat({c, rnn_detail::slice(c_prev, 0, batch, full)}, 0);
  return {c, h};
}

}  // namespace kusari

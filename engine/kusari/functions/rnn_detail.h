// Private differentiable helpers shared by the recurrent functions (lstm, n_step_*): gate
// nonlinearities and axis slicing/joining. They live here, not in activation.h/array.h, so
// the recurrent family depends only on arithmetic/reduction/shape_ops; not part of the API.
#pragma once
#include <vector>

#include "kusari/autograd/variable.h"

namespace kusari::rnn_detail {

Variable tanh(const Variable& x);
Variable sigmoid(const Variable& x);  // 0.5 * tanh(0.5 x) + 0.5, stable for large |x|
// x[..., start:stop, ...] along `axis` (normalized, in range); a contiguous copy.
Variable slice(const Variable& x, int64_t axis, int64_t start, int64_t stop);
// Joins along `axis`; every input has the same shape elsewhere.
Variable concat(const std::vector<Variable>& xs, int64_t axis);

}  // namespace kusari::rnn_detail

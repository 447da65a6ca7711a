#include "kusari/links/linear.h"

#include "kusari/functions/connection.h"
#include "kusari/initializers/normal.h"

namespace kusari {

Linear::Linear(std::optional<int64_t> in_size, int64_t out_size, const LinearOptions& options)
    : out_size_(out_size), n_batch_axes_(options.n_batch_axes) {
  auto initW = options.initialW ? options.initialW : std::make_shared<initializers::LeCunNormal>();
  W = add_param("W", Parameter(initW, options.dtype));
  if (in_size) W.initialize({out_size, *in_size});
  if (!options.nobias) b = add_param("b", options.initial_bias, {out_size}, options.dtype);
}

Variable Linear::forward(const Variable& x) {
  if (!W.is_initialized()) {
    int64_t in_size = 1;
    for (int64_t i = n_batch_axes_; i < x.ndim(); ++i) in_size *= x.shape()[i];
    W.initialize({out_size_, in_size});
  }
  return linear(x, W, b.is_initialized() ? Variable(b) : Variable(), n_batch_axes_);  // nobias: no b
}

}  // namespace kusari

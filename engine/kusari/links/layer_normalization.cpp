#include "kusari/links/layer_normalization.h"

#include "kusari/functions/normalization.h"
#include "kusari/initializers/constant.h"

namespace kusari {

LayerNormalization::LayerNormalization(std::optional<int64_t> size, const LayerNormalizationOptions& options)
    : eps_(options.eps) {
  auto g = options.initial_gamma ? options.initial_gamma : std::make_shared<initializers::One>();
  gamma = add_param("gamma", Parameter(g, options.dtype));
  beta = add_param("beta", Parameter(options.initial_beta, options.dtype));
  if (size) {
    gamma.initialize({*size});
    beta.initialize({*size});
  }
}

Variable LayerNormalization::forward(const Variable& x) {
  if (!gamma.is_initialized()) {
    if (x.ndim() != 2) throw ShapeError("LayerNormalization: input must be (N, C), got " + shape_to_string(x.shape()));
    gamma.initialize({x.shape()[1]});
    beta.initialize({x.shape()[1]});
  }
  return layer_normalization(x, gamma, beta, eps_);
}

}  // namespace kusari

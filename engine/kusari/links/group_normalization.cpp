#include "kusari/links/group_normalization.h"

#include "kusari/functions/normalization.h"
#include "kusari/initializers/constant.h"

namespace kusari {

GroupNormalization::GroupNormalization(int64_t groups, std::optional<int64_t> size,
                                       const GroupNormalizationOptions& options)
    : groups_(groups), eps_(options.eps) {
  if (groups < 1) throw ValueError("GroupNormalization: groups must be positive, got " + std::to_string(groups));
  auto g = options.initial_gamma ? options.initial_gamma : std::make_shared<initializers::One>();
  gamma = add_param("gamma", Parameter(g, options.dtype));
  beta = add_param("beta", Parameter(options.initial_beta, options.dtype));
  if (size) {
    gamma.initialize({*size});
    beta.initialize({*size});
  }
}

Variable GroupNormalization::forward(const Variable& x) {
  if (!gamma.is_initialized()) {
    if (x.ndim() < 2) throw ShapeError("GroupNormalization: input must be (N, C, ...), got " + shape_to_string(x.shape()));
    gamma.initialize({x.shape()[1]});
    beta.initialize({x.shape()[1]});
  }
  return group_normalization(x, groups_, gamma, beta, eps_);
}

}  // namespace kusari

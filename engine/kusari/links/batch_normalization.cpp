#include "kusari/links/batch_normalization.h"

#include "kusari/autograd/config.h"
#include "kusari/core/ops.h"
#include "kusari/functions/normalization.h"
#include "kusari/initializers/constant.h"

namespace kusari {

BatchNormalization::BatchNormalization(std::optional<int64_t> size, const BatchNormalizationOptions& options)
    : options_(options) {
  auto g = options.initial_gamma ? options.initial_gamma : std::make_shared<initializers::One>();
  if (options.use_gamma) gamma = add_param("gamma", Parameter(g, options.dtype));
  if (options.use_beta) beta = add_param("beta", Parameter(options.initial_beta, options.dtype));
  add_persistent("avg_mean", &avg_mean);
  add_persistent("avg_var", &avg_var);
  add_persistent("N", &N);
  if (size) initialize(*size);
}

void BatchNormalization::initialize(int64_t size) {
  if (options_.use_gamma) gamma.initialize({size});
  if (options_.use_beta) beta.initialize({size});
  avg_mean = ops::zeros({size}, options_.dtype);
  avg_var = ops::ones({size}, options_.dtype);  // Chainer v7 starts the running variance at 1
}

Variable BatchNormalization::operator()(const Variable& x, bool finetune) {
  ForwardScope scope(*this);
  return forward(x, finetune);
}

Variable BatchNormalization::forward(const Variable& x, bool finetune) {
  if (x.ndim() < 2) throw ShapeError("BatchNormalization: input must be (N, C, ...), got " + shape_to_string(x.shape()));
  if (!avg_mean.defined()) initialize(x.shape()[1]);
  // Without use_gamma / use_beta they are constant ones / zeros, not parameters.
  Variable g = options_.use_gamma ? Variable(gamma) : Variable(ops::ones_like(avg_mean));
  Variable b = options_.use_beta ? Variable(beta) : Variable(ops::zeros_like(avg_mean));
  if (!config().train) {
    return fixed_batch_normalization(x, g, b, Variable(avg_mean), Variable(avg_var), options_.eps);
  }
  double decay = options_.decay;
  if (finetune) {
    N += 1;
    decay = 1.0 - 1.0 / N;
  }
  return batch_normalization(x, g, b, options_.eps, &avg_mean, &avg_var, decay);
}

}  // namespace kusari

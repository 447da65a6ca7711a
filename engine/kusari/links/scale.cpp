#include "kusari/links/scale.h"

#include "kusari/functions/math.h"
#include "kusari/initializers/constant.h"

namespace kusari {

Scale::Scale(const Shape& W_shape, const ScaleOptions& options) : axis_(options.axis) {
  auto init = options.initialW ? options.initialW : std::make_shared<initializers::One>();
  W = add_param("W", init, W_shape, options.dtype);
  if (options.bias_term)
    bias = add_link("bias", std::make_shared<Bias>(options.bias_shape.value_or(W_shape),
                                                   BiasOptions{.axis = options.axis, .dtype = options.dtype}));
}

Variable Scale::forward(const Variable& x) {
  Variable y = scale(x, W, axis_);
  return bias ? (*bias)(y) : y;
}

}  // namespace kusari

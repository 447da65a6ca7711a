#include "kusari/links/bias.h"

#include "kusari/functions/math.h"

namespace kusari {

Bias::Bias(const Shape& shape, const BiasOptions& options) : axis_(options.axis) {
  b = add_param("b", options.initial_bias, shape, options.dtype);
}

Variable Bias::forward(const Variable& x) { return bias(x, b, axis_); }

}  // namespace kusari

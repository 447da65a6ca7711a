#include "kusari/initializers/initializer.h"

#include "kusari/core/error.h"

namespace kusari::initializers {

std::pair<double, double> get_fans(const Shape& shape) {
  if (shape.size() < 2)
    throw ValueError("get_fans: a shape of at least 2 dimensions is needed, got " + shape_to_string(shape));
  double receptive = 1;
  for (size_t i = 2; i < shape.size(); ++i) receptive *= static_cast<double>(shape[i]);
  return {static_cast<double>(shape[1]) * receptive, static_cast<double>(shape[0]) * receptive};
}

Tensor generate_array(const Initializer& init, const Shape& shape, Dtype dtype) {
  Tensor t(shape, dtype);
  init(t);
  return t;
}

}  // namespace kusari::initializers

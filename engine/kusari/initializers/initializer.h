// Initializers fill a parameter's array in place (Chainer's chainer.initializer). They draw
// from the engine's per-thread generator, so kusari::ops::seed makes them repeatable.
#pragma once
#include <memory>
#include <utility>

#include "kusari/core/tensor.h"

namespace kusari::initializers {

class Initializer {
 public:
  virtual ~Initializer() = default;
  // Fills `array` (any shape the initializer accepts, floating dtype) in place.
  virtual void operator()(Tensor& array) const = 0;
};

using InitializerPtr = std::shared_ptr<const Initializer>;

// Chainer's get_fans: fan_in = shape[1] * receptive field, fan_out = shape[0] * receptive field,
// where the receptive field is the product of shape[2:]. Needs at least 2 dimensions.
std::pair<double, double> get_fans(const Shape& shape);

// Allocates a tensor of `shape` and `dtype` and runs `init` on it.
Tensor generate_array(const Initializer& init, const Shape& shape, Dtype dtype = Dtype::Float32);

}  // namespace kusari::initializers

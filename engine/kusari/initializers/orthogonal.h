// Orthogonal(scale): the array, flattened to (shape[0], prod(shape[1:])), gets orthonormal rows
// (or orthonormal columns when it has more rows than columns) times `scale` (Chainer: 1.1),
// from the QR decomposition of a standard normal matrix, as in Saxe et al. and Chainer.
#pragma once
#include "kusari/initializers/initializer.h"

namespace kusari::initializers {

class Orthogonal : public Initializer {
 public:
  explicit Orthogonal(double scale = 1.1) : scale_(scale) {}
  void operator()(Tensor& array) const override;

 private:
  double scale_;
};

}  // namespace kusari::initializers

// Bias: y = x + b, b broadcast along x's axes [axis, axis + b.ndim) (Chainer's L.Bias).
#pragma once
#include "kusari/links/link.h"

namespace kusari {

struct BiasOptions {
  int64_t axis = 1;
  initializers::InitializerPtr initial_bias = nullptr;  // null: zeros
  Dtype dtype = Dtype::Float32;
};

class Bias : public Link {
 public:
  explicit Bias(const Shape& shape, const BiasOptions& options = {});
  Variable forward(const Variable& x) override;

  Parameter b;

 private:
  int64_t axis_;
};

}  // namespace kusari

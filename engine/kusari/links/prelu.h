// PReLU: y = x for x >= 0, W * x otherwise, W learned and broadcast along axes [1, 1 + W.ndim)
// (Chainer's L.PReLU; W starts at 0.25).
#pragma once
#include "kusari/links/link.h"

namespace kusari {

struct PReLUOptions {
  initializers::InitializerPtr init = nullptr;  // null: Constant(0.25)
  Dtype dtype = Dtype::Float32;
};

class PReLU : public Link {
 public:
  explicit PReLU(const Shape& shape = {}, const PReLUOptions& options = {});
  Variable forward(const Variable& x) override;

  Parameter W;
};

}  // namespace kusari

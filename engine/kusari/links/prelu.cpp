#include "kusari/links/prelu.h"

#include "kusari/functions/activation.h"
#include "kusari/initializers/constant.h"

namespace kusari {

PReLU::PReLU(const Shape& shape, const PReLUOptions& options) {
  auto init = options.init ? options.init : std::make_shared<initializers::Constant>(0.25);
  W = add_param("W", init, shape, options.dtype);
}

Variable PReLU::forward(const Variable& x) { return prelu(x, W); }

}  // namespace kusari

#include "kusari/optimizers/sgd.h"

#include "kusari/core/kernel_registry.h"
#include "kusari/optimizers/optimizer_kernels.h"

namespace kusari {

void SGDRule::update_core(Tensor& param, const Tensor& grad) {
  kernel<SGDUpdateKernel>("sgd_update", param.device())(param, grad, hp_->lr);
}

}  // namespace kusari

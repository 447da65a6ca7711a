#include "kusari/optimizers/momentum_sgd.h"

#include "kusari/core/kernel_registry.h"
#include "kusari/optimizers/optimizer_kernels.h"

namespace kusari {

void MomentumSGDRule::update_core(Tensor& param, const Tensor& grad) {
  kernel<MomentumUpdateKernel>("momentum_sgd_update", param.device())(param, grad, state("v"), hp_->lr, hp_->momentum);
}

}  // namespace kusari

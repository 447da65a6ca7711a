#include "kusari/optimizers/nesterov_ag.h"

#include "kusari/core/kernel_registry.h"
#include "kusari/optimizers/optimizer_kernels.h"

namespace kusari {

void NesterovAGRule::update_core(Tensor& param, const Tensor& grad) {
  kernel<MomentumUpdateKernel>("nesterov_ag_update", param.device())(param, grad, state("v"), hp_->lr, hp_->momentum);
}

}  // namespace kusari

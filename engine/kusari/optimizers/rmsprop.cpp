#include "kusari/optimizers/rmsprop.h"

#include "kusari/core/kernel_registry.h"
#include "kusari/optimizers/optimizer_kernels.h"

namespace kusari {

void RMSpropRule::update_core(Tensor& param, const Tensor& grad) {
  kernel<RMSpropUpdateKernel>("rmsprop_update", param.device())(param, grad, state("ms"), hp_->lr, hp_->alpha, hp_->eps,
                                                                 hp_->eps_inside_sqrt);
}

}  // namespace kusari

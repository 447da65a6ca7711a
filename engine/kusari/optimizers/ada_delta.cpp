#include "kusari/optimizers/ada_delta.h"

#include "kusari/core/kernel_registry.h"
#include "kusari/optimizers/optimizer_kernels.h"

namespace kusari {

void AdaDeltaRule::update_core(Tensor& param, const Tensor& grad) {
  kernel<AdaDeltaUpdateKernel>("adadelta_update", param.device())(param, grad, state("msg"), state("msdx"), hp_->rho,
                                                                   hp_->eps);
}

}  // namespace kusari

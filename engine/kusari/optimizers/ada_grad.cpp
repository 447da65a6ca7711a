#include "kusari/optimizers/ada_grad.h"

#include "kusari/core/kernel_registry.h"
#include "kusari/optimizers/optimizer_kernels.h"

namespace kusari {

void AdaGradRule::update_core(Tensor& param, const Tensor& grad) {
  kernel<AdaGradUpdateKernel>("adagrad_update", param.device())(param, grad, state("h"), hp_->lr, hp_->eps);
}

}  // namespace kusari

#include "kusari/optimizers/adam.h"

#include <cmath>

#include "kusari/core/kernel_registry.h"
#include "kusari/optimizers/optimizer_kernels.h"

namespace kusari {

double adam_alpha_t(const AdamHyperparameter& hp, int64_t t) {
  if (t <= 0) throw ValueError("Adam: alpha_t is undefined before the first update (t = 0)");
  double fix1 = 1.0 - std::pow(hp.beta1, static_cast<double>(t));
  double fix2 = 1.0 - std::pow(hp.beta2, static_cast<double>(t));
  return hp.alpha * std::sqrt(fix2) / fix1;
}

std::vector<std::string> AdamRule::state_names() const {
  if (hp_->amsgrad) return {"m", "v", "vhat"};
  return {"m", "v"};
}

void AdamRule::update_core(Tensor& param, const Tensor& grad) {
  const AdamHyperparameter& hp = *hp_;
  if (hp.eps != 0 && param.dtype() == Dtype::Float32 && static_cast<float>(hp.eps) == 0.0f)
    throw ValueError("Adam: eps of " + std::to_string(hp.eps) + " underflows to 0 in float32");
  AdamUpdateArgs args{alpha_t(), hp.beta1, hp.beta2, hp.eps, hp.eta, hp.weight_decay_rate, hp.amsgrad};
  Tensor none;
  Tensor& vhat = hp.amsgrad ? state("vhat") : none;
  kernel<AdamUpdateKernel>("adam_update", param.device())(param, grad, state("m"), state("v"), vhat, args);
}

}  // namespace kusari

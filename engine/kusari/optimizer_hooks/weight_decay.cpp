#include "kusari/optimizer_hooks/weight_decay.h"

#include "kusari/core/kernel_registry.h"
#include "kusari/optimizer_hooks/gradient_hooks.h"
#include "kusari/optimizers/optimizer_kernels.h"

namespace kusari {

void WeightDecay::operator()(Optimizer& optimizer) {
  for_each_gradient(optimizer, "WeightDecay", [&](const Tensor& p, Tensor& g) {
    kernel<AxpyKernel>("axpy_inplace", g.device())(g, p, rate_);
  });
}

}  // namespace kusari

#include "kusari/optimizer_hooks/lasso.h"

#include "kusari/core/kernel_registry.h"
#include "kusari/optimizer_hooks/gradient_hooks.h"
#include "kusari/optimizers/optimizer_kernels.h"

namespace kusari {

void Lasso::operator()(Optimizer& optimizer) {
  for_each_gradient(optimizer, "Lasso", [&](const Tensor& p, Tensor& g) {
    kernel<AxpyKernel>("add_sign_inplace", g.device())(g, p, rate_);
  });
}

}  // namespace kusari

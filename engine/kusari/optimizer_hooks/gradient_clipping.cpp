#include "kusari/optimizer_hooks/gradient_clipping.h"

#include <cmath>

#include "kusari/core/kernel_registry.h"
#include "kusari/optimizer_hooks/gradient_hooks.h"
#include "kusari/optimizers/optimizer_kernels.h"

namespace kusari {

void GradientClipping::operator()(Optimizer& optimizer) {
  std::vector<Tensor> grads;
  double sqnorm = 0;
  for_each_gradient(optimizer, "GradientClipping", [&](const Tensor&, Tensor& g) {
    sqnorm += kernel<SquaredNormKernel>("squared_norm", g.device())(g);
    grads.push_back(g);
  });
  double norm = std::sqrt(sqnorm);
  if (norm <= threshold_ || norm == 0) return;
  double rate = threshold_ / norm;
  for (Tensor& g : grads) kernel<ScaleInplaceKernel>("scale_inplace", g.device())(g, rate);
}

}  // namespace kusari

#include "kusari/optimizer_hooks/gradient_hard_clipping.h"

#include "kusari/core/kernel_registry.h"
#include "kusari/optimizer_hooks/gradient_hooks.h"
#include "kusari/optimizers/optimizer_kernels.h"

namespace kusari {

GradientHardClipping::GradientHardClipping(double lower, double upper) : lower_(lower), upper_(upper) {
  if (lower > upper)
    throw ValueError("GradientHardClipping: lower " + std::to_string(lower) + " exceeds upper " + std::to_string(upper));
}

void GradientHardClipping::operator()(Optimizer& optimizer) {
  for_each_gradient(optimizer, "GradientHardClipping", [&](const Tensor&, Tensor& g) {
    kernel<ClipInplaceKernel>("clip_inplace", g.device())(g, lower_, upper_);
  });
}

}  // namespace kusari

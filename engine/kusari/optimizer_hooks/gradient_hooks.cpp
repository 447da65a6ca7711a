#include "kusari/optimizer_hooks/gradient_hooks.h"

namespace kusari {

void for_each_gradient(Optimizer& optimizer, const char* hook,
                       const std::function<void(const Tensor& param, Tensor& grad)>& f) {
  if (!optimizer.target()) throw ValueError(std::string(hook) + ": the optimizer has no target; call setup(link) first");
  for (Parameter& p : optimizer.target()->params(false)) {
    if (!p.update_enabled()) continue;
    Tensor g = exclusive_grad(p);
    if (!g.defined()) continue;
    f(p.data().contiguous(), g);
  }
}

}  // namespace kusari

// What the gradient hooks share: the parameters whose gradients they may change (those with
// data, a gradient and updates enabled), each gradient made exclusive so it can be written.
#pragma once
#include <functional>

#include "kusari/optimizers/optimizer.h"

namespace kusari {

// Calls f(param data, exclusive grad) for each updatable parameter of the optimizer's target.
void for_each_gradient(Optimizer& optimizer, const char* hook,
                       const std::function<void(const Tensor& param, Tensor& grad)>& f);

}  // namespace kusari

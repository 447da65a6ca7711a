// Noise family: active only when config().train is true.
#pragma once
#include "kusari/autograd/variable.h"

namespace kusari {

Variable dropout(const Variable& x, double ratio = 0.5);
// x + exp(ln_var / 2) * eps with eps ~ N(0, 1) in training; x otherwise (Chainer's gaussian samples always).
Variable gaussian(const Variable& mean, const Variable& ln_var);

}  // namespace kusari

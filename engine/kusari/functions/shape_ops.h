// Differentiable views: reshape and transpose (the rest of the array family is in array.h).
#pragma once
#include "kusari/autograd/variable.h"

namespace kusari {

Variable reshape(const Variable& x, const Shape& shape);
Variable transpose(const Variable& x, const Axes& axes = {});  // reverses axes when empty

}  // namespace kusari

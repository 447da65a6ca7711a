// The broadcast/sum pair every gradient needs: sum, sum_to, broadcast_to, mean.
#pragma once
#include "kusari/autograd/variable.h"

namespace kusari {

Variable sum(const Variable& x, const Axes& axes = {}, bool keepdims = false);
Variable mean(const Variable& x, const Axes& axes = {}, bool keepdims = false);
Variable sum_to(const Variable& x, const Shape& shape);
Variable broadcast_to(const Variable& x, const Shape& shape);

}  // namespace kusari

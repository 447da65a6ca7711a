// Private helpers shared by the math family's .cpp files (not part of the public API).
#pragma once
#include <string>
#include <string_view>

#include "kusari/autograd/variable.h"
#include "kusari/core/error.h"
#include "kusari/functions/reduction.h"
#include "kusari/functions/shape_ops.h"

namespace kusari::math_detail {

// Math functions are defined on float32/float64 only, as in Chainer.
inline void require_floating(std::string_view op, const Variable& x) {
  if (!is_floating(x.dtype()))
    throw DtypeError(std::string(op) + ": expected a float32 or float64 input, got " + x.data().describe());
}

// The gradient of a reduction over `axes` (normalized) brought back to the input's shape.
inline Variable expand_reduced(const Variable& gy, const Shape& in, const Axes& axes) {
  return broadcast_to(reshape(gy, reduced_shape(in, axes, true)), in);
}

}  // namespace kusari::math_detail

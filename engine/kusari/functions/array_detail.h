// Private differentiable helpers shared by the array family's files (not a public API).
#pragma once
#include <vector>

#include "kusari/autograd/variable.h"

namespace kusari::array_detail {

// Zeros of `shape` with gy written at the basic index `index` (the gradient of get_item);
// its own backward is get_item, so double backprop works.
Variable scatter_basic(const Variable& gy, const Shape& shape, const std::vector<Slice>& index);

// Casts a gradient back to its input's dtype when type promotion changed it.
Variable grad_as(const Variable& g, Dtype dtype);

}  // namespace kusari::array_detail

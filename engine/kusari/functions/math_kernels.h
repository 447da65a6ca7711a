// Kernel signatures private to the math family (CPU code in device/cpu/math_kernels.cpp).
#pragma once
#include <cstdint>

#include "kusari/core/kernel_registry.h"

namespace kusari {

// "cumsum": y = inclusive running sum of x along `axis` (normalized), from the end when
// `reverse`. y is contiguous with x's shape and dtype (float32/float64).
using CumsumKernel = void(const Tensor& x, Tensor& y, int64_t axis, bool reverse);

}  // namespace kusari

// Kernels of the activation family.
//
// Elementwise ones are UnaryKernels (core/kernel_registry.h) found by name, with their
// parameters in UnaryArgs:
//   "relu", "leaky_relu" (a = slope), "elu" (a = alpha), "selu" (a = alpha, b = scale),
//   "gelu", "sigmoid", "hard_sigmoid", "softplus" (a = beta), "clipped_relu" (a = z),
//   "normal_cdf", "normal_pdf" (the pieces of gelu's gradient),
//   "activation_step" (x > 0 ? a : b) and "activation_band" (a < x < b ? 1 : 0): the
//   constant masks that backward formulas multiply gradients with.
// Softmax and log-softmax reduce over one axis and have their own signature below.
#pragma once
#include <cstdint>

#include "kusari/core/tensor.h"

namespace kusari {

// y = softmax(x) ("softmax") or log(softmax(x)) ("log_softmax") over `axis` (normalized,
// x.ndim() >= 1); x may be strided, y is a fresh contiguous tensor of x's shape and dtype.
using SoftmaxKernel = void(const Tensor& x, Tensor& y, int64_t axis);

}  // namespace kusari

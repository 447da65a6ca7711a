// Kernel signatures of the loss family (CPU code in device/cpu/loss_kernels.cpp).
// Elementwise helpers use the core UnaryKernel/BinaryKernel signatures under these names:
//   "loss_sigmoid"                 1 / (1 + exp(-x)), stable for large |x|
//   "loss_softplus"                log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|))
//   "loss_huber"                   |x| <= a ? x^2 / 2 : a (|x| - a / 2)       (args.a = delta)
//   "loss_sigmoid_cross_entropy"   binary (x, t): 0 where t == -1, else
//                                  -(x (t - [x >= 0]) - log1p(exp(-|x|)))
// The names carry a "loss_" prefix so they never replace another family's kernel.
#pragma once
#include <cstdint>

#include "kusari/core/tensor.h"

namespace kusari {

// x (N, C, R) contiguous floating; t (N, R) contiguous int64; class_weight (C,) of x's dtype,
// or undefined for weight 1. loss (N, R), x's dtype, contiguous:
//   loss[n, r] = -class_weight[t] * log_softmax(x[n, :, r])[t]   where t = t[n, r] != ignore_label,
//   loss[n, r] = 0                                                where t == ignore_label.
// Labels are already validated (0 <= t < C or t == ignore_label).
using SoftmaxCrossEntropyKernel = void(const Tensor& x, const Tensor& t, const Tensor& class_weight,
                                       int64_t ignore_label, Tensor& loss);

// y = softmax of x along axis 1; x and y (N, C, R), contiguous, same floating dtype.
using SoftmaxAxis1Kernel = void(const Tensor& x, Tensor& y);

}  // namespace kusari

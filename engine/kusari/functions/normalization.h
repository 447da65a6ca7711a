// Normalization family.
#pragma once
#include "kusari/autograd/variable.h"

namespace kusari {

// Statistics over every axis but axis 1 (the channel). running_mean/running_var (when defined)
// are updated in place: r = decay * r + (1 - decay) * batch_stat (unbiased variance, Chainer).
Variable batch_normalization(const Variable& x, const Variable& gamma, const Variable& beta, double eps = 2e-5,
                             Tensor* running_mean = nullptr, Tensor* running_var = nullptr, double decay = 0.9);
Variable fixed_batch_normalization(const Variable& x, const Variable& gamma, const Variable& beta,
                                   const Variable& mean, const Variable& var, double eps = 2e-5);
// Over the last axis of a 2-D (N, C) input (Chainer), gamma and beta (C,).
Variable layer_normalization(const Variable& x, const Variable& gamma, const Variable& beta, double eps = 1e-5);
// x (N, C, ...), C divisible by groups; gamma, beta (C,).
Variable group_normalization(const Variable& x, int64_t groups, const Variable& gamma, const Variable& beta,
                             double eps = 1e-5);
Variable local_response_normalization(const Variable& x, int64_t n = 5, double k = 2, double alpha = 1e-4,
                                      double beta = 0.75);
// L2 normalization along axis: x / sqrt(sum(x^2) + eps).
Variable normalize(const Variable& x, double eps = 1e-5, int64_t axis = 1);

}  // namespace kusari

// Loss family. reduce: "mean" (default) or "no" (per-example values), as in Chainer.
#pragma once
#include <string>

#include "kusari/autograd/variable.h"

namespace kusari {

// x (N, C, ...), t int (N, ...). normalize: mean over non-ignored elements (else over N).
Variable softmax_cross_entropy(const Variable& x, const Tensor& t, bool normalize = true,
                               int64_t ignore_label = -1, const Tensor& class_weight = {},
                               const std::string& reduce = "mean");
Variable sigmoid_cross_entropy(const Variable& x, const Tensor& t, bool normalize = true,
                               const std::string& reduce = "mean");
Variable mean_squared_error(const Variable& x0, const Variable& x1);
Variable mean_absolute_error(const Variable& x0, const Variable& x1);
Variable huber_loss(const Variable& x, const Variable& t, double delta, const std::string& reduce = "sum_along_second_axis");
Variable hinge(const Variable& x, const Tensor& t, const std::string& norm = "L1", const std::string& reduce = "mean");
Variable gaussian_kl_divergence(const Variable& mean, const Variable& ln_var, const std::string& reduce = "sum");
Variable bernoulli_nll(const Variable& x, const Variable& y, const std::string& reduce = "sum");
Variable gaussian_nll(const Variable& x, const Variable& mean, const Variable& ln_var, const std::string& reduce = "sum");
Variable contrastive(const Variable& x0, const Variable& x1, const Tensor& y, double margin = 1.0,
                     const std::string& reduce = "mean");

}  // namespace kusari

// Numerical gradient checks as library code (Chainer's gradient_check, ChainerX's
// CheckBackward): the analytic gradient projected on a random unit direction is compared
// with the central difference of the function along that direction.
#pragma once
#include <functional>
#include <vector>

#include "kusari/autograd/variable.h"

namespace kusari::testing {

class GradientCheckError : public Error {
 public:
  using Error::Error;
};

using DifferentiableFn = std::function<std::vector<Variable>(const std::vector<Variable>&)>;

struct CheckOptions {
  double eps = 1e-3;
  double atol = 1e-5;
  double rtol = 1e-4;
  uint64_t seed = 0;  // 0: a fresh direction each call
};

// Numerical gradient of sum_j <f(x)_j, gy_j> with respect to each input, by central differences.
std::vector<Tensor> numerical_grad(const DifferentiableFn& f, const std::vector<Tensor>& inputs,
                                   const std::vector<Tensor>& grad_outputs, double eps = 1e-3);

// Throws GradientCheckError with the two values when they disagree. Inputs with a non-
// floating dtype (labels, indices) are passed through as constants. Empty grad_outputs:
// random ones of each output's shape.
void check_backward(const DifferentiableFn& f, const std::vector<Tensor>& inputs,
                    const std::vector<Tensor>& grad_outputs = {}, const CheckOptions& opts = {});

// Checks the gradient of the gradient: the first-order gradients (with double backprop
// on) as a function of (inputs, grad_outputs), along grad_grad_inputs.
void check_double_backward(const DifferentiableFn& f, const std::vector<Tensor>& inputs,
                           const std::vector<Tensor>& grad_outputs = {},
                           const std::vector<Tensor>& grad_grad_inputs = {}, const CheckOptions& opts = {});

}  // namespace kusari::testing

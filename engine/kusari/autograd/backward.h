// Reverse-mode differentiation over the recorded graph, nodes in reverse generation order.
#pragma once
#include <vector>

#include "kusari/autograd/variable.h"

namespace kusari {

// Backpropagates from `outputs` (their grads default to ones for one-element outputs, else
// `grad_outputs` or their existing grad) into every leaf that requires grad (accumulating).
void run_backward(const std::vector<Variable>& outputs, const std::vector<Variable>& grad_outputs,
                  bool retain_grad, bool enable_double_backprop);

// Gradients of outputs with respect to inputs, returned instead of stored (chainer.grad).
// An input the outputs do not depend on gets an undefined Variable.
std::vector<Variable> grad(const std::vector<Variable>& outputs, const std::vector<Variable>& inputs,
                           const std::vector<Variable>& grad_outputs = {}, bool enable_double_backprop = false);

}  // namespace kusari

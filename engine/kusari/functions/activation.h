// Activation family. tanh is in math.h.
#pragma once
#include "kusari/autograd/variable.h"

namespace kusari {

Variable relu(const Variable& x);
Variable leaky_relu(const Variable& x, double slope = 0.2);
Variable elu(const Variable& x, double alpha = 1.0);
Variable selu(const Variable& x, double alpha = 1.6732632423543772, double scale = 1.0507009873554805);
Variable gelu(const Variable& x);  // exact (erf) form
Variable sigmoid(const Variable& x);
Variable hard_sigmoid(const Variable& x);  // clip(0.2 x + 0.5, 0, 1)
Variable softplus(const Variable& x, double beta = 1.0);
Variable swish(const Variable& x, const Variable& beta);  // x * sigmoid(beta * x), beta broadcast on axis 1
Variable clipped_relu(const Variable& x, double z = 20.0);
Variable prelu(const Variable& x, const Variable& W);  // W broadcast along axes [1, 1 + W.ndim)
Variable softmax(const Variable& x, int64_t axis = 1);
Variable log_softmax(const Variable& x, int64_t axis = 1);

}  // namespace kusari

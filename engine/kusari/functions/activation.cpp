// Piecewise activations: relu, leaky_relu, clipped_relu, hard_sigmoid, elu, selu.
// Their gradients multiply by constant masks of the input (kept away from the kinks, the
// second derivative is zero there), plus the retained output for the exponential branch.
#include "kusari/functions/activation.h"

#include "kusari/autograd/apply.h"
#include "kusari/core/kernel_registry.h"
#include "kusari/core/ops.h"
#include "kusari/functions/activation_common.h"
#include "kusari/functions/arithmetic.h"

namespace kusari {

using activation_detail::band_mask;
using activation_detail::require_floating;
using activation_detail::step_mask;

namespace {
// gy · (x > 0): relu's backward as one op and one pass (a mask and a product were two passes and a
// temporary the size of x). Linear in gy with a constant mask, so it is its own backward.
Variable relu_grad(const Variable& gy, const Tensor& x) {
  if (gy.shape() != x.shape() || gy.dtype() != x.dtype()) return gy * step_mask(x, 1, 0);  // the general path
  FunctionScope fn("relu_grad", {gy});
  Tensor y(x.shape(), x.dtype(), x.device());
  kernel<BinaryKernel>("relu_grad", x.device())(gy.data(), x, y);
  return fn.finish(std::move(y), [x](const BackwardContext& c) { return Grads{relu_grad(c.grad_output(0), x)}; });
}
}  // namespace

Variable relu(const Variable& x) {
  require_floating("relu", x);
  FunctionScope fn("relu", {x});
  return fn.finish(ops::unary("relu", x.data()),
                   [](const BackwardContext& c) { return Grads{relu_grad(c.grad_output(0), c.input(0).data())}; });
}

Variable leaky_relu(const Variable& x, double slope) {
  require_floating("leaky_relu", x);
  FunctionScope fn("leaky_relu", {x}, "slope=" + std::to_string(slope));
  return fn.finish(ops::unary("leaky_relu", x.data(), {slope}), [slope](const BackwardContext& c) {
    return Grads{c.grad_output(0) * step_mask(c.input(0).data(), 1, slope)};
  });
}

Variable clipped_relu(const Variable& x, double z) {
  require_floating("clipped_relu", x);
  FunctionScope fn("clipped_relu", {x}, "z=" + std::to_string(z));
  return fn.finish(ops::unary("clipped_relu", x.data(), {z}), [z](const BackwardContext& c) {
    return Grads{c.grad_output(0) * band_mask(c.input(0).data(), 0, z)};
  });
}

Variable hard_sigmoid(const Variable& x) {
  require_floating("hard_sigmoid", x);
  FunctionScope fn("hard_sigmoid", {x});
  return fn.finish(ops::unary("hard_sigmoid", x.data()), [](const BackwardContext& c) {
    // Slope 0.2 on the open interval (-2.5, 2.5) where 0.2 x + 0.5 is inside (0, 1).
    return Grads{c.grad_output(0) * ops::mul(band_mask(c.input(0).data(), -2.5, 2.5), 0.2)};
  });
}

namespace {
// scale * elu(x, alpha). For x <= 0, y = scale * alpha * (e^x - 1), so dy/dx = y + scale * alpha:
// writing the gradient with the retained y keeps it differentiable without an exp Variable.
Variable scaled_elu(const char* op, const Variable& x, double alpha, double scale, const Tensor& y) {
  FunctionScope fn(op, {x}, "alpha=" + std::to_string(alpha));
  return fn.finish(
      y,
      [alpha, scale](const BackwardContext& c) {
        const Tensor& xd = c.input(0).data();
        Variable slope = Variable(step_mask(xd, scale, 0)) + (c.output(0) + scale * alpha) * step_mask(xd, 0, 1);
        return Grads{c.grad_output(0) * slope};
      },
      RetainOutputs::Yes);
}
}  // namespace

Variable elu(const Variable& x, double alpha) {
  require_floating("elu", x);
  return scaled_elu("elu", x, alpha, 1.0, ops::unary("elu", x.data(), {alpha}));
}

Variable selu(const Variable& x, double alpha, double scale) {
  require_floating("selu", x);
  return scaled_elu("selu", x, alpha, scale, ops::unary("selu", x.data(), {alpha, scale}));
}

}  // namespace kusari

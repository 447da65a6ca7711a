// Elementwise math: each function runs its core unary kernel and states its derivative
// with other differentiable functions, so every one of them supports double backprop.
#include <cmath>
#include <numbers>

#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/math.h"
#include "kusari/functions/math_internal.h"

namespace kusari {

namespace {

// dy/dx * gy from the input x, the output y (only when retained) and the output gradient.
using UnaryGrad = Variable (*)(const Variable& x, const Variable& y, const Variable& gy);

// The kernel of the same name computes y; `uses_output` retains y for the gradient.
Variable unary_math(const char* op, const Variable& x, bool uses_output, UnaryGrad grad) {
  math_detail::require_floating(op, x);
  FunctionScope fn(op, {x});
  return fn.finish(
      ops::unary(op, x.data()),
      [grad, uses_output](const BackwardContext& c) {
        return Grads{grad(c.input(0), uses_output ? c.output(0) : Variable(), c.grad_output(0))};
      },
      uses_output ? RetainOutputs::Yes : RetainOutputs::No);
}

// x's dtype, 1 where `cond` holds: a constant factor for piecewise-linear gradients.
Variable mask_like(const Tensor& cond, const Variable& x) { return Variable(cond.astype(x.dtype())); }

}  // namespace

Variable exp(const Variable& x) {
  return unary_math("exp", x, true, [](const Variable&, const Variable& y, const Variable& gy) { return gy * y; });
}

Variable log(const Variable& x) {
  return unary_math("log", x, false, [](const Variable& x, const Variable&, const Variable& gy) { return gy / x; });
}

Variable log2(const Variable& x) {
  return unary_math("log2", x, false, [](const Variable& x, const Variable&, const Variable& gy) {
    return gy / (x * std::numbers::ln2);
  });
}

Variable log10(const Variable& x) {
  return unary_math("log10", x, false, [](const Variable& x, const Variable&, const Variable& gy) {
    return gy / (x * std::numbers::ln10);
  });
}

Variable log1p(const Variable& x) {
  return unary_math("log1p", x, false,
                    [](const Variable& x, const Variable&, const Variable& gy) { return gy / (x + 1.0); });
}

Variable expm1(const Variable& x) {
  return unary_math("expm1", x, true,
                    [](const Variable&, const Variable& y, const Variable& gy) { return gy * (y + 1.0); });
}

Variable sqrt(const Variable& x) {
  return unary_math("sqrt", x, true,
                    [](const Variable&, const Variable& y, const Variable& gy) { return gy / (y * 2.0); });
}

// d(x^-1/2)/dx = -x^-3/2 / 2 = -y / (2x)
Variable rsqrt(const Variable& x) {
  return unary_math("rsqrt", x, true,
                    [](const Variable& x, const Variable& y, const Variable& gy) { return gy * y / x * -0.5; });
}

Variable square(const Variable& x) {
  return unary_math("square", x, false,
                    [](const Variable& x, const Variable&, const Variable& gy) { return gy * x * 2.0; });
}

// The gradient at 0 is 0 (sign(0)), as NumPy's sign and Chainer's absolute give.
Variable absolute(const Variable& x) {
  return unary_math("absolute", x, false, [](const Variable& x, const Variable&, const Variable& gy) {
    return gy * Variable(ops::unary("sign", x.data()));
  });
}

Variable sin(const Variable& x) {
  return unary_math("sin", x, false, [](const Variable& x, const Variable&, const Variable& gy) { return gy * cos(x); });
}

Variable cos(const Variable& x) {
  return unary_math("cos", x, false,
                    [](const Variable& x, const Variable&, const Variable& gy) { return -(gy * sin(x)); });
}

Variable tan(const Variable& x) {
  return unary_math("tan", x, true,
                    [](const Variable&, const Variable& y, const Variable& gy) { return gy * (square(y) + 1.0); });
}

Variable tanh(const Variable& x) {
  return unary_math("tanh", x, true,
                    [](const Variable&, const Variable& y, const Variable& gy) { return gy * (1.0 - square(y)); });
}

Variable arctan(const Variable& x) {
  return unary_math("arctan", x, false,
                    [](const Variable& x, const Variable&, const Variable& gy) { return gy / (square(x) + 1.0); });
}

Variable sinh(const Variable& x) {
  return unary_math("sinh", x, false,
                    [](const Variable& x, const Variable&, const Variable& gy) { return gy * cosh(x); });
}

Variable cosh(const Variable& x) {
  return unary_math("cosh", x, false,
                    [](const Variable& x, const Variable&, const Variable& gy) { return gy * sinh(x); });
}

// d erf(x)/dx = 2/sqrt(pi) exp(-x^2)
Variable erf(const Variable& x) {
  return unary_math("erf", x, false, [](const Variable& x, const Variable&, const Variable& gy) {
    return gy * exp(-square(x)) * (2.0 * std::numbers::inv_sqrtpi);
  });
}

// The gradient passes where x_min < x < x_max (Chainer's rule), zero on and beyond the bounds.
Variable clip(const Variable& x, double x_min, double x_max) {
  math_detail::require_floating("clip", x);
  if (!(x_min <= x_max))
    throw ValueError("clip: x_min (" + std::to_string(x_min) + ") must not exceed x_max (" + std::to_string(x_max) +
                     ")");
  FunctionScope fn("clip", {x});
  return fn.finish(ops::unary("clip", x.data(), {x_min, x_max}), [x_min, x_max](const BackwardContext& c) {
    const Variable& x = c.input(0);
    const Tensor& xd = x.data();
    Tensor inside = ops::compare("logical_and", ops::compare("greater", xd, ops::scalar(x_min, xd.dtype())),
                                 ops::compare("less", xd, ops::scalar(x_max, xd.dtype())));
    return Grads{c.grad_output(0) * mask_like(inside, x)};
  });
}

}  // namespace kusari

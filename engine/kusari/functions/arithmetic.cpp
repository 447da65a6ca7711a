#include "kusari/functions/arithmetic.h"

#include <cmath>

#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/reduction.h"
#include "kusari/functions/shape_ops.h"

namespace kusari {

namespace {
// Gradient of a broadcast operand: sum the broadcast axes, cast back to the operand's dtype.
Variable reduce_grad(const Variable& g, const Variable& like) {
  Variable r = sum_to(g, like.shape());
  return r;
}
}  // namespace

Variable add(const Variable& a, const Variable& b) {
  FunctionScope fn("add", {a, b});
  return fn.finish(ops::add(a.data(), b.data()), [](const BackwardContext& c) {
    Variable gy = c.grad_output(0);
    return Grads{reduce_grad(gy, c.input(0)), reduce_grad(gy, c.input(1))};
  });
}

Variable sub(const Variable& a, const Variable& b) {
  FunctionScope fn("sub", {a, b});
  return fn.finish(ops::sub(a.data(), b.data()), [](const BackwardContext& c) {
    Variable gy = c.grad_output(0);
    return Grads{reduce_grad(gy, c.input(0)), c.needs_input_grad(1) ? reduce_grad(neg(gy), c.input(1)) : Variable()};
  });
}

Variable mul(const Variable& a, const Variable& b) {
  FunctionScope fn("mul", {a, b});
  return fn.finish(ops::mul(a.data(), b.data()), [](const BackwardContext& c) {
    Variable gy = c.grad_output(0);
    return Grads{c.needs_input_grad(0) ? reduce_grad(mul(gy, c.input(1)), c.input(0)) : Variable(),
                 c.needs_input_grad(1) ? reduce_grad(mul(gy, c.input(0)), c.input(1)) : Variable()};
  });
}

Variable div(const Variable& a, const Variable& b) {
  FunctionScope fn("div", {a, b});
  if (!is_floating(a.dtype()) && !is_floating(b.dtype()))
    return fn.finish_constant(ops::div(a.data(), b.data()));  // floor division on integers
  return fn.finish(ops::div(a.data(), b.data()), [](const BackwardContext& c) {
    Variable gy = c.grad_output(0);
    const Variable& a = c.input(0);
    const Variable& b = c.input(1);
    Variable ga = c.needs_input_grad(0) ? reduce_grad(div(gy, b), a) : Variable();
    Variable gb = c.needs_input_grad(1) ? reduce_grad(neg(div(mul(gy, a), mul(b, b))), b) : Variable();
    return Grads{ga, gb};
  });
}

Variable pow(const Variable& a, const Variable& b) {
  FunctionScope fn("pow", {a, b});
  return fn.finish(ops::binary("power", a.data(), b.data()), [](const BackwardContext& c) {
    Variable gy = c.grad_output(0);
    const Variable& a = c.input(0);
    const Variable& b = c.input(1);
    Variable y = pow(a, b);
    Variable ga = c.needs_input_grad(0) ? reduce_grad(mul(gy, mul(b, pow(a, add(b, -1.0)))), a) : Variable();
    Variable gb;
    if (c.needs_input_grad(1)) {
      FunctionScope logfn("log", {a});
      Variable loga = logfn.finish(ops::unary("log", a.data()), [](const BackwardContext& c2) {
        return Grads{div(c2.grad_output(0), c2.input(0))};
      });
      gb = reduce_grad(mul(gy, mul(y, loga)), b);
    }
    return Grads{ga, gb};
  });
}

Variable neg(const Variable& x) {
  FunctionScope fn("neg", {x});
  Tensor y = is_floating(x.dtype()) ? ops::unary("negative", x.data()) : ops::mul(x.data(), ops::scalar(-1, x.dtype()));
  return fn.finish(y, [](const BackwardContext& c) { return Grads{neg(c.grad_output(0))}; });
}

namespace {
Tensor scalar_op(const char* kernel_name, const Tensor& x, double s) {
  if (is_floating(x.dtype())) return ops::unary(kernel_name, x, {s});
  return ops::unary(kernel_name, x.astype(Dtype::Float32), {s});  // ints follow NumPy to float
}
}  // namespace

Variable add(const Variable& a, double s) {
  FunctionScope fn("add_scalar", {a});
  return fn.finish(scalar_op("add_scalar", a.data(), s), [](const BackwardContext& c) { return Grads{c.grad_output(0)}; });
}

Variable mul(const Variable& a, double s) {
  FunctionScope fn("mul_scalar", {a});
  return fn.finish(scalar_op("mul_scalar", a.data(), s),
                   [s](const BackwardContext& c) { return Grads{mul(c.grad_output(0), s)}; });
}

Variable rsub(const Variable& a, double s) {
  FunctionScope fn("rsub_scalar", {a});
  return fn.finish(scalar_op("rsub_scalar", a.data(), s), [](const BackwardContext& c) { return Grads{neg(c.grad_output(0))}; });
}

Variable rdiv(const Variable& a, double s) {
  FunctionScope fn("rdiv_scalar", {a});
  return fn.finish(scalar_op("rdiv_scalar", a.data(), s), [s](const BackwardContext& c) {
    const Variable& x = c.input(0);
    return Grads{mul(div(c.grad_output(0), mul(x, x)), -s)};
  });
}

Variable pow(const Variable& a, double s) {
  FunctionScope fn("pow_scalar", {a});
  return fn.finish(scalar_op("pow_scalar", a.data(), s), [s](const BackwardContext& c) {
    const Variable& x = c.input(0);
    if (s == 0) return Grads{mul(c.grad_output(0), 0.0)};
    if (s == 1) return Grads{c.grad_output(0)};
    return Grads{mul(c.grad_output(0), mul(pow(x, s - 1), s))};
  });
}

Variable rpow(const Variable& a, double s) {
  FunctionScope fn("rpow_scalar", {a});
  return fn.finish(scalar_op("rpow_scalar", a.data(), s), [s](const BackwardContext& c) {
    return Grads{mul(mul(c.grad_output(0), rpow(c.input(0), s)), std::log(s))};
  }, RetainOutputs::No);
}

Variable matmul(const Variable& a, const Variable& b, bool trans_a, bool trans_b) {
  if (a.ndim() == 1 || b.ndim() == 1) {
    if (trans_a || trans_b) throw ValueError("matmul: transposes need operands of at least 2 dimensions");
    Variable a2 = a.ndim() == 1 ? reshape(a, {1, a.shape()[0]}) : a;
    Variable b2 = b.ndim() == 1 ? reshape(b, {b.shape()[0], 1}) : b;
    Variable y = matmul(a2, b2);
    Shape s(y.shape().begin(), y.shape().end() - 2);
    if (a.ndim() != 1) s.push_back(y.shape()[y.ndim() - 2]);
    if (b.ndim() != 1) s.push_back(y.shape()[y.ndim() - 1]);
    return reshape(y, s);
  }
  FunctionScope fn("matmul", {a, b});
  return fn.finish(ops::matmul(a.data(), b.data(), trans_a, trans_b), [trans_a, trans_b](const BackwardContext& c) {
    Variable gy = c.grad_output(0);
    const Variable& a = c.input(0);
    const Variable& b = c.input(1);
    Variable ga, gb;
    if (c.needs_input_grad(0))
      ga = sum_to(trans_a ? matmul(b, gy, trans_b, true) : matmul(gy, b, false, !trans_b), a.shape());
    if (c.needs_input_grad(1))
      gb = sum_to(trans_b ? matmul(gy, a, true, trans_a) : matmul(a, gy, !trans_a, false), b.shape());
    return Grads{ga, gb};
  });
}

}  // namespace kusari

// convolution_2d: im2col + GEMM forward; its gradients are a deconvolution (wrt x) and the
// bilinear filter gradient (wrt W), both differentiable, so double backprop works.
#include "kusari/autograd/apply.h"
#include "kusari/functions/connection.h"
#include "kusari/functions/conv_2d_impl.h"
#include "kusari/functions/reduction.h"

namespace kusari {

Variable convolution_2d(const Variable& x, const Variable& W, const Variable& b, const Conv2dParams& p) {
  constexpr std::string_view op = "convolution_2d";
  std::vector<Variable> inputs{x, W};
  if (b.defined()) inputs.push_back(b);
  FunctionScope fn(op, inputs);
  conv_detail::check_params(op, p);
  conv_detail::check_operands(op, inputs);
  const Shape& xs = x.shape();
  const Shape& ws = W.shape();
  const int64_t oc = ws[0], kh = ws[2], kw = ws[3];
  if (xs[1] != ws[1] * p.groups)
    throw_op_error(op, inputs, "x has " + std::to_string(xs[1]) + " channels but W " + shape_to_string(ws) +
                                   " with groups " + std::to_string(p.groups) + " expects " +
                                   std::to_string(ws[1] * p.groups) + " (x " + shape_to_string(xs) + ")");
  if (oc % p.groups != 0)
    throw_op_error(op, inputs, "W " + shape_to_string(ws) + " has " + std::to_string(oc) +
                                   " output channels, not divisible by groups " + std::to_string(p.groups));
  if (b.defined() && b.shape()[0] != oc)
    throw_op_error(op, inputs, "b " + shape_to_string(b.shape()) + " does not match W " + shape_to_string(ws));
  const int64_t out_h = conv_detail::conv_outsize(xs[2], kh, p.stride_y, p.pad_y, p.dilate_y);
  const int64_t out_w = conv_detail::conv_outsize(xs[3], kw, p.stride_x, p.pad_x, p.dilate_x);
  if (out_h <= 0 || out_w <= 0)
    throw_op_error(op, inputs, "input " + shape_to_string(xs) + " is smaller than the (dilated) filter " +
                                   shape_to_string(ws) + " with this padding");
  Conv2dGeometry g = conv_detail::geometry(xs[1], xs[2], xs[3], out_h, out_w, kh, kw, p);
  Tensor y = conv_detail::forward(x.data(), W.data(), b.defined() ? b.data() : Tensor(), g, p.groups);
  const bool has_b = b.defined();
  return fn.finish(y, [p, has_b](const BackwardContext& c) {
    Variable gy = c.grad_output(0);
    const Variable& x = c.input(0);
    const Variable& W = c.input(1);
    Grads grads(has_b ? 3 : 2);
    if (c.needs_input_grad(0)) grads[0] = deconvolution_2d(gy, W, {}, p, x.shape()[2], x.shape()[3]);
    if (c.needs_input_grad(1)) grads[1] = conv_detail::convolution_2d_grad_w(x, gy, p, W.shape()[2], W.shape()[3]);
    if (has_b && c.needs_input_grad(2)) grads[2] = sum(sum(gy, {2, 3}), {0});  // two passes beat one strided one
    return grads;
  });
}

}  // namespace kusari

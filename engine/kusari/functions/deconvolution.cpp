// deconvolution_2d: the transpose of convolution_2d (its forward is convolution's gradient
// wrt x), so its gradients are a convolution (wrt x) and the same filter gradient (wrt W).
#include "kusari/autograd/apply.h"
#include "kusari/functions/connection.h"
#include "kusari/functions/conv_2d_impl.h"
#include "kusari/functions/reduction.h"

namespace kusari {

Variable deconvolution_2d(const Variable& x, const Variable& W, const Variable& b, const Conv2dParams& p,
                          int64_t out_h, int64_t out_w) {
  constexpr std::string_view op = "deconvolution_2d";
  std::vector<Variable> inputs{x, W};
  if (b.defined()) inputs.push_back(b);
  FunctionScope fn(op, inputs);
  conv_detail::check_params(op, p);
  conv_detail::check_operands(op, inputs);
  const Shape& xs = x.shape();
  const Shape& ws = W.shape();
  const int64_t oc = ws[1] * p.groups, kh = ws[2], kw = ws[3];
  if (xs[1] != ws[0])
    throw_op_error(op, inputs, "x has " + std::to_string(xs[1]) + " channels but W " + shape_to_string(ws) +
                                   " expects " + std::to_string(ws[0]) + " (x " + shape_to_string(xs) + ")");
  if (ws[0] % p.groups != 0)
    throw_op_error(op, inputs, "W " + shape_to_string(ws) + " has " + std::to_string(ws[0]) +
                                   " input channels, not divisible by groups " + std::to_string(p.groups));
  if (b.defined() && b.shape()[0] != oc)
    throw_op_error(op, inputs, "b " + shape_to_string(b.shape()) + " does not match " + std::to_string(oc) +
                                   " output channels of W " + shape_to_string(ws));
  if (out_h <= 0) out_h = conv_detail::deconv_outsize(xs[2], kh, p.stride_y, p.pad_y, p.dilate_y);
  if (out_w <= 0) out_w = conv_detail::deconv_outsize(xs[3], kw, p.stride_x, p.pad_x, p.dilate_x);
  // The output must be an image that a convolution with the same parameters maps back to x.
  if (out_h <= 0 || out_w <= 0 ||
      conv_detail::conv_outsize(out_h, kh, p.stride_y, p.pad_y, p.dilate_y) != xs[2] ||
      conv_detail::conv_outsize(out_w, kw, p.stride_x, p.pad_x, p.dilate_x) != xs[3])
    throw_op_error(op, inputs, "output size (" + std::to_string(out_h) + ", " + std::to_string(out_w) +
                                   ") is inconsistent with input " + shape_to_string(xs) + " and W " +
                                   shape_to_string(ws));
  Conv2dGeometry g = conv_detail::geometry(oc, out_h, out_w, xs[2], xs[3], kh, kw, p);
  Tensor y = conv_detail::backward_data(x.data(), W.data(), b.defined() ? b.data() : Tensor(), g, p.groups);
  const bool has_b = b.defined();
  return fn.finish(y, [p, has_b](const BackwardContext& c) {
    Variable gy = c.grad_output(0);
    const Variable& x = c.input(0);
    const Variable& W = c.input(1);
    Grads grads(has_b ? 3 : 2);
    if (c.needs_input_grad(0)) grads[0] = convolution_2d(gy, W, {}, p);
    if (c.needs_input_grad(1)) grads[1] = conv_detail::convolution_2d_grad_w(gy, x, p, W.shape()[2], W.shape()[3]);
    if (has_b && c.needs_input_grad(2)) grads[2] = sum(sum(gy, {2, 3}), {0});  // two passes beat one strided one
    return grads;
  });
}

}  // namespace kusari

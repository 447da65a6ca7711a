// The filter gradient of convolution_2d as a differentiable function of (x, gy).
#include "kusari/autograd/apply.h"
#include "kusari/functions/conv_2d_impl.h"

namespace kusari::conv_detail {

// gW = sum over samples and positions of gy (x) col(x). Since <gW(x, gy), V> = <gy, conv(x, V)>,
// the gradient along ggW is deconv(gy, ggW) wrt x and conv(x, ggW) wrt gy.
Variable convolution_2d_grad_w(const Variable& x, const Variable& gy, const Conv2dParams& p, int64_t kh, int64_t kw) {
  FunctionScope fn("convolution_2d_grad_w", {x, gy});
  const Shape& xs = x.shape();
  const Shape& ys = gy.shape();
  Conv2dGeometry g = geometry(xs[1], xs[2], xs[3], ys[2], ys[3], kh, kw, p);
  Tensor gW = backward_filter(x.data(), gy.data(), g, p.groups, ys[1]);
  return fn.finish(gW, [p](const BackwardContext& c) {
    Variable ggW = c.grad_output(0);
    const Variable& x = c.input(0);
    const Variable& gy = c.input(1);
    Grads grads(2);
    if (c.needs_input_grad(0)) grads[0] = deconvolution_2d(gy, ggW, {}, p, x.shape()[2], x.shape()[3]);
    if (c.needs_input_grad(1)) grads[1] = convolution_2d(x, ggW, {}, p);
    return grads;
  });
}

}  // namespace kusari::conv_detail

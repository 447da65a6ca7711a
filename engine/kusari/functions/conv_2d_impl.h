// Internal to the connection family: tensor-level convolution passes (im2col + GEMM) shared by
// convolution_2d, deconvolution_2d and the filter gradient, plus the shape checks they share.
#pragma once
#include <string_view>

#include "kusari/functions/connection.h"
#include "kusari/functions/conv_kernels.h"

namespace kusari::conv_detail {

// Chainer's get_conv_outsize / get_deconv_outsize (cover_all false), with dilation d.
// conv_outsize may be <= 0 for a too small input; callers report it.
int64_t conv_outsize(int64_t in, int64_t k, int64_t s, int64_t p, int64_t d);
int64_t deconv_outsize(int64_t in, int64_t k, int64_t s, int64_t p, int64_t d);

// Validates strides, dilations (>= 1), pads (>= 0) and groups (>= 1); throws ValueError naming op.
void check_params(std::string_view op, const Conv2dParams& p);

// x and W 4-D, bias (when present, inputs[2]) 1-D, all of one floating dtype; throws naming op and shapes.
void check_operands(std::string_view op, const std::vector<Variable>& inputs);

// Geometry of a convolution whose input has (channels, h, w) and output (out_h, out_w).
Conv2dGeometry geometry(int64_t channels, int64_t h, int64_t w, int64_t out_h, int64_t out_w, int64_t kh, int64_t kw,
                        const Conv2dParams& p);

// y (N, oc, out_h, out_w) = conv(x (N, C, h, w), W (oc, C / groups, kh, kw)) + b (oc,) if defined.
Tensor forward(const Tensor& x, const Tensor& W, const Tensor& b, const Conv2dGeometry& g, int64_t groups);
// The adjoint in x: gx (N, C, h, w) from gy (N, oc, out_h, out_w), plus b (C,) if defined
// (this is deconvolution's forward).
Tensor backward_data(const Tensor& gy, const Tensor& W, const Tensor& b, const Conv2dGeometry& g, int64_t groups);
// The adjoint in W: gW (oc, C / groups, kh, kw) from x and gy.
Tensor backward_filter(const Tensor& x, const Tensor& gy, const Conv2dGeometry& g, int64_t groups, int64_t oc);

// Differentiable filter gradient of convolution_2d(x, W) for a given gy: gW(x, gy) of shape
// (gy channels, x channels / groups, kh, kw). Bilinear, so its own gradient is a
// (de)convolution, which is what makes convolution twice differentiable.
Variable convolution_2d_grad_w(const Variable& x, const Variable& gy, const Conv2dParams& p, int64_t kh, int64_t kw);

}  // namespace kusari::conv_detail

#include "kusari/functions/conv_2d_impl.h"

#include <algorithm>

#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"

namespace kusari::conv_detail {
namespace {

// Column matrices are built for as many samples at once as fit this many elements, so the
// GEMM is large (one call for a whole small batch) while memory stays bounded for big ones.
constexpr int64_t kColumnBudget = int64_t{1} << 23;

int64_t floor_div(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

int64_t samples_per_chunk(int64_t n, int64_t rows, int64_t ohw) {
  return std::clamp<int64_t>(kColumnBudget / std::max<int64_t>(1, rows * ohw), 1, std::max<int64_t>(n, 1));
}

}  // namespace

int64_t conv_outsize(int64_t in, int64_t k, int64_t s, int64_t p, int64_t d) {
  return floor_div(in + 2 * p - (d * (k - 1) + 1), s) + 1;
}

int64_t deconv_outsize(int64_t in, int64_t k, int64_t s, int64_t p, int64_t d) {
  return s * (in - 1) + d * (k - 1) + 1 - 2 * p;
}

void check_params(std::string_view op, const Conv2dParams& p) {
  if (p.stride_y < 1 || p.stride_x < 1 || p.dilate_y < 1 || p.dilate_x < 1 || p.pad_y < 0 || p.pad_x < 0 ||
      p.groups < 1)
    throw ValueError(std::string(op) + ": stride (" + std::to_string(p.stride_y) + ", " + std::to_string(p.stride_x) +
                     "), dilation (" + std::to_string(p.dilate_y) + ", " + std::to_string(p.dilate_x) +
                     ") and groups " + std::to_string(p.groups) + " must be >= 1 and pad (" +
                     std::to_string(p.pad_y) + ", " + std::to_string(p.pad_x) + ") >= 0");
}

void check_operands(std::string_view op, const std::vector<Variable>& inputs) {
  if (inputs[0].ndim() != 4) throw_op_error(op, inputs, "x must be 4-D (N, C, H, W)");
  if (inputs[1].ndim() != 4) throw_op_error(op, inputs, "W must be 4-D");
  if (inputs.size() > 2 && inputs[2].ndim() != 1) throw_op_error(op, inputs, "b must be 1-D");
  for (const Variable& v : inputs)
    if (!is_floating(v.dtype()) || v.dtype() != inputs[0].dtype())
      throw DtypeError(std::string(op) + ": inputs must share one floating dtype, got " + inputs[0].describe() +
                       " and " + v.describe());
}

Conv2dGeometry geometry(int64_t channels, int64_t h, int64_t w, int64_t out_h, int64_t out_w, int64_t kh, int64_t kw,
                        const Conv2dParams& p) {
  Conv2dGeometry g;
  g.channels = channels;
  g.h = h;
  g.w = w;
  g.out_h = out_h;
  g.out_w = out_w;
  g.kh = kh;
  g.kw = kw;
  g.sy = p.stride_y;
  g.sx = p.stride_x;
  g.ph = p.pad_y;
  g.pw = p.pad_x;
  g.dy = p.dilate_y;
  g.dx = p.dilate_x;
  return g;
}

// Per chunk: col (C*kh*kw, nb*ohw) = im2col(x); rows (oc, nb*ohw) = W (G, oc/G, Kg) x col (G, Kg, cols).
Tensor forward(const Tensor& x_in, const Tensor& W_in, const Tensor& b_in, const Conv2dGeometry& g, int64_t groups) {
  const int64_t n = x_in.shape()[0], oc = W_in.shape()[0], rows = g.col_rows(), ohw = g.out_size();
  Tensor x = x_in.contiguous();
  Tensor Wm = W_in.contiguous().view({groups, oc / groups, rows / groups});
  Tensor b = b_in.defined() ? b_in.contiguous() : Tensor();
  Tensor y({n, oc, g.out_h, g.out_w}, x.dtype(), x.device());
  if (y.numel() == 0) return y;
  const int64_t chunk = samples_per_chunk(n, rows, ohw);
  for (int64_t n0 = 0; n0 < n; n0 += chunk) {
    const int64_t nb = std::min(chunk, n - n0), cols = nb * ohw;
    Tensor col({rows, cols}, x.dtype(), x.device());
    kernel<Im2colKernel>("im2col", x.device())(x, col, g, n0, n0 + nb);
    Tensor out = ops::matmul(Wm, col.view({groups, rows / groups, cols})).view({oc, cols});
    kernel<RowsToNchwKernel>("conv_rows_to_nchw", x.device())(out, b, y, n0);
  }
  return y;
}

// Per chunk: col (G, Kg, cols) = W^T (G, Kg, oc/G) x rows(gy) (G, oc/G, cols); x = col2im(col).
Tensor backward_data(const Tensor& gy_in, const Tensor& W_in, const Tensor& b, const Conv2dGeometry& g,
                     int64_t groups) {
  const int64_t n = gy_in.shape()[0], oc = W_in.shape()[0], rows = g.col_rows(), ohw = g.out_size();
  Tensor gy = gy_in.contiguous();
  Tensor Wm = W_in.contiguous().view({groups, oc / groups, rows / groups});
  Tensor gx({n, g.channels, g.h, g.w}, gy.dtype(), gy.device());
  if (gx.numel() == 0) return gx;
  if (ohw == 0 || oc == 0) {
    gx.fill(0);
  } else {
    const int64_t chunk = samples_per_chunk(n, rows, ohw);
    for (int64_t n0 = 0; n0 < n; n0 += chunk) {
      const int64_t nb = std::min(chunk, n - n0), cols = nb * ohw;
      Tensor gy_rows({oc, cols}, gy.dtype(), gy.device());
      kernel<NchwToRowsKernel>("conv_nchw_to_rows", gy.device())(gy, gy_rows, n0);
      Tensor col = ops::matmul(Wm, gy_rows.view({groups, oc / groups, cols}), true, false).view({rows, cols});
      kernel<Col2imKernel>("col2im", gy.device())(col, gx, g, n0);
    }
  }
  if (b.defined()) gx = ops::add(gx, b.view({1, g.channels, 1, 1}));
  return gx;
}

// gW (G, oc/G, Kg) = sum over chunks of rows(gy) (G, oc/G, cols) x col(x)^T (G, cols, Kg).
Tensor backward_filter(const Tensor& x_in, const Tensor& gy_in, const Conv2dGeometry& g, int64_t groups, int64_t oc) {
  const int64_t n = x_in.shape()[0], rows = g.col_rows(), ohw = g.out_size();
  Tensor x = x_in.contiguous(), gy = gy_in.contiguous();
  Tensor gW;
  const int64_t chunk = samples_per_chunk(n, rows, ohw);
  for (int64_t n0 = 0; n0 < n && ohw > 0; n0 += chunk) {
    const int64_t nb = std::min(chunk, n - n0), cols = nb * ohw;
    Tensor col({rows, cols}, x.dtype(), x.device());
    kernel<Im2colKernel>("im2col", x.device())(x, col, g, n0, n0 + nb);
    Tensor gy_rows({oc, cols}, gy.dtype(), gy.device());
    kernel<NchwToRowsKernel>("conv_nchw_to_rows", gy.device())(gy, gy_rows, n0);
    Tensor part = ops::matmul(gy_rows.view({groups, oc / groups, cols}), col.view({groups, rows / groups, cols}),
                              false, true);
    gW = gW.defined() ? ops::add(gW, part) : part;
  }
  if (!gW.defined()) gW = ops::zeros({oc, rows / groups}, x.dtype(), x.device());
  return gW.reshape({oc, g.channels / groups, g.kh, g.kw});
}

}  // namespace kusari::conv_detail

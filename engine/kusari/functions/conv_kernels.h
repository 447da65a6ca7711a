// Kernel signatures of the convolution family (im2col + GEMM). The GEMM itself is ops::matmul;
// these kernels only move data between the image layout and the column layout.
#pragma once
#include <cstdint>

#include "kusari/core/tensor.h"

namespace kusari {

// One 2-D convolution seen from its input side: an image (channels, h, w) is covered by
// out_h x out_w windows of kh x kw taps, dilated by dy, dx, placed every sy, sx, shifted by ph, pw.
struct Conv2dGeometry {
  int64_t channels = 0, h = 0, w = 0;
  int64_t out_h = 0, out_w = 0;
  int64_t kh = 1, kw = 1;
  int64_t sy = 1, sx = 1;
  int64_t ph = 0, pw = 0;
  int64_t dy = 1, dx = 1;
  int64_t col_rows() const { return channels * kh * kw; }
  int64_t out_size() const { return out_h * out_w; }
};

// Column layout: rows (c, i, j) of channels*kh*kw taps; columns (n, oy, ox) over samples n0..n1-1.
// col is contiguous (col_rows, (n1 - n0) * out_h * out_w); x is a contiguous (N, C, H, W) image.
// Taps in the padding read as zero.
using Im2colKernel = void(const Tensor& x, Tensor& col, const Conv2dGeometry& g, int64_t n0, int64_t n1);
// The adjoint: x[n0 .. n0 + nb) is overwritten with the sum of the column entries that read each
// pixel (nb = col columns / out_size). x is a contiguous (N, C, H, W) image.
using Col2imKernel = void(const Tensor& col, Tensor& x, const Conv2dGeometry& g, int64_t n0);

// GEMM rows (oc, nb * hw) -> samples n0 .. n0 + nb of a contiguous (N, oc, h, w) tensor, adding a
// per-channel bias (oc,) when bias is defined.
using RowsToNchwKernel = void(const Tensor& rows, const Tensor& bias, Tensor& y, int64_t n0);
// Samples n0 .. n0 + nb of a contiguous (N, oc, h, w) tensor -> contiguous rows (oc, nb * hw).
using NchwToRowsKernel = void(const Tensor& y, Tensor& rows, int64_t n0);

}  // namespace kusari

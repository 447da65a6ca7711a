// Kernel signatures of the pooling family. All images are contiguous (N, C, h, w).
#pragma once
#include <cstdint>

#include "kusari/core/tensor.h"

namespace kusari {

// Windows of kh x kw on an (h, w) image, every sy, sx, shifted by ph, pw, forming an
// out_h x out_w grid. Window cells in the padding are outside the image.
struct Pool2dGeometry {
  int64_t h = 0, w = 0;
  int64_t out_h = 0, out_w = 0;
  int64_t kh = 1, kw = 1;
  int64_t sy = 1, sx = 1;
  int64_t ph = 0, pw = 0;
};

// y = max over each window (padding excluded), indexes = its flat in-window offset i * kw + j
// (int64, y's shape; the first maximum wins). A window entirely in the padding gives -inf, 0.
using MaxPool2dKernel = void(const Tensor& x, Tensor& y, Tensor& indexes, const Pool2dGeometry& g);
// y[n, c, oy, ox] = x at the window cell named by indexes (0 when that cell is padding).
using PoolGather2dKernel = void(const Tensor& x, const Tensor& indexes, Tensor& y, const Pool2dGeometry& g);
// The adjoint of the gather: x (overwritten) = sum of y values at the cells their indexes name.
using PoolScatter2dKernel = void(const Tensor& y, const Tensor& indexes, Tensor& x, const Pool2dGeometry& g);
// y = scale * sum over each window, padding read as zero.
using WindowSum2dKernel = void(const Tensor& x, Tensor& y, const Pool2dGeometry& g, double scale);
// The adjoint: x (overwritten) = scale * sum of the y of every window covering each pixel.
using WindowSpread2dKernel = void(const Tensor& y, Tensor& x, const Pool2dGeometry& g, double scale);

}  // namespace kusari

// CPU im2col / col2im and the layout shuffles around the convolution GEMM. Every loop is
// parallel over independent (row, sample) or (sample, channel) blocks, so no two threads
// write the same element.
#include <algorithm>
#include <cstring>

#include "kusari/core/kernel_registry.h"
#include "kusari/device/cpu/elementwise.h"
#include "kusari/functions/conv_kernels.h"

namespace kusari::cpu {
namespace {

int64_t ceil_div(int64_t a, int64_t b) { return a >= 0 ? (a + b - 1) / b : -((-a) / b); }

// Output columns [lo, hi) whose tap j lands inside the row: 0 <= o * s - p + j * d < size.
void valid_range(int64_t size, int64_t out, int64_t s, int64_t p, int64_t tap, int64_t& lo, int64_t& hi) {
  lo = std::clamp<int64_t>(ceil_div(p - tap, s), 0, out);
  hi = std::clamp<int64_t>(ceil_div(size + p - tap, s), lo, out);
}

template <typename T>
void im2col_typed(const Tensor& x, Tensor& col, const Conv2dGeometry& g, int64_t n0, int64_t n1) {
  const T* xp = x.data<T>();
  T* cp = col.data<T>();
  const int64_t rows = g.col_rows(), nb = n1 - n0, ohw = g.out_size(), hw = g.h * g.w;
  const int64_t kk = g.kh * g.kw;
#pragma omp parallel for collapse(2) if (col.numel() > kParallelThreshold) schedule(static)
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t n = 0; n < nb; ++n) {
      const int64_t c = r / kk, i = (r / g.kw) % g.kh, j = r % g.kw;
      const T* plane = xp + ((n0 + n) * g.channels + c) * hw;
      T* dst = cp + r * nb * ohw + n * ohw;
      int64_t lo, hi;
      valid_range(g.w, g.out_w, g.sx, g.pw, j * g.dx, lo, hi);
      const int64_t x_shift = j * g.dx - g.pw;
      for (int64_t oy = 0; oy < g.out_h; ++oy, dst += g.out_w) {
        const int64_t iy = oy * g.sy - g.ph + i * g.dy;
        if (iy < 0 || iy >= g.h) {
          std::fill(dst, dst + g.out_w, T(0));
          continue;
        }
        const T* src = plane + iy * g.w + x_shift;
        std::fill(dst, dst + lo, T(0));
        if (g.sx == 1) {
          std::copy(src + lo, src + hi, dst + lo);
        } else {
          for (int64_t ox = lo; ox < hi; ++ox) dst[ox] = src[ox * g.sx];
        }
        std::fill(dst + hi, dst + g.out_w, T(0));
      }
    }
}

template <typename T>
void col2im_typed(const Tensor& col, Tensor& x, const Conv2dGeometry& g, int64_t n0) {
  const T* cp = col.data<T>();
  T* xp = x.data<T>();
  const int64_t ohw = g.out_size(), hw = g.h * g.w;
  const int64_t nb = ohw == 0 ? 0 : col.shape()[1] / ohw;
  const int64_t kk = g.kh * g.kw;
#pragma omp parallel for collapse(2) if (col.numel() > kParallelThreshold) schedule(static)
  for (int64_t n = 0; n < nb; ++n)
    for (int64_t c = 0; c < g.channels; ++c) {
      T* plane = xp + ((n0 + n) * g.channels + c) * hw;
      std::fill(plane, plane + hw, T(0));
      for (int64_t i = 0; i < g.kh; ++i)
        for (int64_t j = 0; j < g.kw; ++j) {
          const T* src = cp + ((c * kk + i * g.kw + j) * nb + n) * ohw;
          int64_t lo, hi;
          valid_range(g.w, g.out_w, g.sx, g.pw, j * g.dx, lo, hi);
          const int64_t x_shift = j * g.dx - g.pw;
          for (int64_t oy = 0; oy < g.out_h; ++oy, src += g.out_w) {
            const int64_t iy = oy * g.sy - g.ph + i * g.dy;
            if (iy < 0 || iy >= g.h) continue;
            T* dst = plane + iy * g.w + x_shift;
            if (g.sx == 1) {
              for (int64_t ox = lo; ox < hi; ++ox) dst[ox] += src[ox];
            } else {
              for (int64_t ox = lo; ox < hi; ++ox) dst[ox * g.sx] += src[ox];
            }
          }
        }
    }
}

void im2col(const Tensor& x, Tensor& col, const Conv2dGeometry& g, int64_t n0, int64_t n1) {
  visit_floating("im2col", x.dtype(), [&](auto tag) { im2col_typed<decltype(tag)>(x, col, g, n0, n1); });
}

void col2im(const Tensor& col, Tensor& x, const Conv2dGeometry& g, int64_t n0) {
  visit_floating("col2im", x.dtype(), [&](auto tag) { col2im_typed<decltype(tag)>(col, x, g, n0); });
}

void rows_to_nchw(const Tensor& rows, const Tensor& bias, Tensor& y, int64_t n0) {
  visit_floating("conv_rows_to_nchw", y.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const int64_t oc = rows.shape()[0], hw = y.numel() / std::max<int64_t>(1, y.shape()[0] * oc);
    const int64_t nb = hw * oc == 0 ? 0 : rows.numel() / (oc * hw);
    const T* rp = rows.data<T>();
    const T* bp = bias.defined() ? bias.data<T>() : nullptr;
    T* yp = y.data<T>();
#pragma omp parallel for collapse(2) if (rows.numel() > kParallelThreshold) schedule(static)
    for (int64_t n = 0; n < nb; ++n)
      for (int64_t o = 0; o < oc; ++o) {
        const T* src = rp + (o * nb + n) * hw;
        T* dst = yp + ((n0 + n) * oc + o) * hw;
        if (bp) {
          const T b = bp[o];
          for (int64_t k = 0; k < hw; ++k) dst[k] = src[k] + b;
        } else {
          std::copy(src, src + hw, dst);
        }
      }
  });
}

void nchw_to_rows(const Tensor& y, Tensor& rows, int64_t n0) {
  visit_floating("conv_nchw_to_rows", y.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const int64_t oc = rows.shape()[0], hw = y.numel() / std::max<int64_t>(1, y.shape()[0] * oc);
    const int64_t nb = hw * oc == 0 ? 0 : rows.numel() / (oc * hw);
    const T* yp = y.data<T>();
    T* rp = rows.data<T>();
#pragma omp parallel for collapse(2) if (rows.numel() > kParallelThreshold) schedule(static)
    for (int64_t o = 0; o < oc; ++o)
      for (int64_t n = 0; n < nb; ++n) {
        const T* src = yp + ((n0 + n) * oc + o) * hw;
        std::copy(src, src + hw, rp + (o * nb + n) * hw);
      }
  });
}

KUSARI_REGISTER_KERNEL("im2col", DeviceType::CPU, im2col);
KUSARI_REGISTER_KERNEL("col2im", DeviceType::CPU, col2im);
KUSARI_REGISTER_KERNEL("conv_rows_to_nchw", DeviceType::CPU, rows_to_nchw);
KUSARI_REGISTER_KERNEL("conv_nchw_to_rows", DeviceType::CPU, nchw_to_rows);

}  // namespace
}  // namespace kusari::cpu

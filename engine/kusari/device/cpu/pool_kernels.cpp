// CPU 2-D pooling kernels. Each loop is parallel over (sample, channel) planes; a plane is
// written by one thread only, so the scatter-style adjoints need no atomics.
#include <algorithm>
#include <limits>

#include "kusari/core/kernel_registry.h"
#include "kusari/device/cpu/elementwise.h"
#include "kusari/functions/pool_kernels.h"

namespace kusari::cpu {
namespace {

// The image rows/columns of window (oy, ox), clipped to the image: [y0, y1) x [x0, x1).
struct Window {
  int64_t top, left, y0, y1, x0, x1;
  Window(const Pool2dGeometry& g, int64_t oy, int64_t ox)
      : top(oy * g.sy - g.ph), left(ox * g.sx - g.pw),
        y0(std::max<int64_t>(top, 0)), y1(std::min(top + g.kh, g.h)),
        x0(std::max<int64_t>(left, 0)), x1(std::min(left + g.kw, g.w)) {}
  // The image offset of in-window cell k = i * kw + j, or -1 when it lies in the padding.
  int64_t cell(const Pool2dGeometry& g, int64_t k) const {
    const int64_t iy = top + k / g.kw, ix = left + k % g.kw;
    return iy < 0 || iy >= g.h || ix < 0 || ix >= g.w ? -1 : iy * g.w + ix;
  }
};

int64_t planes_of(const Tensor& t) { return t.shape()[0] * t.shape()[1]; }

// The usual CNN pooling: 2x2 windows, stride 2, no padding, every window inside the image. Its
// in-window index is (row << 1) | column, so these paths skip the Window bookkeeping (and the
// division in Window::cell) that made max_pool ~8% of cnn_step.
bool is_2x2_stride_2(const Pool2dGeometry& g) {
  return g.kh == 2 && g.kw == 2 && g.sy == 2 && g.sx == 2 && g.ph == 0 && g.pw == 0 && 2 * g.out_h <= g.h &&
         2 * g.out_w <= g.w;
}

// One plane of the 2x2 max; the cells are compared in the general loop's order (row-major, a
// later cell wins only when strictly greater), so ties and NaN give the same result and index.
template <typename T>
void max_pool_2x2_plane(const T* src, T* y, int64_t* idx, const Pool2dGeometry& g) {
  for (int64_t oy = 0; oy < g.out_h; ++oy) {
    const T* r0 = src + 2 * oy * g.w;
    const T* r1 = r0 + g.w;
    T* yo = y + oy * g.out_w;
    int64_t* io = idx + oy * g.out_w;
    for (int64_t ox = 0; ox < g.out_w; ++ox) {
      const T c[4] = {r0[2 * ox], r0[2 * ox + 1], r1[2 * ox], r1[2 * ox + 1]};
      T best = c[0];
      int64_t arg = 0;
      for (int64_t k = 1; k < 4; ++k) {
        const bool take = c[k] > best;
        best = take ? c[k] : best;
        arg = take ? k : arg;
      }
      yo[ox] = best;
      io[ox] = arg;
    }
  }
}

void max_pool(const Tensor& x, Tensor& y, Tensor& indexes, const Pool2dGeometry& g) {
  visit_floating("max_pooling_2d", x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* xp = x.data<T>();
    T* yp = y.data<T>();
    int64_t* ip = indexes.data<int64_t>();
    const int64_t planes = planes_of(x), hw = g.h * g.w, ohw = g.out_h * g.out_w;
#pragma omp parallel for if (x.numel() > kParallelThreshold) schedule(static)
    for (int64_t pl = 0; pl < planes; ++pl) {
      const T* src = xp + pl * hw;
      if (is_2x2_stride_2(g)) {
        max_pool_2x2_plane(src, yp + pl * ohw, ip + pl * ohw, g);
        continue;
      }
      for (int64_t oy = 0; oy < g.out_h; ++oy)
        for (int64_t ox = 0; ox < g.out_w; ++ox) {
          Window win(g, oy, ox);
          const int64_t o = pl * ohw + oy * g.out_w + ox;
          if (win.y0 >= win.y1 || win.x0 >= win.x1) {
            yp[o] = -std::numeric_limits<T>::infinity();
            ip[o] = 0;
            continue;
          }
          // Masks instead of branches: on real data the comparison is unpredictable.
          T best = src[win.y0 * g.w + win.x0];
          int64_t arg = (win.y0 - win.top) * g.kw + (win.x0 - win.left);
          for (int64_t iy = win.y0; iy < win.y1; ++iy) {
            const T* row = src + iy * g.w;
            const int64_t base = (iy - win.top) * g.kw - win.left;
            for (int64_t ix = win.x0; ix < win.x1; ++ix) {
              const T v = row[ix];
              const int64_t take = -static_cast<int64_t>(v > best);  // all ones when v wins
              arg ^= (arg ^ (base + ix)) & take;
              best = std::max(best, v);
            }
          }
          yp[o] = best;
          ip[o] = arg;
        }
    }
  });
}

void pool_gather(const Tensor& x, const Tensor& indexes, Tensor& y, const Pool2dGeometry& g) {
  visit_floating("pool_gather_2d", x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* xp = x.data<T>();
    const int64_t* ip = indexes.data<int64_t>();
    T* yp = y.data<T>();
    const int64_t planes = planes_of(y), hw = g.h * g.w, ohw = g.out_h * g.out_w;
#pragma omp parallel for if (y.numel() > kParallelThreshold) schedule(static)
    for (int64_t pl = 0; pl < planes; ++pl)
      for (int64_t oy = 0; oy < g.out_h; ++oy)
        for (int64_t ox = 0; ox < g.out_w; ++ox) {
          const int64_t o = pl * ohw + oy * g.out_w + ox;
          const int64_t at = Window(g, oy, ox).cell(g, ip[o]);
          yp[o] = at < 0 ? T(0) : xp[pl * hw + at];
        }
  });
}

void pool_scatter(const Tensor& y, const Tensor& indexes, Tensor& x, const Pool2dGeometry& g) {
  visit_floating("pool_scatter_2d", x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* yp = y.data<T>();
    const int64_t* ip = indexes.data<int64_t>();
    T* xp = x.data<T>();
    const int64_t planes = planes_of(x), hw = g.h * g.w, ohw = g.out_h * g.out_w;
#pragma omp parallel for if (x.numel() > kParallelThreshold) schedule(static)
    for (int64_t pl = 0; pl < planes; ++pl) {
      T* dst = xp + pl * hw;
      std::fill(dst, dst + hw, T(0));
      if (is_2x2_stride_2(g)) {  // windows do not overlap and lie inside the image
        for (int64_t oy = 0; oy < g.out_h; ++oy)
          for (int64_t ox = 0; ox < g.out_w; ++ox) {
            const int64_t o = pl * ohw + oy * g.out_w + ox;
            dst[(2 * oy + (ip[o] >> 1)) * g.w + 2 * ox + (ip[o] & 1)] += yp[o];
          }
        continue;
      }
      for (int64_t oy = 0; oy < g.out_h; ++oy)
        for (int64_t ox = 0; ox < g.out_w; ++ox) {
          const int64_t o = pl * ohw + oy * g.out_w + ox;
          const int64_t at = Window(g, oy, ox).cell(g, ip[o]);
          if (at >= 0) dst[at] += yp[o];
        }
    }
  });
}

void window_sum(const Tensor& x, Tensor& y, const Pool2dGeometry& g, double scale) {
  visit_floating("window_sum_2d", x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* xp = x.data<T>();
    T* yp = y.data<T>();
    const T s = static_cast<T>(scale);
    const int64_t planes = planes_of(x), hw = g.h * g.w, ohw = g.out_h * g.out_w;
#pragma omp parallel for if (x.numel() > kParallelThreshold) schedule(static)
    for (int64_t pl = 0; pl < planes; ++pl) {
      const T* src = xp + pl * hw;
      for (int64_t oy = 0; oy < g.out_h; ++oy)
        for (int64_t ox = 0; ox < g.out_w; ++ox) {
          Window win(g, oy, ox);
          T acc = 0;
          for (int64_t iy = win.y0; iy < win.y1; ++iy)
            for (int64_t ix = win.x0; ix < win.x1; ++ix) acc += src[iy * g.w + ix];
          yp[pl * ohw + oy * g.out_w + ox] = acc * s;
        }
    }
  });
}

void window_spread(const Tensor& y, Tensor& x, const Pool2dGeometry& g, double scale) {
  visit_floating("window_spread_2d", x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* yp = y.data<T>();
    T* xp = x.data<T>();
    const T s = static_cast<T>(scale);
    const int64_t planes = planes_of(x), hw = g.h * g.w, ohw = g.out_h * g.out_w;
#pragma omp parallel for if (x.numel() > kParallelThreshold) schedule(static)
    for (int64_t pl = 0; pl < planes; ++pl) {
      T* dst = xp + pl * hw;
      std::fill(dst, dst + hw, T(0));
      for (int64_t oy = 0; oy < g.out_h; ++oy)
        for (int64_t ox = 0; ox < g.out_w; ++ox) {
          Window win(g, oy, ox);
          const T v = yp[pl * ohw + oy * g.out_w + ox] * s;
          for (int64_t iy = win.y0; iy < win.y1; ++iy)
            for (int64_t ix = win.x0; ix < win.x1; ++ix) dst[iy * g.w + ix] += v;
        }
    }
  });
}

KUSARI_REGISTER_KERNEL("max_pool_2d", DeviceType::CPU, max_pool);
KUSARI_REGISTER_KERNEL("pool_gather_2d", DeviceType::CPU, pool_gather);
KUSARI_REGISTER_KERNEL("pool_scatter_2d", DeviceType::CPU, pool_scatter);
KUSARI_REGISTER_KERNEL("window_sum_2d", DeviceType::CPU, window_sum);
KUSARI_REGISTER_KERNEL("window_spread_2d", DeviceType::CPU, window_spread);

}  // namespace
}  // namespace kusari::cpu

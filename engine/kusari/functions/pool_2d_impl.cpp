#include "kusari/functions/pool_2d_impl.h"

#include "kusari/autograd/apply.h"
#include "kusari/core/kernel_registry.h"

namespace kusari::pool_detail {
namespace {

int64_t floor_div(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

Tensor image(const Variable& like, int64_t h, int64_t w) {
  return Tensor({like.shape()[0], like.shape()[1], h, w}, like.dtype(), like.data().device());
}

}  // namespace

int64_t pool_outsize(int64_t in, int64_t k, int64_t s, int64_t p, bool cover_all) {
  return floor_div(in + 2 * p - k + (cover_all ? s - 1 : 0), s) + 1;
}

int64_t unpool_outsize(int64_t in, int64_t k, int64_t s, int64_t p, bool cover_all) {
  return s * (in - 1) + k - 2 * p - (cover_all ? s - 1 : 0);
}

void check_input(std::string_view op, const Variable& x, const Pool2dParams& p) {
  if (x.ndim() != 4) throw_op_error(op, {x}, "x must be 4-D (N, C, H, W), got " + shape_to_string(x.shape()));
  if (!is_floating(x.dtype())) throw DtypeError(std::string(op) + ": x must be floating, got " + x.describe());
  if (p.kh < 1 || p.kw < 1 || p.sy < 1 || p.sx < 1 || p.ph < 0 || p.pw < 0)
    throw ValueError(std::string(op) + ": kernel (" + std::to_string(p.kh) + ", " + std::to_string(p.kw) +
                     ") and stride (" + std::to_string(p.sy) + ", " + std::to_string(p.sx) +
                     ") must be >= 1 and pad (" + std::to_string(p.ph) + ", " + std::to_string(p.pw) + ") >= 0");
}

Pool2dGeometry geometry(std::string_view op, const Variable& x, int64_t h, int64_t w, int64_t out_h, int64_t out_w,
                        const Pool2dParams& p) {
  if (h <= 0 || w <= 0 || out_h <= 0 || out_w <= 0)
    throw_op_error(op, {x}, "window grid (" + std::to_string(out_h) + ", " + std::to_string(out_w) +
                                ") over image (" + std::to_string(h) + ", " + std::to_string(w) +
                                ") is empty for kernel (" + std::to_string(p.kh) + ", " + std::to_string(p.kw) + ")");
  return Pool2dGeometry{h, w, out_h, out_w, p.kh, p.kw, p.sy, p.sx, p.ph, p.pw};
}

Variable window_sum_2d(const Variable& x, const Pool2dGeometry& g, double scale, PairNames names) {
  FunctionScope fn(names.self, {x});
  Tensor y = image(x, g.out_h, g.out_w);
  kernel<WindowSum2dKernel>("window_sum_2d", y.device())(x.data().contiguous(), y, g, scale);
  return fn.finish(y, [g, scale, names](const BackwardContext& c) {
    return Grads{window_spread_2d(c.grad_output(0), g, scale, names.swapped())};
  });
}

Variable window_spread_2d(const Variable& y, const Pool2dGeometry& g, double scale, PairNames names) {
  FunctionScope fn(names.self, {y});
  Tensor x = image(y, g.h, g.w);
  kernel<WindowSpread2dKernel>("window_spread_2d", x.device())(y.data().contiguous(), x, g, scale);
  return fn.finish(x, [g, scale, names](const BackwardContext& c) {
    return Grads{window_sum_2d(c.grad_output(0), g, scale, names.swapped())};
  });
}

Variable window_gather_2d(const Variable& x, const Tensor& indexes, const Pool2dGeometry& g, PairNames names) {
  FunctionScope fn(names.self, {x});
  Tensor y = image(x, g.out_h, g.out_w);
  kernel<PoolGather2dKernel>("pool_gather_2d", y.device())(x.data().contiguous(), indexes, y, g);
  return fn.finish(y, [indexes, g, names](const BackwardContext& c) {
    return Grads{window_scatter_2d(c.grad_output(0), indexes, g, names.swapped())};
  });
}

Variable window_scatter_2d(const Variable& y, const Tensor& indexes, const Pool2dGeometry& g, PairNames names) {
  FunctionScope fn(names.self, {y});
  Tensor x = image(y, g.h, g.w);
  kernel<PoolScatter2dKernel>("pool_scatter_2d", x.device())(y.data().contiguous(), indexes, x, g);
  return fn.finish(x, [indexes, g, names](const BackwardContext& c) {
    return Grads{window_gather_2d(c.grad_output(0), indexes, g, names.swapped())};
  });
}

}  // namespace kusari::pool_detail

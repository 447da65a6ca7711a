// Max pooling and its inverse-shaped partner upsampling_2d. The gradient of max pooling is a
// scatter to the argmax cells, and the gradient of that scatter is the gather at the same
// cells, so every order of derivative reuses the forward's indexes.
#include "kusari/autograd/apply.h"
#include "kusari/core/kernel_registry.h"
#include "kusari/functions/pool_2d_impl.h"

namespace kusari {

using pool_detail::PairNames;

std::pair<Variable, Tensor> max_pooling_2d_with_indexes(const Variable& x, const Pool2dParams& p) {
  constexpr std::string_view op = "max_pooling_2d";
  FunctionScope fn(op, {x});
  pool_detail::check_input(op, x, p);
  const int64_t h = x.shape()[2], w = x.shape()[3];
  Pool2dGeometry g = pool_detail::geometry(op, x, h, w, pool_detail::pool_outsize(h, p.kh, p.sy, p.ph, p.cover_all),
                                           pool_detail::pool_outsize(w, p.kw, p.sx, p.pw, p.cover_all), p);
  Shape y_shape{x.shape()[0], x.shape()[1], g.out_h, g.out_w};
  Tensor y(y_shape, x.dtype(), x.data().device());
  Tensor indexes(y_shape, Dtype::Int64, x.data().device());
  kernel<MaxPool2dKernel>("max_pool_2d", y.device())(x.data().contiguous(), y, indexes, g);
  Variable out = fn.finish(y, [indexes, g](const BackwardContext& c) {
    return Grads{pool_detail::window_scatter_2d(c.grad_output(0), indexes, g,
                                                PairNames{"max_pooling_2d_grad", "max_pooling_2d"})};
  });
  return {out, indexes};
}

Variable max_pooling_2d(const Variable& x, const Pool2dParams& p) { return max_pooling_2d_with_indexes(x, p).first; }

Variable upsampling_2d(const Variable& x, const Tensor& indexes, const Pool2dParams& p, int64_t out_h, int64_t out_w) {
  constexpr std::string_view op = "upsampling_2d";
  pool_detail::check_input(op, x, p);
  if (indexes.shape() != x.shape())
    throw_op_error(op, {x}, "indexes " + shape_to_string(indexes.shape()) + " must have x's shape " +
                                shape_to_string(x.shape()));
  if (indexes.dtype() != Dtype::Int32 && indexes.dtype() != Dtype::Int64)
    throw DtypeError("upsampling_2d: indexes must be int32 or int64, got " + indexes.describe());
  const int64_t h = x.shape()[2], w = x.shape()[3];
  if (out_h <= 0) out_h = pool_detail::unpool_outsize(h, p.kh, p.sy, p.ph, p.cover_all);
  if (out_w <= 0) out_w = pool_detail::unpool_outsize(w, p.kw, p.sx, p.pw, p.cover_all);
  // x must be what max pooling of an (out_h, out_w) image with p would produce.
  if (pool_detail::pool_outsize(out_h, p.kh, p.sy, p.ph, p.cover_all) != h ||
      pool_detail::pool_outsize(out_w, p.kw, p.sx, p.pw, p.cover_all) != w)
    throw_op_error(op, {x}, "output size (" + std::to_string(out_h) + ", " + std::to_string(out_w) +
                                ") does not pool back to x " + shape_to_string(x.shape()));
  Pool2dGeometry g = pool_detail::geometry(op, x, out_h, out_w, h, w, p);
  Tensor idx = indexes.astype(Dtype::Int64).contiguous();
  return pool_detail::window_scatter_2d(x, idx, g, PairNames{"upsampling_2d", "upsampling_2d_grad"});
}

}  // namespace kusari

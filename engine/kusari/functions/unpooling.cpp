// unpooling_2d (Chainer's): every input value is added to each cell of its kernel window in
// the output, the adjoint of a window sum; so its gradient is a window sum of gy.
#include "kusari/autograd/apply.h"
#include "kusari/functions/pool_2d_impl.h"

namespace kusari {

Variable unpooling_2d(const Variable& x, const Pool2dParams& p, int64_t out_h, int64_t out_w) {
  constexpr std::string_view op = "unpooling_2d";
  pool_detail::check_input(op, x, p);
  const int64_t h = x.shape()[2], w = x.shape()[3];
  if (out_h <= 0) out_h = pool_detail::unpool_outsize(h, p.kh, p.sy, p.ph, p.cover_all);
  if (out_w <= 0) out_w = pool_detail::unpool_outsize(w, p.kw, p.sx, p.pw, p.cover_all);
  if (pool_detail::pool_outsize(out_h, p.kh, p.sy, p.ph, p.cover_all) != h ||
      pool_detail::pool_outsize(out_w, p.kw, p.sx, p.pw, p.cover_all) != w)
    throw_op_error(op, {x}, "output size (" + std::to_string(out_h) + ", " + std::to_string(out_w) +
                                ") does not pool back to x " + shape_to_string(x.shape()));
  Pool2dGeometry g = pool_detail::geometry(op, x, out_h, out_w, h, w, p);
  return pool_detail::window_spread_2d(x, g, 1.0, pool_detail::PairNames{op, "unpooling_2d_grad"});
}

}  // namespace kusari

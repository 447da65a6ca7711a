// Average pooling: a scaled window sum; its gradient spreads gy / (kh * kw) over each window.
#include "kusari/functions/pool_2d_impl.h"

namespace kusari {

// Like Chainer's average_pooling_2d: padding counts as zeros in every window (the divisor is
// always kh * kw) and windows never go past the padded edge (p.cover_all is not used).
Variable average_pooling_2d(const Variable& x, const Pool2dParams& p) {
  constexpr std::string_view op = "average_pooling_2d";
  pool_detail::check_input(op, x, p);
  const int64_t h = x.shape()[2], w = x.shape()[3];
  Pool2dGeometry g = pool_detail::geometry(op, x, h, w, pool_detail::pool_outsize(h, p.kh, p.sy, p.ph, false),
                                           pool_detail::pool_outsize(w, p.kw, p.sx, p.pw, false), p);
  return pool_detail::window_sum_2d(x, g, 1.0 / static_cast<double>(p.kh * p.kw),
                                    pool_detail::PairNames{op, "average_pooling_2d_grad"});
}

}  // namespace kusari

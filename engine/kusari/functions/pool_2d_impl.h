// Internal to the pooling family: output sizes, argument checks and the two pairs of mutually
// adjoint window operations every pooling function and its gradients are made of.
#pragma once
#include <string_view>

#include "kusari/functions/pool_kernels.h"
#include "kusari/functions/pooling.h"

namespace kusari::pool_detail {

// Chainer's get_conv_outsize / get_deconv_outsize with cover_all.
int64_t pool_outsize(int64_t in, int64_t k, int64_t s, int64_t p, bool cover_all);
int64_t unpool_outsize(int64_t in, int64_t k, int64_t s, int64_t p, bool cover_all);

// x 4-D floating, kernel and stride >= 1, pad >= 0; throws naming op and x's shape.
void check_input(std::string_view op, const Variable& x, const Pool2dParams& p);
// Windows of p over an (h, w) image forming an out_h x out_w grid; out sizes must be positive.
Pool2dGeometry geometry(std::string_view op, const Variable& x, int64_t h, int64_t w, int64_t out_h, int64_t out_w,
                        const Pool2dParams& p);

// The node names of an adjoint pair: `self` names the function applied, `adjoint` its gradient.
struct PairNames {
  std::string_view self, adjoint;
  PairNames swapped() const { return {adjoint, self}; }
};

// (N, C, h, w) -> (N, C, out_h, out_w): scale * sum over each window.
Variable window_sum_2d(const Variable& x, const Pool2dGeometry& g, double scale, PairNames names);
// (N, C, out_h, out_w) -> (N, C, h, w): adds scale * each value to every cell of its window.
Variable window_spread_2d(const Variable& y, const Pool2dGeometry& g, double scale, PairNames names);
// (N, C, h, w) -> (N, C, out_h, out_w): the cell of each window named by indexes.
Variable window_gather_2d(const Variable& x, const Tensor& indexes, const Pool2dGeometry& g, PairNames names);
// (N, C, out_h, out_w) -> (N, C, h, w): adds each value at the cell its index names.
Variable window_scatter_2d(const Variable& y, const Tensor& indexes, const Pool2dGeometry& g, PairNames names);

}  // namespace kusari::pool_detail

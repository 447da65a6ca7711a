// Pooling family on (N, C, H, W) inputs.
#pragma once
#include "kusari/autograd/variable.h"

namespace kusari {

struct Pool2dParams {
  int64_t kh = 2, kw = 2;
  int64_t sy = 2, sx = 2;  // stride (Chainer defaults stride to the kernel size)
  int64_t ph = 0, pw = 0;
  bool cover_all = true;   // Chainer's default for max_pooling_2d
};
Variable max_pooling_2d(const Variable& x, const Pool2dParams& p);
// Padding counts as zeros and p.cover_all is not used (both as in Chainer).
Variable average_pooling_2d(const Variable& x, const Pool2dParams& p);
// Places each input value in every cell of its kernel window (Chainer's unpooling_2d).
Variable unpooling_2d(const Variable& x, const Pool2dParams& p, int64_t out_h = 0, int64_t out_w = 0);
// Adds each value at the argmax cell of a matching max pooling (indexes from the forward); out 0 infers.
Variable upsampling_2d(const Variable& x, const Tensor& indexes, const Pool2dParams& p, int64_t out_h, int64_t out_w);
// Max pooling that also returns the flat in-window argmax (int64, same shape as the output).
std::pair<Variable, Tensor> max_pooling_2d_with_indexes(const Variable& x, const Pool2dParams& p);

}  // namespace kusari

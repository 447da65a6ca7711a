// Connection family: linear maps, convolutions and embeddings.
#pragma once
#include <optional>

#include "kusari/autograd/variable.h"

namespace kusari {

// y = x W^T + b; x is (N, ...) flattened from axis n_batch_axes; W (out, in); b (out,) or undefined.
Variable linear(const Variable& x, const Variable& W, const Variable& b = {}, int64_t n_batch_axes = 1);

struct Conv2dParams {
  int64_t stride_y = 1, stride_x = 1;
  int64_t pad_y = 0, pad_x = 0;
  int64_t dilate_y = 1, dilate_x = 1;
  int64_t groups = 1;
};
// x (N, C, H, W), W (out_c, C / groups, kh, kw), b (out_c,) optional.
Variable convolution_2d(const Variable& x, const Variable& W, const Variable& b = {}, const Conv2dParams& p = {});
// x (N, C, H, W), W (C, out_c / groups, kh, kw); outsize (out_h, out_w) or 0 to infer.
Variable deconvolution_2d(const Variable& x, const Variable& W, const Variable& b = {}, const Conv2dParams& p = {},
                          int64_t out_h = 0, int64_t out_w = 0);
// ids int (any shape), W (vocab, dim); y has shape ids.shape + (dim,); ignore_label rows are zero.
Variable embed_id(const Tensor& ids, const Variable& W, std::optional<int64_t> ignore_label = std::nullopt);

}  // namespace kusari

// Convolution2D: 2-D convolution with W (out_channels, in_channels / groups, kh, kw) and bias
// (Chainer's L.Convolution2D). in_channels may be left out and is taken from the first input.
#pragma once
#include <optional>

#include "kusari/functions/connection.h"
#include "kusari/links/link.h"

namespace kusari {

struct Convolution2DOptions {
  int64_t ksize_h = 3, ksize_w = 3;
  Conv2dParams conv = {};  // stride, pad, dilation, groups
  bool nobias = false;
  initializers::InitializerPtr initialW = nullptr;      // null: LeCunNormal
  initializers::InitializerPtr initial_bias = nullptr;  // null: zeros
  Dtype dtype = Dtype::Float32;
};

class Convolution2D : public Link {
 public:
  Convolution2D(std::optional<int64_t> in_channels, int64_t out_channels, const Convolution2DOptions& options = {});
  Variable forward(const Variable& x) override;

  Parameter W, b;

 private:
  void initialize_W(int64_t in_channels);
  int64_t out_channels_;
  Convolution2DOptions options_;
};

}  // namespace kusari

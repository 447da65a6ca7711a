// Deconvolution2D: the transpose of Convolution2D, W (in_channels, out_channels / groups, kh, kw)
// (Chainer's L.Deconvolution2D). in_channels may be left out; outsize 0 means inferred.
#pragma once
#include <optional>

#include "kusari/functions/connection.h"
#include "kusari/links/link.h"

namespace kusari {

struct Deconvolution2DOptions {
  int64_t ksize_h = 3, ksize_w = 3;
  Conv2dParams conv = {};
  int64_t out_h = 0, out_w = 0;
  bool nobias = false;
  initializers::InitializerPtr initialW = nullptr;      // null: LeCunNormal
  initializers::InitializerPtr initial_bias = nullptr;  // null: zeros
  Dtype dtype = Dtype::Float32;
};

class Deconvolution2D : public Link {
 public:
  Deconvolution2D(std::optional<int64_t> in_channels, int64_t out_channels, const Deconvolution2DOptions& options = {});
  Variable forward(const Variable& x) override;

  Parameter W, b;

 private:
  void initialize_W(int64_t in_channels);
  int64_t out_channels_;
  Deconvolution2DOptions options_;
};

}  // namespace kusari

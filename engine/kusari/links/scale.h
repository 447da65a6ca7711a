// Scale: y = x * W (+ b), W broadcast along x's axes [axis, axis + W.ndim) (Chainer's L.Scale).
// With bias_term the bias is a child Bias link "bias" (file keys "W", "bias/b").
#pragma once
#include <optional>

#include "kusari/links/bias.h"
#include "kusari/links/chain.h"

namespace kusari {

struct ScaleOptions {
  int64_t axis = 1;
  initializers::InitializerPtr initialW = nullptr;  // null: ones
  bool bias_term = false;
  std::optional<Shape> bias_shape = std::nullopt;  // default: W's shape
  Dtype dtype = Dtype::Float32;
};

class Scale : public Chain {
 public:
  explicit Scale(const Shape& W_shape, const ScaleOptions& options = {});
  Variable forward(const Variable& x) override;

  Parameter W;
  std::shared_ptr<Bias> bias;  // null without bias_term

 private:
  int64_t axis_;
};

}  // namespace kusari

// LayerNormalization over the last axis of a 2-D input with learned gamma and beta
// (Chainer's L.LayerNormalization; eps 1e-6). size absent: taken from the first input.
#pragma once
#include <optional>

#include "kusari/links/link.h"

namespace kusari {

struct LayerNormalizationOptions {
  double eps = 1e-6;
  initializers::InitializerPtr initial_gamma = nullptr;  // null: ones
  initializers::InitializerPtr initial_beta = nullptr;   // null: zeros
  Dtype dtype = Dtype::Float32;
};

class LayerNormalization : public Link {
 public:
  explicit LayerNormalization(std::optional<int64_t> size = std::nullopt, const LayerNormalizationOptions& options = {});
  Variable forward(const Variable& x) override;

  Parameter gamma, beta;

 private:
  double eps_;
};

}  // namespace kusari

// GroupNormalization: channels (axis 1) split into groups, each normalized over its channels
// and the spatial axes, then gamma and beta per channel (Chainer's L.GroupNormalization).
#pragma once
#include <optional>

#include "kusari/links/link.h"

namespace kusari {

struct GroupNormalizationOptions {
  double eps = 1e-5;
  initializers::InitializerPtr initial_gamma = nullptr;  // null: ones
  initializers::InitializerPtr initial_beta = nullptr;   // null: zeros
  Dtype dtype = Dtype::Float32;
};

class GroupNormalization : public Link {
 public:
  explicit GroupNormalization(int64_t groups, std::optional<int64_t> size = std::nullopt,
                              const GroupNormalizationOptions& options = {});
  Variable forward(const Variable& x) override;

  Parameter gamma, beta;

 private:
  int64_t groups_;
  double eps_;
};

}  // namespace kusari

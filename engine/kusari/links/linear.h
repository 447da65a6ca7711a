// Linear: y = x W^T + b with x flattened to (N, in_size) (Chainer's L.Linear). in_size may be
// left out; W is then created on the first forward from x's size.
#pragma once
#include <optional>

#include "kusari/links/link.h"

namespace kusari {

struct LinearOptions {
  bool nobias = false;
  initializers::InitializerPtr initialW = nullptr;      // null: LeCunNormal
  initializers::InitializerPtr initial_bias = nullptr;  // null: zeros
  int64_t n_batch_axes = 1;
  Dtype dtype = Dtype::Float32;
};

class Linear : public Link {
 public:
  Linear(std::optional<int64_t> in_size, int64_t out_size, const LinearOptions& options = {});
  explicit Linear(int64_t out_size, const LinearOptions& options = {}) : Linear(std::nullopt, out_size, options) {}
  Variable forward(const Variable& x) override;
  int64_t out_size() const { return out_size_; }

  Parameter W, b;  // b is undefined with nobias

 private:
  int64_t out_size_;
  int64_t n_batch_axes_;
};

}  // namespace kusari

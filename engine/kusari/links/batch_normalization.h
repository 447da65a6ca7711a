// BatchNormalization (Chainer's L.BatchNormalization): normalizes over every axis but the
// channel axis 1 with learned gamma and beta. In training (config().train) it uses the batch
// statistics and updates the running averages avg_mean and avg_var (persistents, file keys
// "avg_mean", "avg_var", "N"); otherwise it uses the running averages. With finetune the
// running averages become exact means over the N batches seen (decay = 1 - 1/N).
#pragma once
#include <optional>

#include "kusari/links/link.h"

namespace kusari {

struct BatchNormalizationOptions {
  double decay = 0.9;
  double eps = 2e-5;
  bool use_gamma = true, use_beta = true;
  initializers::InitializerPtr initial_gamma = nullptr;  // null: ones
  initializers::InitializerPtr initial_beta = nullptr;   // null: zeros
  Dtype dtype = Dtype::Float32;
};

class BatchNormalization : public Link {
 public:
  // size: the number of channels; absent, it is taken from the first input's axis 1.
  explicit BatchNormalization(std::optional<int64_t> size, const BatchNormalizationOptions& options = {});
  Variable forward(const Variable& x) override { return forward(x, false); }
  Variable forward(const Variable& x, bool finetune);
  Variable operator()(const Variable& x, bool finetune = false);
  void start_finetuning() { N = 0; }

  Parameter gamma, beta;  // not registered (never initialized) without use_gamma / use_beta
  Tensor avg_mean, avg_var;
  double N = 0;

 private:
  void initialize(int64_t size);
  BatchNormalizationOptions options_;
};

}  // namespace kusari

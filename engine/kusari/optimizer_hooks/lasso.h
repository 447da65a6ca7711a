// Lasso(rate): adds rate * sign(p) to each gradient before the update (L1 regularization).
#pragma once
#include "kusari/optimizers/optimizer_hook.h"

namespace kusari {

class Lasso : public OptimizerHook {
 public:
  explicit Lasso(double rate) : rate_(rate) {}
  void operator()(Optimizer& optimizer) override;
  std::string name() const override { return "Lasso"; }

 private:
  double rate_;
};

}  // namespace kusari

// WeightDecay(rate): adds rate * p to each gradient before the update (L2 regularization).
#pragma once
#include "kusari/optimizers/optimizer_hook.h"

namespace kusari {

class WeightDecay : public OptimizerHook {
 public:
  explicit WeightDecay(double rate) : rate_(rate) {}
  void operator()(Optimizer& optimizer) override;
  std::string name() const override { return "WeightDecay"; }
  double rate() const { return rate_; }

 private:
  double rate_;
};

}  // namespace kusari

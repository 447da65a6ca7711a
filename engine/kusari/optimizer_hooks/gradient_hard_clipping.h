// GradientHardClipping(lower, upper): clips every gradient element into [lower, upper].
#pragma once
#include "kusari/optimizers/optimizer_hook.h"

namespace kusari {

class GradientHardClipping : public OptimizerHook {
 public:
  GradientHardClipping(double lower, double upper);
  void operator()(Optimizer& optimizer) override;
  std::string name() const override { return "GradientHardClipping"; }

 private:
  double lower_, upper_;
};

}  // namespace kusari

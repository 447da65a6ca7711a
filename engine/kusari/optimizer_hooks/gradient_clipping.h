// GradientClipping(threshold): when the L2 norm of all gradients together exceeds threshold,
// scales every gradient by threshold / norm (Chainer's GradientClipping).
#pragma once
#include "kusari/optimizers/optimizer_hook.h"

namespace kusari {

class GradientClipping : public OptimizerHook {
 public:
  explicit GradientClipping(double threshold) : threshold_(threshold) {}
  void operator()(Optimizer& optimizer) override;
  std::string name() const override { return "GradientClipping"; }

 private:
  double threshold_;
};

}  // namespace kusari

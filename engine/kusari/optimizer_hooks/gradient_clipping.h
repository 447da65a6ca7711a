// GradientClipping(threshold): when the L2 norm of all gradients together exceeds threshold,
// scales every gradient by threshold / norm (Chainer's GradientClipping). Unlike Chainer,
// parameters with updates disabled count neither in the norm nor in the scaling: frozen
// layers should not shrink the steps of the others.
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

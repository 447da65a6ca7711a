// Classical momentum: v = momentum * v - lr * g; p += v.
#pragma once
#include "kusari/optimizers/optimizer.h"

namespace kusari {

struct MomentumSGDHyperparameter {
  double lr = 0.01;
  double momentum = 0.9;
};

class MomentumSGDRule : public HyperparameterRule<MomentumSGDHyperparameter> {
 public:
  using HyperparameterRule::HyperparameterRule;

 protected:
  std::vector<std::string> state_names() const override { return {"v"}; }
  void update_core(Tensor& param, const Tensor& grad) override;
};

class MomentumSGD : public GradientMethod<MomentumSGDHyperparameter, MomentumSGDRule> {
 public:
  explicit MomentumSGD(const MomentumSGDHyperparameter& hp = {}) : GradientMethod(hp) {}
};

}  // namespace kusari

// AdaDelta (Zeiler): no learning rate; msg and msdx are running means of g^2 and dx^2.
#pragma once
#include "kusari/optimizers/optimizer.h"

namespace kusari {

struct AdaDeltaHyperparameter {
  double rho = 0.95;
  double eps = 1e-6;
};

class AdaDeltaRule : public HyperparameterRule<AdaDeltaHyperparameter> {
 public:
  using HyperparameterRule::HyperparameterRule;

 protected:
  std::vector<std::string> state_names() const override { return {"msg", "msdx"}; }
  void update_core(Tensor& param, const Tensor& grad) override;
};

class AdaDelta : public GradientMethod<AdaDeltaHyperparameter, AdaDeltaRule> {
 public:
  explicit AdaDelta(const AdaDeltaHyperparameter& hp = {}) : GradientMethod(hp) {}
};

}  // namespace kusari

// AdaGrad: h += g^2; p -= lr * g / (sqrt(h) + eps).
#pragma once
#include "kusari/optimizers/optimizer.h"

namespace kusari {

struct AdaGradHyperparameter {
  double lr = 0.001;
  double eps = 1e-8;
};

class AdaGradRule : public HyperparameterRule<AdaGradHyperparameter> {
 public:
  using HyperparameterRule::HyperparameterRule;

 protected:
  std::vector<std::string> state_names() const override { return {"h"}; }
  void update_core(Tensor& param, const Tensor& grad) override;
};

class AdaGrad : public GradientMethod<AdaGradHyperparameter, AdaGradRule> {
 public:
  explicit AdaGrad(const AdaGradHyperparameter& hp = {}) : GradientMethod(hp) {}
};

}  // namespace kusari

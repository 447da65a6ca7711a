// RMSprop: ms = alpha * ms + (1 - alpha) * g^2; p -= lr * g / (sqrt(ms) + eps)
// (sqrt(ms + eps) when eps_inside_sqrt).
#pragma once
#include "kusari/optimizers/optimizer.h"

namespace kusari {

struct RMSpropHyperparameter {
  double lr = 0.01;
  double alpha = 0.99;
  double eps = 1e-8;
  bool eps_inside_sqrt = false;
};

class RMSpropRule : public HyperparameterRule<RMSpropHyperparameter> {
 public:
  using HyperparameterRule::HyperparameterRule;

 protected:
  std::vector<std::string> state_names() const override { return {"ms"}; }
  void update_core(Tensor& param, const Tensor& grad) override;
};

class RMSprop : public GradientMethod<RMSpropHyperparameter, RMSpropRule> {
 public:
  explicit RMSprop(const RMSpropHyperparameter& hp = {}) : GradientMethod(hp) {}
};

}  // namespace kusari

// Plain stochastic gradient descent: p -= lr * g.
#pragma once
#include "kusari/optimizers/optimizer.h"

namespace kusari {

struct SGDHyperparameter {
  double lr = 0.01;
};

class SGDRule : public HyperparameterRule<SGDHyperparameter> {
 public:
  using HyperparameterRule::HyperparameterRule;

 protected:
  std::vector<std::string> state_names() const override { return {}; }
  void update_core(Tensor& param, const Tensor& grad) override;
};

class SGD : public GradientMethod<SGDHyperparameter, SGDRule> {
 public:
  explicit SGD(const SGDHyperparameter& hp = {}) : GradientMethod(hp) {}
};

}  // namespace kusari

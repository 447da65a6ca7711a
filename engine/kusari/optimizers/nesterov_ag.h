// Nesterov's accelerated gradient in Chainer's form:
// v = momentum * v - lr * g; p += momentum^2 * v - (1 + momentum) * lr * g.
#pragma once
#include "kusari/optimizers/optimizer.h"

namespace kusari {

struct NesterovAGHyperparameter {
  double lr = 0.01;
  double momentum = 0.9;
};

class NesterovAGRule : public HyperparameterRule<NesterovAGHyperparameter> {
 public:
  using HyperparameterRule::HyperparameterRule;

 protected:
  std::vector<std::string> state_names() const override { return {"v"}; }
  void update_core(Tensor& param, const Tensor& grad) override;
};

class NesterovAG : public GradientMethod<NesterovAGHyperparameter, NesterovAGRule> {
 public:
  explicit NesterovAG(const NesterovAGHyperparameter& hp = {}) : GradientMethod(hp) {}
};

}  // namespace kusari

// Adam (Kingma & Ba) in Chainer's form, with AMSGrad and decoupled weight decay:
//   m += (1 - beta1)(g - m);  v += (1 - beta2)(g^2 - v);  vhat = amsgrad ? max(vhat, v) : v
//   p -= eta * (alpha_t * m / (sqrt(vhat) + eps) + weight_decay_rate * p)
// where alpha_t = alpha * sqrt(1 - beta2^t) / (1 - beta1^t) is the bias-corrected step size
// with t the rule's step count (Chainer's Adam.lr). AdamW is Adam whose point is
// weight_decay_rate (Loshchilov & Hutter); like Chainer it defaults to 0.
#pragma once
#include "kusari/optimizers/optimizer.h"

namespace kusari {

struct AdamHyperparameter {
  double alpha = 0.001;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double eta = 1.0;
  double weight_decay_rate = 0;
  bool amsgrad = false;
};

// alpha * sqrt(1 - beta2^t) / (1 - beta1^t); throws ValueError for t == 0.
double adam_alpha_t(const AdamHyperparameter& hp, int64_t t);

class AdamRule : public HyperparameterRule<AdamHyperparameter> {
 public:
  using HyperparameterRule::HyperparameterRule;
  double alpha_t() const { return adam_alpha_t(*hp_, t); }

 protected:
  std::vector<std::string> state_names() const override;
  void update_core(Tensor& param, const Tensor& grad) override;
};

class Adam : public GradientMethod<AdamHyperparameter, AdamRule> {
 public:
  explicit Adam(const AdamHyperparameter& hp = {}) : GradientMethod(hp) {}
  double lr() const { return adam_alpha_t(*hp_, t); }  // Chainer's Adam.lr / alpha_t
};

class AdamW : public Adam {
 public:
  explicit AdamW(const AdamHyperparameter& hp = {}) : Adam(hp) {}
};

}  // namespace kusari

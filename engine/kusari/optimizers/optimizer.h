// Optimizer: updates a link's parameters from their gradients (Chainer's
// chainer.Optimizer / GradientMethod). setup() gives every parameter an UpdateRule made by
// the concrete optimizer; update() runs the Pre hooks, counts the step t, updates each
// parameter through its rule and runs the Post hooks.
//
//   Adam opt({.alpha = 1e-3});
//   opt.setup(model);
//   opt.add_hook(std::make_shared<WeightDecay>(1e-4));
//   opt.update([&] { return model(x, t); });  // cleargrads, forward, backward, update
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "kusari/links/link.h"
#include "kusari/optimizers/optimizer_hook.h"
#include "kusari/optimizers/update_rule.h"

namespace kusari {

class Optimizer {
 public:
  virtual ~Optimizer() = default;

  // Attaches to `link` (which must outlive the optimizer's use) and gives each of its
  // parameters a fresh update rule.
  Optimizer& setup(Link& link);
  Link* target() const { return target_; }

  // Updates with the gradients already computed.
  void update();
  // Clears the gradients, computes lossfun(), backpropagates it, then updates.
  void update(const std::function<Variable()>& lossfun);

  void add_hook(std::shared_ptr<OptimizerHook> hook, const std::string& name = "");
  void remove_hook(const std::string& name);
  void call_hooks(OptimizerHook::Timing timing);

  void new_epoch() { ++epoch; }

  // "t", "epoch", then each parameter's rule under its path ("l1/W/t", "l1/W/m", ...).
  // Callers choose the prefix, e.g. serializer.child("optimizer").
  virtual void serialize(Serializer& serializer);

  int64_t t = 0;
  int64_t epoch = 0;

 protected:
  virtual std::shared_ptr<UpdateRule> create_update_rule() const = 0;

 private:
  void require_target(const char* what) const;

  Link* target_ = nullptr;
  std::vector<std::pair<std::string, std::shared_ptr<OptimizerHook>>> hooks_;
};

// Optimizers whose rules share one hyperparameter struct: changing hyperparam().lr between
// steps changes every rule, as with Chainer's optimizer.lr. A rule may take its own copy.
template <typename Hyperparameter, typename Rule>
class GradientMethod : public Optimizer {
 public:
  explicit GradientMethod(const Hyperparameter& hp) : hp_(std::make_shared<Hyperparameter>(hp)) {}
  Hyperparameter& hyperparam() { return *hp_; }
  const Hyperparameter& hyperparam() const { return *hp_; }

 protected:
  std::shared_ptr<UpdateRule> create_update_rule() const override { return std::make_shared<Rule>(hp_); }
  std::shared_ptr<Hyperparameter> hp_;
};

// Base of the concrete rules: holds the (shared) hyperparameters.
template <typename Hyperparameter>
class HyperparameterRule : public UpdateRule {
 public:
  explicit HyperparameterRule(std::shared_ptr<Hyperparameter> hp) : hp_(std::move(hp)) {}
  const Hyperparameter& hyperparam() const { return *hp_; }
  // Detaches this rule from the optimizer's shared values (a per-parameter learning rate).
  Hyperparameter& own_hyperparam() {
    hp_ = std::make_shared<Hyperparameter>(*hp_);
    return *hp_;
  }

 protected:
  std::shared_ptr<Hyperparameter> hp_;
};

}  // namespace kusari

// UpdateRule: how one parameter is updated, with that parameter's optimizer state
// (Chainer's chainer.UpdateRule). The Optimizer creates one per parameter at setup.
//
// update(param): skips a disabled parameter, counts the step (t += 1), skips a parameter with
// no data or no gradient, allocates the state on first use, runs the rule's pre-update hooks,
// then update_core. State tensors have the parameter's shape and dtype and are contiguous.
#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "kusari/core/tensor.h"
#include "kusari/links/parameter.h"
#include "kusari/serializers/serializer.h"

namespace kusari {

class UpdateRule {
 public:
  using Hook = std::function<void(UpdateRule&, Parameter&)>;

  virtual ~UpdateRule() = default;

  void update(Parameter& param);
  // "t" and each state tensor under its name ("m", "v"); a loader fills state not yet allocated.
  void serialize(Serializer& serializer);
  void add_hook(Hook hook, const std::string& name);
  void remove_hook(const std::string& name);

  bool has_state(const std::string& name) const;
  Tensor& state(const std::string& name);  // throws IndexError when absent
  bool state_initialized() const { return state_initialized_; }

  int64_t t = 0;
  bool enabled = true;

 protected:
  // Names of the state tensors this rule keeps, each allocated as zeros like the parameter.
  virtual std::vector<std::string> state_names() const { return {}; }
  // Applies one step; `grad` is contiguous, of the parameter's dtype and safe to modify.
  virtual void update_core(Tensor& param, const Tensor& grad) = 0;

 private:
  void init_state(const Tensor& param);

  std::vector<std::pair<std::string, Tensor>> state_;
  bool state_initialized_ = false;
  std::vector<std::pair<std::string, Hook>> hooks_;
};

// The gradient of `param` as a contiguous tensor of its dtype that no one else shares, so
// hooks and rules may change it in place; it becomes the parameter's grad. Undefined when the
// parameter has no gradient.
Tensor exclusive_grad(Parameter& param);

}  // namespace kusari

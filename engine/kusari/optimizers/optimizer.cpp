#include "kusari/optimizers/optimizer.h"

#include <algorithm>

namespace kusari {

Optimizer& Optimizer::setup(Link& link) {
  target_ = &link;
  t = 0;
  epoch = 0;
  for (Parameter& p : link.params()) p.set_update_rule(create_update_rule());
  return *this;
}

void Optimizer::require_target(const char* what) const {
  if (!target_) throw ValueError(std::string("Optimizer.") + what + ": call setup(link) first");
}

void Optimizer::update() {
  require_target("update");
  call_hooks(OptimizerHook::Timing::Pre);
  ++t;
  for (Parameter& p : target_->params()) {
    // A parameter added to the link after setup gets its rule on first use.
    if (!p.update_rule()) p.set_update_rule(create_update_rule());
    p.update();
  }
  call_hooks(OptimizerHook::Timing::Post);
}

void Optimizer::update(const std::function<Variable()>& lossfun) {
  require_target("update");
  target_->cleargrads();
  Variable loss = lossfun();
  loss.backward();
  loss.unchain_backward();  // frees the graph before the update touches the parameters
  update();
}

void Optimizer::add_hook(std::shared_ptr<OptimizerHook> hook, const std::string& name) {
  if (!hook) throw ValueError("Optimizer.add_hook: null hook");
  std::string n = name.empty() ? hook->name() : name;
  if (std::any_of(hooks_.begin(), hooks_.end(), [&](const auto& e) { return e.first == n; }))
    throw ValueError("Optimizer.add_hook: a hook named '" + n + "' already exists");
  hooks_.emplace_back(n, std::move(hook));
}

void Optimizer::remove_hook(const std::string& name) {
  std::erase_if(hooks_, [&](const auto& e) { return e.first == name; });
}

void Optimizer::call_hooks(OptimizerHook::Timing timing) {
  for (auto& [n, h] : hooks_)
    if (h->timing() == timing) (*h)(*this);
}

void Optimizer::serialize(Serializer& serializer) {
  double tt = static_cast<double>(t), ee = static_cast<double>(epoch);
  serializer("t", tt);
  serializer("epoch", ee);
  t = static_cast<int64_t>(tt);
  epoch = static_cast<int64_t>(ee);
  if (!target_) return;
  for (auto& [path, p] : target_->namedparams()) {
    if (!p.update_rule()) p.set_update_rule(create_update_rule());
    p.update_rule()->serialize(*serializer.child(path.substr(1)));
  }
}

}  // namespace kusari

#include "kusari/optimizers/update_rule.h"

#include <algorithm>

#include "kusari/core/ops.h"

namespace kusari {

Tensor exclusive_grad(Parameter& param) {
  Variable g = param.grad();
  if (!g.defined() || !g.data().defined()) return {};
  Tensor t = g.data();
  // Owners besides these locals: the parameter's grad pointer and the grad's data. Gradients
  // can alias (add passes gy to both inputs), so a shared one is copied before any write.
  bool exclusive = g.impl().use_count() <= 2 && t.storage().use_count() <= 2 && t.is_contiguous() &&
                   t.dtype() == param.dtype() && !t.shares_storage(param.data());
  if (!exclusive) {
    t = t.dtype() == param.dtype() ? t.clone() : t.astype(param.dtype()).contiguous();
    param.set_grad(Variable(t));
  }
  return t;
}

void UpdateRule::init_state(const Tensor& param) {
  for (const std::string& n : state_names()) {
    if (has_state(n) && state(n).defined()) continue;  // loaded before the first step
    if (has_state(n))
      state(n) = ops::zeros_like(param);
    else
      state_.emplace_back(n, ops::zeros(param.shape(), param.dtype(), param.device()));
  }
  state_initialized_ = true;
}

bool UpdateRule::has_state(const std::string& name) const {
  return std::any_of(state_.begin(), state_.end(), [&](const auto& e) { return e.first == name; });
}

Tensor& UpdateRule::state(const std::string& name) {
  for (auto& [n, t] : state_)
    if (n == name) return t;
  throw IndexError("UpdateRule: no state named '" + name + "'");
}

void UpdateRule::add_hook(Hook hook, const std::string& name) {
  remove_hook(name);
  hooks_.emplace_back(name, std::move(hook));
}

void UpdateRule::remove_hook(const std::string& name) {
  std::erase_if(hooks_, [&](const auto& e) { return e.first == name; });
}

void UpdateRule::update(Parameter& param) {
  if (!enabled || !param.update_enabled()) return;
  ++t;
  if (!param.is_initialized()) return;
  init_state(param.data());  // allocates state missing so far (first step, or amsgrad turned on)
  for (auto& [n, h] : hooks_) h(*this, param);
  Tensor grad = exclusive_grad(param);
  if (!grad.defined()) return;
  Tensor data = param.data();
  if (data.is_contiguous()) {
    update_core(data, grad);
  } else {  // rules run on flat memory; a strided parameter is updated through a copy
    Tensor c = data.clone();
    update_core(c, grad);
    data.copy_from(c);
  }
}

void UpdateRule::serialize(Serializer& serializer) {
  double tt = static_cast<double>(t);
  serializer("t", tt);
  t = static_cast<int64_t>(tt);
  for (const std::string& n : state_names()) {
    if (!has_state(n)) state_.emplace_back(n, Tensor());
    serializer(n, state(n));
  }
  bool all = std::all_of(state_.begin(), state_.end(), [](const auto& e) { return e.second.defined(); });
  if (serializer.is_loading() && all) state_initialized_ = true;
}

}  // namespace kusari

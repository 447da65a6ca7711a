#include "kusari/links/parameter.h"

#include "kusari/core/ops.h"
#include "kusari/initializers/constant.h"
#include "kusari/optimizers/update_rule.h"

namespace kusari {

struct Parameter::State {
  initializers::InitializerPtr initializer;
  Dtype dtype = Dtype::Float32;
  std::shared_ptr<UpdateRule> update_rule;
  bool update_enabled = true;
};

namespace {
std::shared_ptr<VariableImpl> parameter_impl(Tensor data) {
  Variable v = make_parameter(std::move(data));
  return v.impl();
}
}  // namespace

Parameter::Parameter(initializers::InitializerPtr initializer, Dtype dtype)
    : Variable(parameter_impl(Tensor())), state_(std::make_shared<State>()) {
  state_->initializer = initializer ? std::move(initializer) : std::make_shared<initializers::Zero>();
  state_->dtype = dtype;
}

Parameter::Parameter(initializers::InitializerPtr initializer, const Shape& shape, Dtype dtype)
    : Parameter(std::move(initializer), dtype) {
  initialize(shape);
}

Parameter::Parameter(Tensor data) : Variable(parameter_impl(data)), state_(std::make_shared<State>()) {
  state_->initializer = std::make_shared<initializers::Zero>();
  if (data.defined()) state_->dtype = data.dtype();
}

void Parameter::initialize(const Shape& shape) {
  Tensor t(shape, state_->dtype);
  (*state_->initializer)(t);
  set_data(t);
  cleargrad();
}

const initializers::InitializerPtr& Parameter::initializer() const { return state_->initializer; }
Dtype Parameter::init_dtype() const { return state_->dtype; }

void Parameter::zerograd() {
  if (!is_initialized()) return;
  set_grad(Variable(ops::zeros_like(data())));
}

const std::shared_ptr<UpdateRule>& Parameter::update_rule() const { return state_->update_rule; }
void Parameter::set_update_rule(std::shared_ptr<UpdateRule> rule) { state_->update_rule = std::move(rule); }
bool Parameter::update_enabled() const { return state_->update_enabled; }
void Parameter::set_update_enabled(bool enabled) { state_->update_enabled = enabled; }

void Parameter::update() {
  if (state_->update_rule) state_->update_rule->update(*this);
}

}  // namespace kusari

#include "kusari/autograd/variable.h"

#include <atomic>

#include "kusari/autograd/backward.h"
#include "kusari/autograd/function_node.h"

namespace kusari {

namespace {
uint64_t next_variable_id() {
  static std::atomic<uint64_t> counter{1};
  return counter++;
}
const std::string kEmpty;
const std::shared_ptr<FunctionNode> kNoCreator;
const Tensor kUndefinedTensor;

void require(const Variable& v, const char* what) {
  if (!v.defined()) throw ValueError(std::string(what) + " of an undefined Variable");
}
}  // namespace

Variable::Variable(Tensor data, bool requires_grad) : impl_(std::make_shared<VariableImpl>()) {
  impl_->data = std::move(data);
  impl_->requires_grad = requires_grad;
  impl_->id = next_variable_id();
}

const Tensor& Variable::data() const { return impl_ ? impl_->data : kUndefinedTensor; }
void Variable::set_data(const Tensor& t) { require(*this, "set_data"); impl_->data = t; }
const std::string& Variable::name() const { return impl_ ? impl_->name : kEmpty; }
void Variable::set_name(const std::string& n) { require(*this, "set_name"); impl_->name = n; }
bool Variable::requires_grad() const { return impl_ && (impl_->requires_grad || impl_->creator); }
void Variable::set_requires_grad(bool r) { require(*this, "set_requires_grad"); impl_->requires_grad = r; }

Variable Variable::grad() const { return impl_ && impl_->grad ? Variable(impl_->grad) : Variable(); }
void Variable::set_grad(const Variable& g) {
  require(*this, "set_grad");
  if (g.defined() && g.data().defined() && data().defined() && g.shape() != shape())
    throw ShapeError("set_grad: gradient shape " + shape_to_string(g.shape()) + " does not match variable shape " +
                     shape_to_string(shape()));
  impl_->grad = g.impl();
}
void Variable::cleargrad() { if (impl_) impl_->grad.reset(); }
const std::shared_ptr<FunctionNode>& Variable::creator() const { return impl_ ? impl_->creator : kNoCreator; }
void Variable::set_creator(std::shared_ptr<FunctionNode> node) { require(*this, "set_creator"); impl_->creator = std::move(node); }

void Variable::backward(bool retain_grad, bool enable_double_backprop) const {
  require(*this, "backward");
  run_backward({*this}, {}, retain_grad, enable_double_backprop);
}

void Variable::unchain() const { if (impl_) impl_->creator.reset(); }

void Variable::unchain_backward() const {
  if (!impl_) return;
  std::vector<std::shared_ptr<FunctionNode>> stack;
  if (impl_->creator) stack.push_back(impl_->creator);
  impl_->creator.reset();
  while (!stack.empty()) {
    auto node = std::move(stack.back());
    stack.pop_back();
    for (Variable& in : node->inputs) {
      if (in.creator()) stack.push_back(in.creator());
      in.unchain();
    }
  }
}

std::string Variable::describe() const {
  if (!impl_) return "undefined variable";
  std::string s = "variable";
  if (!impl_->name.empty()) s += " " + impl_->name;
  return impl_->data.defined() ? s + " " + impl_->data.describe() : s + " (uninitialized)";
}

Variable make_parameter(Tensor data, const std::string& name) {
  Variable v(std::move(data), true);
  v.impl()->is_parameter = true;
  v.impl()->name = name;
  return v;
}

}  // namespace kusari

#include "kusari/autograd/function_node.h"

#include <exception>

#include "kusari/autograd/config.h"
#include "kusari/autograd/function_hook.h"
#include "kusari/core/ops.h"

namespace kusari {

const Variable& BackwardContext::input(size_t i) const { return node_.inputs.at(i); }
Variable BackwardContext::output(size_t i) const { return node_.output(i); }

Variable BackwardContext::grad_output(size_t i) const {
  if (grad_outputs_[i].defined()) return grad_outputs_[i];
  const Shape& s = node_.output_shapes[i];
  return Variable(ops::zeros(s, node_.output_dtypes[i], node_.inputs.empty() ? Device::cpu() : node_.inputs[0].data().device()));
}

Variable FunctionNode::output(size_t i) {
  if (auto live = outputs.at(i).lock()) return Variable(live);
  if (retained_outputs.size() <= i || !retained_outputs[i].defined())
    throw Error("internal: " + op + " did not retain output " + std::to_string(i) + " needed by its backward");
  Variable v(retained_outputs[i]);
  v.set_creator(shared_from_this());
  outputs[i] = v.impl();
  return v;
}

std::vector<Variable> FunctionNode::backward(const std::vector<Variable>& grad_outputs, const std::vector<bool>& needs) {
  BackwardContext ctx(*this, grad_outputs, needs);
  std::vector<Variable> gxs = backward_fn(ctx);
  if (gxs.size() != inputs.size())
    throw Error("internal: backward of " + op + " returned " + std::to_string(gxs.size()) + " gradients for " +
                std::to_string(inputs.size()) + " inputs");
  for (size_t i = 0; i < gxs.size(); ++i) {
    if (!gxs[i].defined()) continue;
    if (!needs[i]) { gxs[i] = Variable(); continue; }
    const Shape& want = inputs[i].shape();
    if (gxs[i].shape() != want)
      throw Error("internal: backward of " + op + " gave gradient " + shape_to_string(gxs[i].shape()) + " for input " +
                  std::to_string(i) + " of shape " + shape_to_string(want));
  }
  return gxs;
}

std::string FunctionNode::describe() const {
  std::string s = op;
  if (!link_path.empty()) s += " in link " + link_path;
  if (location().known()) s += " at " + location().to_string();
  s += " (inputs:";
  for (size_t i = 0; i < inputs.size(); ++i) s += (i ? ", " : " ") + inputs[i].data().describe();
  return s + ")";
}

namespace {
std::vector<std::string>& link_stack() {
  thread_local std::vector<std::string> s;
  return s;
}
std::string& link_path_cache() {
  thread_local std::string p;
  return p;
}
void rebuild_link_path() {
  std::string& p = link_path_cache();
  p.clear();
  for (const auto& part : link_stack()) {
    if (part.empty()) continue;
    if (!p.empty()) p += '/';
    p += part;
  }
}
}  // namespace

LinkPathScope::LinkPathScope(const std::string& name)
    : saved_size_(link_stack().size()), uncaught_(std::uncaught_exceptions()) {
  link_stack().push_back(name);
  rebuild_link_path();
  if (any_hooks()) {
    try {
      const auto active = active_hooks();  // alive for the loop
      for (const auto& h : *active) h->link_forward_pre(link_path_cache());
    } catch (...) {  // the destructor does not run for a throwing constructor
      link_stack().resize(saved_size_);
      rebuild_link_path();
      throw;
    }
  }
}
LinkPathScope::~LinkPathScope() noexcept(false) {
  struct Pop {
    size_t size;
    ~Pop() {
      link_stack().resize(size);
      rebuild_link_path();
    }
  } pop{saved_size_};
  if (std::uncaught_exceptions() == uncaught_ && any_hooks()) {
    const auto active = active_hooks();  // alive for the loop
    for (const auto& h : *active) h->link_forward_post(link_path_cache());
  }
}
const std::string& LinkPathScope::current() { return link_path_cache(); }

}  // namespace kusari

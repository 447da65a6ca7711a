#include "kusari/autograd/apply.h"

#include <algorithm>
#include <atomic>

#include "kusari/autograd/config.h"
#include "kusari/autograd/function_hook.h"
#include "kusari/core/ops.h"

namespace kusari {

namespace {
uint64_t next_node_id() {
  static std::atomic<uint64_t> counter{1};
  return counter++;
}

std::string inputs_text(const std::vector<Variable>& inputs) {
  std::string s;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (i) s += ", ";
    s += inputs[i].data().defined() ? inputs[i].data().describe() : "undefined";
  }
  return s;
}

void check_finite(std::string_view op, const std::vector<Variable>& inputs, const std::vector<Tensor>& outputs,
                  const SourceLocation& loc, const char* pass) {
  for (size_t i = 0; i < outputs.size(); ++i) {
    int64_t bad = ops::count_nonfinite(outputs[i]);
    if (bad == 0) continue;
    std::string msg = std::string(pass) + " of " + std::string(op) + " produced " + std::to_string(bad) +
                      " NaN/Inf value(s) in output " + std::to_string(i) + " " + outputs[i].describe() +
                      " (inputs: " + inputs_text(inputs) + ")";
    if (loc.known()) msg += " at " + loc.to_string();
    throw NonFiniteError(msg);
  }
}
}  // namespace

void throw_op_error(std::string_view op, const std::vector<Variable>& inputs, const std::string& what) {
  std::string msg = std::string(op) + ": " + what + " (inputs: " + inputs_text(inputs) + ")";
  SourceLocation loc = current_source_location();
  if (loc.known()) msg += " at " + loc.to_string();
  throw ShapeError(msg);
}

FunctionScope::FunctionScope(std::string_view op, std::vector<Variable> inputs, std::string label)
    : op_(op), inputs_(std::move(inputs)), label_(std::move(label)), hooks_(any_hooks()) {
  for (const Variable& v : inputs_)
    if (!v.defined() || !v.data().defined())
      throw ValueError(std::string(op) + ": an input is undefined (an uninitialized parameter?)");
  if (hooks_) {
    const auto active = active_hooks();  // alive for the loop
    // The ops of a backward formula have no line of their own (a Python provider would only
    // find the backward() call, taking the GIL to do so): left unknown unless recorded.
    if (!in_backward_formula() &&
        std::any_of(active->begin(), active->end(), [](const auto& h) { return h->needs_location(); }))
      loc_ = current_source_location_shared();
    HookEvent e{op_, nullptr, &inputs_, nullptr, nullptr, nullptr, &location()};
    for (const auto& h : *active) h->forward_preprocess(e);
  }
}

Variable FunctionScope::finish(Tensor output, BackwardFn backward, RetainOutputs retain) {
  std::vector<Tensor> outputs;  // not an initializer list, which would copy the handle
  outputs.push_back(std::move(output));
  return std::move(finish(std::move(outputs), std::move(backward), retain)[0]);
}

std::vector<Variable> FunctionScope::finish(std::vector<Tensor> outputs, BackwardFn backward, RetainOutputs retain) {
  const Config& cfg = config();
  bool record = cfg.enable_backprop &&
                std::any_of(inputs_.begin(), inputs_.end(), [](const Variable& v) { return v.requires_grad(); });
  std::shared_ptr<FunctionNode> node;
  if (!loc_ && (record || cfg.debug)) loc_ = current_source_location_shared();
  if (cfg.debug) check_finite(op_, inputs_, outputs, location(), "forward");
  std::vector<Variable> result;
  result.reserve(outputs.size());
  // The scope ends with finish(): its inputs and location move into the node, and the
  // post-hooks below read them there.
  const std::vector<Variable>* inputs = &inputs_;
  const SourceLocation* loc = &location();
  if (record) {
    node = std::make_shared<FunctionNode>();
    node->op = std::string(op_);
    node->label = std::move(label_);
    node->inputs = std::move(inputs_);
    inputs = &node->inputs;
    node->backward_fn = std::move(backward);
    node->id = next_node_id();
    node->location_ptr = std::move(loc_);
    loc = &node->location();
    node->link_path = LinkPathScope::current();
    int64_t gen = 0;
    for (const Variable& v : node->inputs)
      if (v.creator()) gen = std::max(gen, v.creator()->generation + 1);
    node->generation = gen;
    node->output_shapes.reserve(outputs.size());
    node->output_dtypes.reserve(outputs.size());
    node->outputs.reserve(outputs.size());
    for (const Tensor& t : outputs) {
      node->output_shapes.push_back(t.shape());
      node->output_dtypes.push_back(t.dtype());
    }
    if (retain == RetainOutputs::Yes) node->retained_outputs = outputs;
    // Nothing reads `outputs` below unless hooks run: then the handles are copied, else moved.
    for (Tensor& t : outputs) {
      Variable v(hooks_ ? Tensor(t) : std::move(t));
      v.set_creator(node);
      node->outputs.push_back(v.impl());
      result.push_back(std::move(v));
    }
  } else {
    for (Tensor& t : outputs) result.emplace_back(hooks_ ? Tensor(t) : std::move(t));
  }
  if (hooks_) {
    HookEvent e{op_, node.get(), inputs, &outputs, nullptr, nullptr, loc};
    const auto active = active_hooks();  // alive for the loop
    for (const auto& h : *active) h->forward_postprocess(e);
  }
  return result;
}

Variable FunctionScope::finish_constant(Tensor output) {
  std::vector<Tensor> outs{output};
  if (hooks_) {
    HookEvent e{op_, nullptr, &inputs_, &outs, nullptr, nullptr, &location()};
    const auto active = active_hooks();  // alive for the loop
    for (const auto& h : *active) h->forward_postprocess(e);
  }
  return Variable(std::move(output));
}

// Used by backward.cpp for the debug-mode check of gradients.
void check_backward_finite(const FunctionNode& node, const std::vector<Variable>& grads) {
  std::vector<Tensor> ts;
  for (const Variable& g : grads)
    if (g.defined()) ts.push_back(g.data());
  check_finite(node.op, node.inputs, ts, node.location(), "backward");
}

}  // namespace kusari

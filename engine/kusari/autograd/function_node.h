// A node of the define-by-run graph: one application of a differentiable function.
// It holds its inputs strongly and its outputs weakly (outputs hold it as creator), so the
// graph lives exactly as long as something downstream of it does.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kusari/autograd/source_location.h"
#include "kusari/autograd/variable.h"

namespace kusari {

class FunctionNode;

// What a backward formula sees. Gradients it returns are Variables built with
// differentiable functions, so the backward pass itself can be differentiated.
class BackwardContext {
 public:
  // Lives only for one backward call: it refers to the caller's gradients and flags.
  BackwardContext(FunctionNode& node, const std::vector<Variable>& grad_outputs, const std::vector<bool>& needs)
      : node_(node), grad_outputs_(grad_outputs), needs_(needs) {}
  const Variable& input(size_t i) const;
  Variable output(size_t i) const;        // only when the function retained its outputs
  Variable grad_output(size_t i) const;   // zeros when that output received no gradient
  bool has_grad_output(size_t i) const { return grad_outputs_[i].defined(); }
  bool needs_input_grad(size_t i) const { return needs_[i]; }
  const FunctionNode& node() const { return node_; }

 private:
  FunctionNode& node_;
  const std::vector<Variable>& grad_outputs_;
  const std::vector<bool>& needs_;
};

// Returns one entry per input; an undefined Variable means "no gradient".
using BackwardFn = std::function<std::vector<Variable>(const BackwardContext&)>;

class FunctionNode : public std::enable_shared_from_this<FunctionNode> {
 public:
  std::string op;                // "relu", "linear", ...
  std::string label;             // optional detail, e.g. "axis=1"
  std::vector<Variable> inputs;
  std::vector<std::weak_ptr<VariableImpl>> outputs;
  std::vector<Shape> output_shapes;
  std::vector<Dtype> output_dtypes;
  std::vector<Tensor> retained_outputs;  // filled only when the function asked to retain them
  BackwardFn backward_fn;
  int64_t generation = 0;
  uint64_t id = 0;
  SourceLocationPtr location_ptr;  // shared with every node made on the same line; null = unknown
  std::string link_path;  // the link whose forward created it, e.g. "predictor/l1" (may be empty)

  const SourceLocation& location() const { return location_ptr ? *location_ptr : unknown_source_location(); }
  // Live output variable, or one rebuilt from retained data that points back to this node.
  Variable output(size_t i);
  std::vector<Variable> backward(const std::vector<Variable>& grad_outputs, const std::vector<bool>& needs);
  std::string describe() const;  // "relu at model.py:12 in forward (inputs: float32 (2, 3))"
};

// The link path of the forward pass now running; links push and pop their names.
// While function hooks are active it tells them (link_forward_pre/post). The destructor
// may throw what a hook threw (a debugger's stop callback), but only when the scope ends
// normally, never during unwinding.
class LinkPathScope {
 public:
  explicit LinkPathScope(const std::string& name);
  ~LinkPathScope() noexcept(false);
  LinkPathScope(const LinkPathScope&) = delete;
  LinkPathScope& operator=(const LinkPathScope&) = delete;
  static const std::string& current();

 private:
  size_t saved_size_;
  int uncaught_ = 0;
};

}  // namespace kusari

// How a differentiable function records itself (ChainerX's BackwardBuilder, in small):
//
//   Variable relu(const Variable& x) {
//     FunctionScope fn("relu", {x});                     // forward pre-hooks run here
//     Tensor y = ops::unary("relu", x.data());           // compute on tensors
//     return fn.finish(y, [](const BackwardContext& c) { // backward beside the forward
//       return Grads{c.grad_output(0) * (c.output(0) > 0)};
//     }, RetainOutputs::Yes);
//   }
//
// finish() creates the graph node only when backprop is enabled and an input needs a
// gradient, runs forward post-hooks, and in debug mode checks outputs for NaN/Inf.
#pragma once
#include <string>
#include <vector>

#include "kusari/autograd/function_node.h"

namespace kusari {

using Grads = std::vector<Variable>;
enum class RetainOutputs { No, Yes };

class FunctionScope {
 public:
  FunctionScope(std::string_view op, std::vector<Variable> inputs, std::string label = {});
  Variable finish(Tensor output, BackwardFn backward, RetainOutputs retain = RetainOutputs::No);
  std::vector<Variable> finish(std::vector<Tensor> outputs, BackwardFn backward,
                               RetainOutputs retain = RetainOutputs::No);
  // For non-differentiable results (argmax, accuracy): no node, hooks still run.
  Variable finish_constant(Tensor output);
  // Valid until finish(), which moves the inputs into the graph node.
  const std::vector<Variable>& inputs() const { return inputs_; }
  const Variable& input(size_t i) const { return inputs_[i]; }

 private:
  std::string_view op_;
  std::vector<Variable> inputs_;
  std::string label_;
  bool hooks_;
  SourceLocationPtr loc_;  // the user's line, looked up once (in the constructor when hooks run)
  const SourceLocation& location() const { return loc_ ? *loc_ : unknown_source_location(); }
};

// Raises ValueError-like errors naming the op, its inputs and the user's line.
[[noreturn]] void throw_op_error(std::string_view op, const std::vector<Variable>& inputs, const std::string& what);

}  // namespace kusari

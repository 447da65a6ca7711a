// Variable: a tensor in the define-by-run graph (data, grad, name, creator).
// Copies of a Variable share one node (like Python references to one chainer.Variable).
#pragma once
#include <memory>
#include <string>

#include "kusari/core/tensor.h"

namespace kusari {

class FunctionNode;

struct VariableImpl {
  Tensor data;
  std::shared_ptr<VariableImpl> grad;  // the gradient as a Variable (grad_var)
  std::shared_ptr<FunctionNode> creator;
  std::string name;
  bool requires_grad = false;  // for leaves; outputs of recorded functions always need grad
  bool is_parameter = false;
  uint64_t id = 0;
};

class Variable {
 public:
  Variable() = default;  // undefined (no node), used for "no gradient"
  Variable(Tensor data, bool requires_grad = false);  // NOLINT: a Tensor is a constant Variable
  explicit Variable(std::shared_ptr<VariableImpl> impl) : impl_(std::move(impl)) {}

  bool defined() const { return impl_ != nullptr; }
  const Tensor& data() const;
  void set_data(const Tensor& t);  // replaces the array (shape may change), keeps the node
  const std::string& name() const;
  void set_name(const std::string& n);
  bool requires_grad() const;  // a leaf that asked for gradients, or any function output
  void set_requires_grad(bool r);
  bool is_parameter() const { return impl_ && impl_->is_parameter; }
  uint64_t id() const { return impl_ ? impl_->id : 0; }

  Variable grad() const;  // undefined when there is none
  void set_grad(const Variable& g);
  void cleargrad();
  const std::shared_ptr<FunctionNode>& creator() const;
  void set_creator(std::shared_ptr<FunctionNode> node);

  // Computes gradients of this variable (a scalar, unless its grad was set) with respect to
  // every leaf that requires grad, accumulating into their grad.
  void backward(bool retain_grad = false, bool enable_double_backprop = false) const;
  void unchain() const;           // forgets the creator
  void unchain_backward() const;  // unchains every variable in the graph behind this one

  const Shape& shape() const { return data().shape(); }
  Dtype dtype() const { return data().dtype(); }
  int64_t ndim() const { return data().ndim(); }
  int64_t numel() const { return data().numel(); }
  std::string describe() const;  // "variable h1 float32 (100, 1000)"

  const std::shared_ptr<VariableImpl>& impl() const { return impl_; }
  bool is(const Variable& o) const { return impl_ == o.impl_; }

 private:
  std::shared_ptr<VariableImpl> impl_;
};

// A Variable that is a model parameter: requires grad, initialized from a tensor.
Variable make_parameter(Tensor data, const std::string& name = "");

}  // namespace kusari

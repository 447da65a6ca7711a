// Private to the loss and evaluation families: argument checks with messages that name the
// function and its operands, and the few differentiable elementwise helpers the losses need
// (exp, sigmoid, softplus, softmax along axis 1). The helpers live here rather than in the
// math/activation families so this family does not depend on their progress; their backward
// formulas use differentiable ops only, so losses built on them support double backprop.
#pragma once
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "kusari/autograd/variable.h"
#include "kusari/core/error.h"

namespace kusari::loss_detail {

std::string describe_operands(std::initializer_list<Tensor> operands);

// "op: what (inputs: float32 (2, 3), int32 (2,))".
template <typename E = ShapeError>
[[noreturn]] void fail(std::string_view op, std::initializer_list<Tensor> operands, const std::string& what) {
  throw E(std::string(op) + ": " + what + " (inputs: " + describe_operands(operands) + ")");
}

// DtypeError unless x is float32/float64.
void require_floating(std::string_view op, std::initializer_list<Tensor> operands, const Tensor& x, const char* name);
// DtypeError unless a and b have the same shape and floating dtype (ShapeError for shapes).
void require_same_float(std::string_view op, const Tensor& a, const Tensor& b);
// Labels as a contiguous int64 tensor; DtypeError unless t is int32 or int64.
Tensor labels_as_int64(std::string_view op, std::initializer_list<Tensor> operands, const Tensor& t);
// ValueError unless every label is in [0, n_classes) or equals ignore_label.
void require_labels_in_range(std::string_view op, std::initializer_list<Tensor> operands, const Tensor& t64,
                             int64_t n_classes, std::optional<int64_t> ignore_label);
// ValueError unless reduce is one of `allowed`.
void require_reduce(std::string_view op, const std::string& reduce, std::initializer_list<const char*> allowed);

// onehot[n, c, r] = (t[n, r] == c), in dtype d; t (N, R) int64, result (N, C, R).
Tensor onehot_axis1(const Tensor& t64, int64_t n_classes, Dtype d);

// Differentiable helpers (graph nodes named like the functions they stand in for).
Variable exp(const Variable& x);
Variable sigmoid(const Variable& x);
Variable softplus(const Variable& x);       // log(1 + exp(x)), stable
Variable softmax_axis1(const Variable& x);  // x (N, C, R)

}  // namespace kusari::loss_detail

#include "kusari/functions/loss_support.h"

#include <algorithm>

#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/loss_kernels.h"
#include "kusari/functions/reduction.h"

namespace kusari::loss_detail {

std::string describe_operands(std::initializer_list<Tensor> operands) {
  std::string s;
  for (const Tensor& t : operands) {
    if (!s.empty()) s += ", ";
    s += t.defined() ? t.describe() : "undefined";
  }
  return s;
}

void require_floating(std::string_view op, std::initializer_list<Tensor> operands, const Tensor& x, const char* name) {
  if (!is_floating(x.dtype()))
    fail<DtypeError>(op, operands, std::string(name) + " must be float32 or float64, got " + std::string(dtype_name(x.dtype())));
}

void require_same_float(std::string_view op, const Tensor& a, const Tensor& b) {
  require_floating(op, {a, b}, a, "the first input");
  if (a.dtype() != b.dtype()) fail<DtypeError>(op, {a, b}, "inputs must have the same dtype");
  if (a.shape() != b.shape())
    fail(op, {a, b}, "shapes " + shape_to_string(a.shape()) + " and " + shape_to_string(b.shape()) + " differ");
}

Tensor labels_as_int64(std::string_view op, std::initializer_list<Tensor> operands, const Tensor& t) {
  if (!t.defined()) fail<ValueError>(op, operands, "labels are undefined");
  if (t.dtype() != Dtype::Int32 && t.dtype() != Dtype::Int64)
    fail<DtypeError>(op, operands, "labels must be int32 or int64, got " + std::string(dtype_name(t.dtype())));
  return t.astype(Dtype::Int64).contiguous();
}

void require_labels_in_range(std::string_view op, std::initializer_list<Tensor> operands, const Tensor& t64,
                             int64_t n_classes, std::optional<int64_t> ignore_label) {
  if (t64.numel() == 0) return;
  Tensor used = ignore_label ? ops::compare("not_equal", t64, ops::scalar(double(*ignore_label), Dtype::Int64))
                             : ops::ones(t64.shape(), Dtype::Bool);
  // Ignored entries are replaced by 0, a label that is in range whenever any class exists.
  Tensor masked = ops::where(used, t64, ops::zeros({}, Dtype::Int64));
  const int64_t lo = static_cast<int64_t>(ops::min(masked).item());
  const int64_t hi = static_cast<int64_t>(ops::max(masked).item());
  const bool any_used = ops::sum(used).item() > 0;
  if (any_used && (lo < 0 || hi >= n_classes)) {
    std::string rule = "0 <= t < " + std::to_string(n_classes);
    if (ignore_label) rule += " or t == " + std::to_string(*ignore_label);
    fail<ValueError>(op, operands, "each label must satisfy " + rule + ", found " + std::to_string(lo < 0 ? lo : hi));
  }
}

void require_reduce(std::string_view op, const std::string& reduce, std::initializer_list<const char*> allowed) {
  std::string list;
  for (const char* a : allowed) {
    if (reduce == a) return;
    list += list.empty() ? "" : ", ";
    list += std::string("'") + a + "'";
  }
  throw ValueError(std::string(op) + ": reduce must be one of " + list + ", got '" + reduce + "'");
}

Tensor onehot_axis1(const Tensor& t64, int64_t n_classes, Dtype d) {
  const int64_t N = t64.shape()[0], R = t64.shape()[1];
  Tensor classes = ops::arange(0, static_cast<double>(n_classes), 1, Dtype::Int64).reshape({1, n_classes, 1});
  return ops::compare("equal", t64.reshape({N, 1, R}), classes).astype(d);
}

Variable exp(const Variable& x) {
  FunctionScope fn("exp", {x});
  return fn.finish(ops::unary("exp", x.data()),
                   [](const BackwardContext& c) { return Grads{c.grad_output(0) * c.output(0)}; },
                   RetainOutputs::Yes);
}

Variable sigmoid(const Variable& x) {
  FunctionScope fn("sigmoid", {x});
  return fn.finish(ops::unary("loss_sigmoid", x.data()), [](const BackwardContext& c) {
    Variable y = c.output(0);
    return Grads{c.grad_output(0) * y * (1.0 - y)};
  }, RetainOutputs::Yes);
}

Variable softplus(const Variable& x) {
  FunctionScope fn("softplus", {x});
  return fn.finish(ops::unary("loss_softplus", x.data()),
                   [](const BackwardContext& c) { return Grads{c.grad_output(0) * sigmoid(c.input(0))}; });
}

Variable softmax_axis1(const Variable& x) {
  FunctionScope fn("softmax", {x}, "axis=1");
  Tensor y(x.shape(), x.dtype(), x.data().device());
  kernel<SoftmaxAxis1Kernel>("loss_softmax_axis1", x.data().device())(x.data().contiguous(), y);
  return fn.finish(y, [](const BackwardContext& c) {
    // d softmax: y * (gy - sum_c(gy * y)).
    Variable y = c.output(0);
    Variable gyy = c.grad_output(0) * y;
    return Grads{gyy - y * sum(gyy, {1}, true)};
  }, RetainOutputs::Yes);
}

}  // namespace kusari::loss_detail

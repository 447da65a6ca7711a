// Evaluation functions (Chainer's functions/evaluation): not differentiable, float32 scalars.
#include <algorithm>
#include <limits>

#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/evaluation.h"
#include "kusari/functions/loss_support.h"

namespace kusari {

// Fraction of entries whose argmax over axis 1 of y equals t; entries with t == ignore_label
// count in neither numerator nor denominator (0 when all are ignored, as Chainer).
Variable accuracy(const Variable& y, const Tensor& t, std::optional<int64_t> ignore_label) {
  using namespace loss_detail;
  constexpr const char* kOp = "accuracy";
  const Tensor& yd = y.data();
  require_floating(kOp, {yd, t}, yd, "y");
  Tensor t64 = labels_as_int64(kOp, {yd, t}, t);
  if (yd.ndim() < 2) fail(kOp, {yd, t}, "y must have at least 2 dimensions (N, C, ...)");
  Shape t_expected = yd.shape();
  t_expected.erase(t_expected.begin() + 1);
  if (t.shape() != t_expected)
    fail(kOp, {yd, t}, "t must have shape " + shape_to_string(t_expected) + " for y of shape " +
                           shape_to_string(yd.shape()) + ", got " + shape_to_string(t.shape()));
  FunctionScope fn(kOp, {y});
  double total = static_cast<double>(t64.numel());
  double hits = 0;
  if (yd.shape()[1] > 0 && t64.numel() > 0) {
    Tensor hit = ops::compare("equal", ops::argmax(yd, 1), t64);
    if (ignore_label) {
      Tensor used = ops::compare("not_equal", t64, ops::scalar(static_cast<double>(*ignore_label), Dtype::Int64));
      hit = ops::compare("logical_and", hit, used);
      total = ops::sum(used).item();
    }
    hits = ops::sum(hit).item();
  } else if (ignore_label && t64.numel() > 0) {
    // No class to predict: nothing is a hit; only the ignored entries leave the denominator.
    total = ops::sum(ops::compare("not_equal", t64, ops::scalar(static_cast<double>(*ignore_label), Dtype::Int64))).item();
  }
  double value = 0;
  if (total > 0) value = hits / total;
  else if (!ignore_label) value = std::numeric_limits<double>::quiet_NaN();  // NumPy's mean of nothing
  return fn.finish_constant(ops::scalar(value, Dtype::Float32));
}

// Fraction of entries where (y >= 0) == t, over the entries with t != -1 (at least 1), as Chainer.
Variable binary_accuracy(const Variable& y, const Tensor& t) {
  using namespace loss_detail;
  constexpr const char* kOp = "binary_accuracy";
  const Tensor& yd = y.data();
  require_floating(kOp, {yd, t}, yd, "y");
  Tensor t64 = labels_as_int64(kOp, {yd, t}, t);
  if (t.shape() != yd.shape())
    fail(kOp, {yd, t}, "y and t must have the same shape, got " + shape_to_string(yd.shape()) + " and " +
                           shape_to_string(t.shape()));
  FunctionScope fn(kOp, {y});
  double value = 0;
  if (t64.numel() > 0) {
    Tensor pred = ops::compare("greater_equal", yd, ops::zeros({}, yd.dtype())).astype(Dtype::Int64);
    const double hits = ops::sum(ops::compare("equal", pred, t64)).item();
    const double count = ops::sum(ops::compare("not_equal", t64, ops::scalar(-1, Dtype::Int64))).item();
    value = hits / std::max(count, 1.0);
  }
  return fn.finish_constant(ops::scalar(value, Dtype::Float32));
}

}  // namespace kusari

// Axis-aligned products: tensordot (as one matmul between two reshaped views) and Chainer's
// bias/scale (b broadcast along a run of x's axes). Built from reshape/transpose/matmul/
// add/mul, so their gradients and double gradients come from those functions.
#include <algorithm>

#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/math.h"
#include "kusari/functions/math_internal.h"

namespace kusari {

namespace {

void check_same_floating(const char* op, const Variable& a, const Variable& b) {
  math_detail::require_floating(op, a);
  math_detail::require_floating(op, b);
  if (a.dtype() != b.dtype())
    throw DtypeError(std::string(op) + ": operands must have the same dtype, got " + a.data().describe() + " and " +
                     b.data().describe());
}

std::string axes_text(const Axes& axes) {
  std::string s = "[";
  for (size_t i = 0; i < axes.size(); ++i) s += (i ? ", " : "") + std::to_string(axes[i]);
  return s + "]";
}

// x with its axes permuted so that `perm` is the new order; no node when it is the identity.
Variable permuted(const Variable& x, const Axes& perm) {
  for (size_t i = 0; i < perm.size(); ++i)
    if (perm[i] != static_cast<int64_t>(i)) return transpose(x, perm);
  return x;
}

// Chainer's axis rule for bias/scale: b's shape must equal x.shape[axis : axis + b.ndim].
// Returns b's shape padded with trailing ones so that NumPy broadcasting lines it up.
Shape aligned_shape(const char* op, const Variable& x, const Variable& b, int64_t axis) {
  check_same_floating(op, x, b);
  const int64_t first = axis < 0 ? axis + x.ndim() : axis;
  bool ok = first >= 0 && first + b.ndim() <= x.ndim();
  for (int64_t i = 0; ok && i < b.ndim(); ++i) ok = x.shape()[first + i] == b.shape()[i];
  if (!ok)
    throw ShapeError(std::string(op) + ": " + b.data().describe() + " does not match the axes of " +
                     x.data().describe() + " starting at axis " + std::to_string(axis));
  Shape s = b.shape();
  s.resize(static_cast<size_t>(x.ndim() - first), 1);
  return s;
}

}  // namespace

Variable tensordot(const Variable& a, const Variable& b, const Axes& a_axes, const Axes& b_axes) {
  check_same_floating("tensordot", a, b);
  auto fail = [&](const std::string& why) {
    throw ShapeError("tensordot: " + why + " (a: " + a.data().describe() + ", b: " + b.data().describe() +
                     ", a_axes " + axes_text(a_axes) + ", b_axes " + axes_text(b_axes) + ")");
  };
  if (a_axes.size() != b_axes.size()) fail("a_axes and b_axes differ in length");
  Axes ca, cb;
  for (size_t i = 0; i < a_axes.size(); ++i) {
    ca.push_back(normalize_axis(a_axes[i], a.ndim(), "tensordot"));
    cb.push_back(normalize_axis(b_axes[i], b.ndim(), "tensordot"));
    if (a.shape()[ca[i]] != b.shape()[cb[i]]) fail("contracted axes differ in size");
  }
  auto unique = [](Axes s) { std::sort(s.begin(), s.end()); return std::adjacent_find(s.begin(), s.end()) == s.end(); };
  if (!unique(ca) || !unique(cb)) fail("an axis is repeated");

  // a -> (free_a..., contracted...) as (M, K); b -> (contracted..., free_b...) as (K, N).
  Axes perm_a, perm_b = cb;
  Shape out;
  int64_t m = 1, k = 1, n = 1;
  for (int64_t i = 0; i < a.ndim(); ++i)
    if (std::find(ca.begin(), ca.end(), i) == ca.end()) { perm_a.push_back(i); out.push_back(a.shape()[i]); m *= a.shape()[i]; }
  for (int64_t i : ca) { perm_a.push_back(i); k *= a.shape()[i]; }
  for (int64_t i = 0; i < b.ndim(); ++i)
    if (std::find(cb.begin(), cb.end(), i) == cb.end()) { perm_b.push_back(i); out.push_back(b.shape()[i]); n *= b.shape()[i]; }
  Variable a2 = reshape(permuted(a, perm_a), {m, k});
  Variable b2 = reshape(permuted(b, perm_b), {k, n});
  return reshape(matmul(a2, b2), out);
}

Variable tensordot(const Variable& a, const Variable& b, int64_t n_axes) {
  if (n_axes < 0 || n_axes > a.ndim() || n_axes > b.ndim())
    throw ShapeError("tensordot: cannot contract " + std::to_string(n_axes) + " axes of " + a.data().describe() +
                     " and " + b.data().describe());
  Axes a_axes, b_axes;
  for (int64_t i = 0; i < n_axes; ++i) {
    a_axes.push_back(a.ndim() - n_axes + i);
    b_axes.push_back(i);
  }
  return tensordot(a, b, a_axes, b_axes);
}

Variable bias(const Variable& x, const Variable& b, int64_t axis) {
  return x + reshape(b, aligned_shape("bias", x, b, axis));
}

Variable scale(const Variable& x, const Variable& s, int64_t axis) {
  return x * reshape(s, aligned_shape("scale", x, s, axis));
}

}  // namespace kusari

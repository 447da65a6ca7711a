// Axis rearrangement and replication: swapaxes, moveaxis, expand_dims, squeeze, flatten,
// flip (views), tile and repeat (a broadcast view of the input, then one copy).
#include <algorithm>
#include <string>

#include "kusari/autograd/apply.h"
#include "kusari/functions/array.h"
#include "kusari/functions/reduction.h"
#include "kusari/functions/shape_ops.h"

namespace kusari {

namespace {
int64_t product(const Shape& s, size_t begin, size_t end) {
  int64_t p = 1;
  for (size_t i = begin; i < end; ++i) p *= s[i];
  return p;
}

// Repeats axis `axis` of x: each element `reps` times when `inner`, else the whole axis `reps` times.
// x is viewed as (before, [reps,] size, [reps,] after), broadcast along the new axis, then merged.
Variable replicate_axis(const Variable& x, int64_t axis, int64_t reps, bool inner) {
  Shape s = x.shape();
  const int64_t before = product(s, 0, axis), size = s[axis], after = product(s, axis + 1, s.size());
  Shape view = inner ? Shape{before, size, 1, after} : Shape{before, 1, size, after};
  Shape wide = inner ? Shape{before, size, reps, after} : Shape{before, reps, size, after};
  s[axis] *= reps;
  return reshape(broadcast_to(reshape(x, view), wide), s);
}
}  // namespace

Variable swapaxes(const Variable& x, int64_t a, int64_t b) {
  FunctionScope fn("swapaxes", {x});
  Tensor y = x.data().swapaxes(a, b);
  return fn.finish(y, [a, b](const BackwardContext& c) { return Grads{swapaxes(c.grad_output(0), a, b)}; });
}

Variable moveaxis(const Variable& x, const Axes& source, const Axes& destination) {
  if (source.size() != destination.size())
    throw ValueError("moveaxis: source and destination must have the same number of elements (" +
                     std::to_string(source.size()) + " and " + std::to_string(destination.size()) + ")");
  Axes src = source, dst = destination;
  for (auto& a : src) a = normalize_axis(a, x.ndim(), "moveaxis");
  for (auto& a : dst) a = normalize_axis(a, x.ndim(), "moveaxis");
  normalize_axes(src, x.ndim(), false, "moveaxis");  // rejects repeated axes
  normalize_axes(dst, x.ndim(), false, "moveaxis");
  // NumPy's construction: the untouched axes in order, then each source inserted at its destination.
  Axes order;
  for (int64_t i = 0; i < x.ndim(); ++i)
    if (std::find(src.begin(), src.end(), i) == src.end()) order.push_back(i);
  std::vector<std::pair<int64_t, int64_t>> moves;
  for (size_t i = 0; i < src.size(); ++i) moves.emplace_back(dst[i], src[i]);
  std::sort(moves.begin(), moves.end());
  for (const auto& [d, s] : moves) order.insert(order.begin() + d, s);
  return transpose(x, order);
}

Variable expand_dims(const Variable& x, int64_t axis) {
  FunctionScope fn("expand_dims", {x});
  Tensor y = x.data().expand_dims(axis);
  return fn.finish(y, [](const BackwardContext& c) { return Grads{reshape(c.grad_output(0), c.input(0).shape())}; });
}

Variable squeeze(const Variable& x, const Axes& axes) {
  FunctionScope fn("squeeze", {x});
  Tensor y = x.data().squeeze(axes);
  return fn.finish(y, [](const BackwardContext& c) { return Grads{reshape(c.grad_output(0), c.input(0).shape())}; });
}

Variable flatten(const Variable& x) { return reshape(x, {x.numel()}); }

Variable flip(const Variable& x, int64_t axis) {
  if (x.ndim() == 0) throw IndexError("flip: a 0-dimensional array has no axis to flip");
  axis = normalize_axis(axis, x.ndim(), "flip");
  FunctionScope fn("flip", {x});
  Tensor y = x.data().slice(axis, x.shape()[axis] - 1, -1, -1);
  return fn.finish(y, [axis](const BackwardContext& c) { return Grads{flip(c.grad_output(0), axis)}; });
}

Variable tile(const Variable& x, const Shape& reps_in) {
  for (int64_t r : reps_in)
    if (r < 0) throw ValueError("tile: negative repetition in " + shape_to_string(reps_in));
  const size_t nd = std::max(static_cast<size_t>(x.ndim()), reps_in.size());
  // Both the shape and the repetitions are padded with leading ones to the same length.
  Shape shape(nd - x.shape().size(), 1), reps(nd - reps_in.size(), 1);
  shape.insert(shape.end(), x.shape().begin(), x.shape().end());
  reps.insert(reps.end(), reps_in.begin(), reps_in.end());
  if (nd > static_cast<size_t>(kMaxDims))
    throw ShapeError("tile: the result would have " + std::to_string(nd) + " dimensions, more than " +
                     std::to_string(kMaxDims));
  Variable y = reshape(x, shape);
  for (size_t a = 0; a < nd; ++a)
    if (reps[a] != 1) y = replicate_axis(y, static_cast<int64_t>(a), reps[a], false);
  return y;
}

Variable repeat(const Variable& x, int64_t repeats, std::optional<int64_t> axis) {
  if (repeats < 0) throw ValueError("repeat: negative repeats " + std::to_string(repeats));
  if (!axis) return replicate_axis(flatten(x), 0, repeats, true);
  if (x.ndim() == 0) throw IndexError("repeat: axis given for a 0-dimensional array");
  return replicate_axis(x, normalize_axis(*axis, x.ndim(), "repeat"), repeats, true);
}

}  // namespace kusari

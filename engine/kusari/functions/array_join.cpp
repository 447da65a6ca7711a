// Joining and splitting: concat, stack, hstack, vstack, split_axis, separate. Each join's
// gradient is the matching split and vice versa; split pieces are views of the input.
#include <string>

#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/array.h"
#include "kusari/functions/array_detail.h"
#include "kusari/functions/shape_ops.h"

namespace kusari {

Variable concat(const std::vector<Variable>& xs, int64_t axis) {
  if (xs.empty()) throw ValueError("concat: need at least one array");
  if (xs[0].ndim() == 0) throw ShapeError("concat: zero-dimensional arrays cannot be concatenated");
  FunctionScope fn("concat", xs);
  std::vector<Tensor> ts;
  for (const Variable& x : xs) ts.push_back(x.data());
  Tensor y = ops::concat(ts, axis);
  axis = normalize_axis(axis, xs[0].ndim(), "concat");
  std::vector<int64_t> bounds;  // where each input but the first starts in y
  int64_t at = 0;
  for (size_t i = 0; i + 1 < xs.size(); ++i) bounds.push_back(at += xs[i].shape()[axis]);
  return fn.finish(y, [bounds, axis](const BackwardContext& c) {
    std::vector<Variable> parts = split_axis(c.grad_output(0), bounds, axis);
    for (size_t i = 0; i < parts.size(); ++i) parts[i] = array_detail::grad_as(parts[i], c.input(i).dtype());
    return parts;
  });
}

Variable stack(const std::vector<Variable>& xs, int64_t axis) {
  if (xs.empty()) throw ValueError("stack: need at least one array");
  for (const Variable& x : xs)
    if (x.shape() != xs[0].shape())
      throw ShapeError("stack: all input arrays must have the same shape, got " + shape_to_string(xs[0].shape()) +
                       " and " + shape_to_string(x.shape()));
  axis = normalize_axis(axis, xs[0].ndim() + 1, "stack");
  std::vector<Variable> expanded;
  for (const Variable& x : xs) expanded.push_back(expand_dims(x, axis));
  return concat(expanded, axis);
}

// NumPy: 1-D inputs (0-D ones become 1-D) join along axis 0, others along axis 1.
Variable hstack(const std::vector<Variable>& xs) {
  if (xs.empty()) throw ValueError("hstack: need at least one array");
  std::vector<Variable> ys;
  for (const Variable& x : xs) ys.push_back(x.ndim() == 0 ? reshape(x, {1}) : x);
  return concat(ys, ys[0].ndim() == 1 ? 0 : 1);
}

// NumPy: inputs of fewer than 2 dimensions become (1, n) rows, then join along axis 0.
Variable vstack(const std::vector<Variable>& xs) {
  if (xs.empty()) throw ValueError("vstack: need at least one array");
  std::vector<Variable> ys;
  for (const Variable& x : xs) ys.push_back(x.ndim() >= 2 ? x : reshape(x, {1, x.numel()}));
  return concat(ys, 0);
}

std::vector<Variable> split_axis(const Variable& x, int64_t sections, int64_t axis) {
  if (x.ndim() == 0) throw ShapeError("split_axis: cannot split a 0-dimensional array");
  axis = normalize_axis(axis, x.ndim(), "split_axis");
  const int64_t n = x.shape()[axis];
  if (sections <= 0) throw ValueError("split_axis: number of sections must be positive, got " + std::to_string(sections));
  if (n % sections != 0)
    throw ValueError("split_axis: array split does not result in an equal division (axis " + std::to_string(axis) +
                     " of " + x.data().describe() + " into " + std::to_string(sections) + " sections)");
  std::vector<int64_t> indices;
  for (int64_t k = 1; k < sections; ++k) indices.push_back(k * (n / sections));
  return split_axis(x, indices, axis);
}

std::vector<Variable> split_axis(const Variable& x, const std::vector<int64_t>& indices, int64_t axis) {
  if (x.ndim() == 0) throw ShapeError("split_axis: cannot split a 0-dimensional array");
  axis = normalize_axis(axis, x.ndim(), "split_axis");
  const int64_t n = x.shape()[axis];
  // Python slice bounds: negative counts from the end, then clipped to [0, n].
  std::vector<int64_t> b{0};
  for (int64_t i : indices) b.push_back(std::clamp<int64_t>(i < 0 ? i + n : i, 0, n));
  b.push_back(n);
  bool tiles = true;  // non-decreasing bounds: the pieces cover x exactly once
  std::vector<Tensor> pieces;
  std::vector<std::pair<int64_t, int64_t>> ranges;
  for (size_t k = 0; k + 1 < b.size(); ++k) {
    const int64_t start = b[k], stop = std::max(b[k], b[k + 1]);
    tiles = tiles && b[k] <= b[k + 1];
    ranges.emplace_back(start, stop);
    pieces.push_back(x.data().slice(axis, start, stop));
  }
  FunctionScope fn("split_axis", {x});
  return fn.finish(pieces, [tiles, ranges, axis](const BackwardContext& c) {
    const Shape& shape = c.input(0).shape();
    std::vector<Variable> gys;
    for (size_t k = 0; k < ranges.size(); ++k) gys.push_back(c.grad_output(k));
    if (tiles) return Grads{concat(gys, axis)};
    Variable gx;  // overlapping pieces: sum the gradients scattered at their places
    for (size_t k = 0; k < ranges.size(); ++k) {
      std::vector<Slice> index(axis, Slice::all());
      index.push_back(Slice::range(ranges[k].first, ranges[k].second));
      Variable part = array_detail::scatter_basic(gys[k], shape, index);
      gx = gx.defined() ? add(gx, part) : part;
    }
    return Grads{gx};
  });
}

std::vector<Variable> separate(const Variable& x, int64_t axis) {
  if (x.ndim() == 0) throw ShapeError("separate: cannot separate a 0-dimensional array");
  axis = normalize_axis(axis, x.ndim(), "separate");
  const int64_t n = x.shape()[axis];
  if (n == 0) return {};
  std::vector<Tensor> parts;
  for (int64_t i = 0; i < n; ++i) parts.push_back(x.data().select(axis, i));
  FunctionScope fn("separate", {x});
  return fn.finish(parts, [n, axis](const BackwardContext& c) {
    std::vector<Variable> gys;
    for (int64_t i = 0; i < n; ++i) gys.push_back(c.grad_output(i));
    return Grads{stack(gys, axis)};
  });
}

}  // namespace kusari

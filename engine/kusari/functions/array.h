// Array family: shape manipulation, joining/splitting, indexing, padding, casting.
// reshape/transpose are in shape_ops.h, broadcast_to/sum_to in reduction.h.
#pragma once
#include <optional>
#include <vector>

#include "kusari/autograd/variable.h"

namespace kusari {

Variable swapaxes(const Variable& x, int64_t a, int64_t b);
Variable moveaxis(const Variable& x, const Axes& source, const Axes& destination);
Variable expand_dims(const Variable& x, int64_t axis);
Variable squeeze(const Variable& x, const Axes& axes = {});
Variable flatten(const Variable& x);
Variable concat(const std::vector<Variable>& xs, int64_t axis = 1);
Variable stack(const std::vector<Variable>& xs, int64_t axis = 0);
Variable hstack(const std::vector<Variable>& xs);
Variable vstack(const std::vector<Variable>& xs);
// Splits into `sections` equal parts, or at the given indices (numpy.split semantics).
std::vector<Variable> split_axis(const Variable& x, int64_t sections, int64_t axis);
std::vector<Variable> split_axis(const Variable& x, const std::vector<int64_t>& indices, int64_t axis);
std::vector<Variable> separate(const Variable& x, int64_t axis = 0);
// Basic indexing (integers, slices, None, ...).
Variable get_item(const Variable& x, const std::vector<Slice>& index);
// Integer-array indexing along one axis: x.take(indices, axis) with NumPy's result shape.
Variable get_item(const Variable& x, const Tensor& indices, int64_t axis = 0);
Variable where(const Tensor& condition, const Variable& a, const Variable& b);
// y[i] = x[i, t[i]] for a 2-D x and 1-D int t (Chainer's select_item).
Variable select_item(const Variable& x, const Tensor& t);
// Constant padding: pad_width[i] = {before, after} for every axis.
Variable pad(const Variable& x, const std::vector<std::pair<int64_t, int64_t>>& pad_width, double value = 0);
Variable flip(const Variable& x, int64_t axis);
Variable tile(const Variable& x, const Shape& reps);
Variable repeat(const Variable& x, int64_t repeats, std::optional<int64_t> axis = std::nullopt);
Variable cast(const Variable& x, Dtype dtype);
Variable copy(const Variable& x);
// Adds `values` into a copy of `a` at integer `indices` along axis 0 (duplicates accumulate).
Variable scatter_add(const Variable& a, const Tensor& indices, const Variable& values);

}  // namespace kusari

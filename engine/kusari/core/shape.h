// Shapes, strides (in elements) and the broadcasting rules of NumPy.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace kusari {

using Shape = std::vector<int64_t>;
using Strides = std::vector<int64_t>;
using Axes = std::vector<int64_t>;

inline constexpr int kMaxDims = 8;

int64_t shape_numel(const Shape& s);
std::string shape_to_string(const Shape& s);  // "(64, 1, 28, 28)", "(3,)", "()"
Strides contiguous_strides(const Shape& s);
// NumPy broadcasting of two shapes; throws ShapeError naming `op` and both shapes.
Shape broadcast_shapes(const Shape& a, const Shape& b, const char* op = "broadcast");
// Normalizes a possibly negative axis against ndim; throws IndexError when out of range.
int64_t normalize_axis(int64_t axis, int64_t ndim, const char* op = "axis");
// Sorted, unique, normalized axes; an empty `axes` with all_if_empty means every axis.
Axes normalize_axes(const Axes& axes, int64_t ndim, bool all_if_empty, const char* op = "axes");
// Shape after reducing `axes` (normalized), keeping them as size 1 when keepdims.
Shape reduced_shape(const Shape& s, const Axes& axes, bool keepdims);

}  // namespace kusari

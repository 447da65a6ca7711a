#include "kusari/core/shape.h"

#include <algorithm>

#include "kusari/core/error.h"

namespace kusari {

int64_t shape_numel(const Shape& s) {
  int64_t n = 1;
  for (int64_t d : s) n *= d;
  return n;
}

std::string shape_to_string(const Shape& s) {
  std::string r = "(";
  for (size_t i = 0; i < s.size(); ++i) {
    if (i) r += ", ";
    r += std::to_string(s[i]);
  }
  if (s.size() == 1) r += ",";
  return r + ")";
}

Strides contiguous_strides(const Shape& s) {
  Strides st(s.size());
  int64_t acc = 1;
  for (size_t i = s.size(); i-- > 0;) {
    st[i] = acc;
    acc *= std::max<int64_t>(s[i], 1);
  }
  return st;
}

Shape broadcast_shapes(const Shape& a, const Shape& b, const char* op) {
  if (a == b) return a;
  size_t n = std::max(a.size(), b.size());
  Shape r(n);
  for (size_t i = 0; i < n; ++i) {
    int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
    int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
    if (da != db && da != 1 && db != 1)
      throw ShapeError(std::string(op) + ": shapes " + shape_to_string(a) + " and " +
                       shape_to_string(b) + " cannot be broadcast together");
    r[i] = da == 1 ? db : da;
  }
  return r;
}

int64_t normalize_axis(int64_t axis, int64_t ndim, const char* op) {
  if (axis < -ndim || axis >= ndim)  // a 0-d array has no axis at all (NumPy's AxisError)
    throw IndexError(std::string(op) + ": axis " + std::to_string(axis) +
                     " is out of bounds for an array of dimension " + std::to_string(ndim));
  return axis < 0 ? axis + ndim : axis;
}

Axes normalize_axes(const Axes& axes, int64_t ndim, bool all_if_empty, const char* op) {
  Axes r;
  if (axes.empty() && all_if_empty) {
    for (int64_t i = 0; i < ndim; ++i) r.push_back(i);
    return r;
  }
  for (int64_t a : axes) r.push_back(normalize_axis(a, ndim, op));
  std::sort(r.begin(), r.end());
  if (std::adjacent_find(r.begin(), r.end()) != r.end())
    throw ValueError(std::string(op) + ": repeated axis");
  return r;
}

Shape reduced_shape(const Shape& s, const Axes& axes, bool keepdims) {
  Shape r;
  for (size_t i = 0; i < s.size(); ++i) {
    bool reduced = std::find(axes.begin(), axes.end(), static_cast<int64_t>(i)) != axes.end();
    if (!reduced) r.push_back(s[i]);
    else if (keepdims) r.push_back(1);
  }
  return r;
}

}  // namespace kusari

// Conversions of Chainer-style Python arguments (axis=None|int|tuple, ksize=int|pair).
#pragma once
#include "bindings.h"

namespace kusari::python {

inline Axes axes_arg(const py::object& axis) {
  if (axis.is_none()) return {};
  if (py::isinstance<py::int_>(axis)) return {axis.cast<int64_t>()};
  return axis.cast<Axes>();
}

inline std::pair<int64_t, int64_t> pair_arg(const py::object& v, const char* what) {
  if (py::isinstance<py::int_>(v)) return {v.cast<int64_t>(), v.cast<int64_t>()};
  auto t = v.cast<std::vector<int64_t>>();
  if (t.size() != 2) throw py::value_error(std::string(what) + " must be an int or a pair of ints");
  return {t[0], t[1]};
}

inline std::vector<Variable> variables_arg(const py::iterable& xs) {
  std::vector<Variable> r;
  for (auto x : xs) r.push_back(as_variable(x));
  return r;
}

inline Variable optional_variable(const py::object& o) { return o.is_none() ? Variable() : as_variable(o); }

// A tuple of Variables as Python sees it.
inline py::tuple variables_tuple(const std::vector<Variable>& vs) {
  py::tuple t(vs.size());
  for (size_t i = 0; i < vs.size(); ++i) t[i] = py::cast(vs[i]);
  return t;
}

}  // namespace kusari::python

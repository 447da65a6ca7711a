// Examples cross to Python as Chainer's datasets return them: a tuple of ndarray views, with
// 0-d elements (labels) as NumPy scalars (numpy.int32, like `labels[i]` in NumPy).
#pragma once
#include <memory>

#include "bindings.h"
#include "kusari/datasets/dataset.h"

namespace kusari::python {

inline py::object element_to_python(const Tensor& t) {
  py::array a = array_from_tensor(t);
  if (t.ndim() == 0) return a[py::tuple()];
  return std::move(a);
}

inline py::tuple example_to_python(const datasets::Example& e) {
  py::tuple t(e.size());
  for (size_t k = 0; k < e.size(); ++k) t[k] = element_to_python(e[k]);
  return t;
}

inline py::tuple tensors_to_python(const std::vector<Tensor>& ts) {
  py::tuple t(ts.size());
  for (size_t k = 0; k < ts.size(); ++k) t[k] = array_from_tensor(ts[k]);
  return t;
}

using DatasetPtr = std::shared_ptr<datasets::Dataset>;

}  // namespace kusari::python

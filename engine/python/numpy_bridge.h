// Tensors and NumPy arrays share memory both ways: an ndarray becomes a Tensor view that
// keeps the array alive, a CPU Tensor becomes an ndarray view that keeps the storage alive.
#pragma once
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include "kusari/autograd/variable.h"
#include "kusari/core/tensor.h"

namespace kusari::python {

namespace py = pybind11;

// No copy when the array's dtype is supported and its strides are whole elements;
// otherwise a converted copy (uint8 -> int32, float16 -> float32, ...).
Tensor tensor_from_array(const py::array& array);
// Any Python object NumPy can turn into an array (lists, scalars).
Tensor tensor_from_object(const py::handle& obj);
py::array array_from_tensor(const Tensor& t);
py::dtype numpy_dtype(Dtype d);

}  // namespace kusari::python

// Tensors cross the boundary as NumPy arrays: arguments accept ndarrays, array-likes and
// Variables (their data); results become ndarray views.
namespace pybind11::detail {
template <>
struct type_caster<kusari::Tensor> {
  PYBIND11_TYPE_CASTER(kusari::Tensor, const_name("numpy.ndarray"));
  bool load(handle src, bool convert);
  static handle cast(const kusari::Tensor& t, return_value_policy, handle) {
    if (!t.defined()) return none().release();
    return kusari::python::array_from_tensor(t).release();
  }
};
}  // namespace pybind11::detail

// Conversions shared by the model-layer bindings (links, initializers, optimizers):
// Chainer's loose arguments (initialW=array|scalar|initializer|callable, dtype=...) and
// Python callables held by C++ objects.
#pragma once
#include <memory>
#include <optional>

#include "bindings.h"
#include "kusari/initializers/initializer.h"
#include "kusari/links/link.h"

namespace kusari::python {

// None -> null (the link's default); an engine initializer as is; a scalar -> Constant;
// an array -> its values broadcast into the parameter; any other callable -> called with the
// parameter's array to fill it in place (Chainer's protocol).
initializers::InitializerPtr initializer_arg(const py::object& init);

// numpy dtype (or None -> float32) as an engine dtype.
Dtype dtype_arg(const py::object& dtype);

inline std::optional<int64_t> optional_int(const py::object& o) {
  return o.is_none() ? std::nullopt : std::optional<int64_t>(o.cast<int64_t>());
}

// A Python object kept by a C++ object that may be destroyed without the GIL.
inline std::shared_ptr<py::object> hold(py::object o) {
  return std::shared_ptr<py::object>(new py::object(std::move(o)), [](py::object* p) {
    py::gil_scoped_acquire gil;
    delete p;
  });
}

// Python -> C++ link handle. Links that Python code hands to a C++ container stay alive
// through keep_alive on the container's Python object (pybind11 2.x cannot tie a trampoline's
// Python half to a C++ shared_ptr).
inline std::shared_ptr<Link> link_arg(const py::handle& o) { return o.cast<std::shared_ptr<Link>>(); }

// A raw child pointer as Python sees it: the existing Python object when there is one
// (Python-made links), else a view that keeps `parent` alive.
inline py::object link_object(Link* link, const py::handle& parent) {
  return py::cast(link, py::return_value_policy::reference_internal, parent);
}

}  // namespace kusari::python

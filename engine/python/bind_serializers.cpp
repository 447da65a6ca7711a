// kusari.serializers: Chainer's save_npz / load_npz over the engine's NpzSerializer and
// NpzDeserializer, and the serializer protocol (serializer[name], serializer(key, value)) that
// Python serialize() methods use.
#include "kusari/serializers/npz_serializer.h"
#include "link_args.h"

namespace kusari::python {

namespace {

// Text (Chainer's LogReport and DictSummary keep JSON strings): the engine's files hold arrays,
// so a string travels as a 1-D int32 array of its UTF-8 bytes. Loading returns the stored
// string, or `value` when the key is absent.
py::object serialize_text(Serializer& s, const std::string& key, const py::object& value) {
  Tensor t;
  if (!s.is_loading()) {
    std::string bytes = value.cast<std::string>();
    py::array_t<int32_t> codes(static_cast<py::ssize_t>(bytes.size()));
    for (size_t i = 0; i < bytes.size(); ++i) codes.mutable_at(i) = static_cast<unsigned char>(bytes[i]);
    t = tensor_from_array(codes);
  }
  s(key, t);
  if (!s.is_loading()) return value;
  if (!t.defined()) return value;
  py::array_t<int32_t, py::array::c_style | py::array::forcecast> codes = array_from_tensor(t);
  std::string bytes(static_cast<size_t>(codes.size()), '\0');
  for (py::ssize_t i = 0; i < codes.size(); ++i) bytes[i] = static_cast<char>(codes.data()[i]);
  return py::str(bytes);
}

// serializer(key, value): saves value, or loads into it and returns it. Arrays are loaded in
// place; scalars, being immutable in Python, come back as the return value (Chainer's rule:
// `self.n = serializer('n', self.n)`).
py::object serialize_value(Serializer& s, const std::string& key, const py::object& value) {
  if (py::isinstance<py::str>(value)) return serialize_text(s, key, value);
  if (value.is_none()) {
    Tensor t;
    s(key, t);
    return t.defined() ? py::object(array_from_tensor(t)) : py::object(py::none());
  }
  if (py::isinstance<py::bool_>(value) || py::isinstance<py::int_>(value) || py::isinstance<py::float_>(value) ||
      (py::hasattr(value, "ndim") && !py::isinstance<Variable>(value) && value.attr("ndim").cast<int>() == 0 &&
       !py::isinstance<py::array>(value))) {
    double d = value.cast<double>();
    s(key, d);
    return py::type::of(value)(d);
  }
  py::object target = py::isinstance<Variable>(value) ? value.attr("array") : value;
  if (!py::isinstance<py::array>(target)) throw py::type_error("serializer: cannot serialize '" + key + "' of type " +
                                                               py::str(py::type::of(value)).cast<std::string>());
  py::array array = target;
  Tensor t = tensor_from_array(array);
  s(key, t);
  // A converted copy (an unsupported dtype) is written back.
  if (s.is_loading() && !t.shares_storage(tensor_from_array(array))) array[py::ellipsis()] = array_from_tensor(t);
  return value;
}

// Calls obj.serialize(s): links (C++ or Python), optimizers, or any object with the method.
void serialize_object(const py::object& obj, Serializer& s) {
  obj.attr("serialize")(py::cast(&s, py::return_value_policy::reference));
}

}  // namespace

void init_serializers(py::module_& m) {
  py::module_ sm = m.def_submodule("serializers", "Saving and loading models (chainer.serializers).");
  py::class_<Serializer>(sm, "Serializer")
      .def("__getitem__", [](Serializer& s, const std::string& name) { return s.child(name); }, py::arg("name"))
      .def("__call__", &serialize_value, py::arg("key"), py::arg("value"))
      .def_property_readonly("is_loading", &Serializer::is_loading);

  sm.def("save_npz", [](const std::string& file, const py::object& obj, bool compression) {
    serializers::save_npz(file, [&](Serializer& s) { serialize_object(obj, s); }, compression);
  }, py::arg("file"), py::arg("obj"), py::arg("compression") = true);
  sm.def("load_npz", [](const std::string& file, const py::object& obj, const std::string& path, bool strict,
                        const std::vector<std::string>& ignore_names) {
    serializers::load_npz(file, [&](Serializer& s) { serialize_object(obj, s); }, path, strict, ignore_names);
  }, py::arg("file"), py::arg("obj"), py::arg("path") = "", py::arg("strict") = true,
     py::arg("ignore_names") = std::vector<std::string>{});
}

}  // namespace kusari::python

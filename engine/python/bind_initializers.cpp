// kusari.initializers: the engine's initializers, callable on NumPy arrays like Chainer's.
#include "kusari/initializers/initializers.h"

#include "link_args.h"

namespace kusari::python {

namespace {

using initializers::Initializer;

// Chainer accepts any callable that fills an array in place as an initializer.
class CallableInitializer : public Initializer {
 public:
  explicit CallableInitializer(py::object fn) : fn_(hold(std::move(fn))) {}
  void operator()(Tensor& array) const override {
    py::gil_scoped_acquire gil;
    (*fn_)(array_from_tensor(array));
  }

 private:
  std::shared_ptr<py::object> fn_;
};

// initialW=array: the values, broadcast to the parameter's shape (Chainer's Constant(array)).
class ArrayInitializer : public Initializer {
 public:
  explicit ArrayInitializer(Tensor values) : values_(std::move(values)) {}
  void operator()(Tensor& array) const override { array.copy_from(values_); }

 private:
  Tensor values_;
};

// Python subclasses of kusari.initializers.Initializer define __call__(array).
class PyInitializer : public Initializer {
 public:
  void operator()(Tensor& array) const override {
    py::gil_scoped_acquire gil;
    py::function f = py::get_override(static_cast<const Initializer*>(this), "__call__");
    if (!f) throw ValueError("Initializer: a subclass must define __call__(array)");
    f(array_from_tensor(array));
  }
};

bool is_scalar(const py::handle& o) {
  static py::object number = py::module_::import("numbers").attr("Number");
  return py::isinstance(o, number) && !py::isinstance<py::array>(o);
}

// Fills `array` (an ndarray, in place) with `init`; ndarrays of unsupported dtypes go through a copy.
py::object fill(const Initializer& init, py::array array) {
  Tensor t = tensor_from_array(array);
  init(t);
  if (!t.shares_storage(tensor_from_array(array))) array[py::ellipsis()] = array_from_tensor(t);
  return array;
}

}  // namespace

Dtype dtype_arg(const py::object& dtype) {
  if (dtype.is_none()) return Dtype::Float32;
  py::dtype dt = py::dtype::from_args(dtype);
  if (dt.kind() == 'f') return dt.itemsize() == 8 ? Dtype::Float64 : Dtype::Float32;
  throw py::type_error("parameters must be float32 or float64, got " + py::str(dt).cast<std::string>());
}

initializers::InitializerPtr initializer_arg(const py::object& init) {
  if (init.is_none()) return nullptr;
  if (py::isinstance<Initializer>(init)) {
    // A Python subclass is held through its Python object, which must outlive lazy links.
    auto* info = py::detail::get_type_info(Py_TYPE(init.ptr()));
    if (info && info->type == Py_TYPE(init.ptr())) return init.cast<std::shared_ptr<Initializer>>();
    return std::make_shared<CallableInitializer>(init);
  }
  if (is_scalar(init)) return std::make_shared<initializers::Constant>(init.cast<double>());
  if (py::isinstance<py::array>(init) || py::isinstance<Variable>(init))
    return std::make_shared<ArrayInitializer>(tensor_from_object(init).clone());
  if (PyCallable_Check(init.ptr())) return std::make_shared<CallableInitializer>(init);
  throw py::type_error("an initializer must be None, a scalar, an array or a callable, got " +
                       py::str(py::type::of(init)).cast<std::string>());
}

void init_initializers(py::module_& m) {
  namespace I = initializers;
  py::module_ im = m.def_submodule("initializers", "Parameter initializers (chainer.initializers).");
  py::class_<Initializer, PyInitializer, std::shared_ptr<Initializer>>(im, "Initializer", py::dynamic_attr())
      .def(py::init<>())
      .def("__call__", [](const Initializer& i, py::array a) { return fill(i, std::move(a)); }, py::arg("array"));
  py::class_<I::Constant, Initializer, std::shared_ptr<I::Constant>>(im, "Constant")
      .def(py::init<double>(), py::arg("fill_value"))
      .def_property_readonly("fill_value", &I::Constant::fill_value);
  py::class_<I::Zero, I::Constant, std::shared_ptr<I::Zero>>(im, "Zero").def(py::init<>());
  py::class_<I::One, I::Constant, std::shared_ptr<I::One>>(im, "One").def(py::init<>());
#define KUSARI_SCALED(Name, default_scale) \
  py::class_<I::Name, Initializer, std::shared_ptr<I::Name>>(im, #Name).def(py::init<double>(), py::arg("scale") = default_scale)
  KUSARI_SCALED(Normal, 0.05);
  KUSARI_SCALED(LeCunNormal, 1.0);
  KUSARI_SCALED(GlorotNormal, 1.0);
  KUSARI_SCALED(Uniform, 0.05);
  KUSARI_SCALED(GlorotUniform, 1.0);
  KUSARI_SCALED(Orthogonal, 1.1);
#undef KUSARI_SCALED
  py::class_<I::HeNormal, Initializer, std::shared_ptr<I::HeNormal>>(im, "HeNormal")
      .def(py::init([](double scale, const std::string& fan) {
             if (fan != "fan_in" && fan != "fan_out") throw py::value_error("HeNormal: fan_option must be 'fan_in' or 'fan_out'");
             return std::make_shared<I::HeNormal>(scale, fan == "fan_in" ? I::FanOption::FanIn : I::FanOption::FanOut);
           }),
           py::arg("scale") = 1.0, py::arg("fan_option") = "fan_in");
  im.def("generate_array", [](const py::object& init, const Shape& shape, const py::object&, const py::object& dtype) {
    I::InitializerPtr i = initializer_arg(init);
    if (!i) i = std::make_shared<I::Zero>();
    return I::generate_array(*i, shape, dtype_arg(dtype));
  }, py::arg("initializer"), py::arg("shape"), py::arg("xp") = py::none(), py::arg("dtype") = py::none());
  im.def("_get_fans", &I::get_fans);
}

}  // namespace kusari::python

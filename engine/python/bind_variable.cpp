// kusari.Variable: Chainer's Variable over the engine's Variable handle.
#include <sstream>

#include "bindings.h"
#include "kusari/autograd/backward.h"
#include "kusari/autograd/function_node.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/shape_ops.h"

namespace kusari::python {

Variable as_variable(const py::handle& obj) {
  if (py::isinstance<Variable>(obj)) return py::cast<Variable>(obj);
  return Variable(tensor_from_object(obj));
}

namespace {

// What py::implicitly_convertible<py::array, Variable>() does, except that the Variable made
// from an array passed where a Variable is expected does not require grad (as_variable above,
// Chainer's as_variable): implicitly_convertible calls kusari.Variable(x), whose default
// requires_grad=True (right for an explicit Variable) made every F.linear(x_batch, ...) compute
// an unused gradient for its input batch, ~15% of a training step of an MLP.
void implicitly_convert_arrays_to_constants() {
  auto caster = [](PyObject* obj, PyTypeObject*) -> PyObject* {
    if (!py::isinstance<py::array>(obj)) return nullptr;
    try {
      return py::cast(as_variable(obj)).release().ptr();
    } catch (...) {
      PyErr_Clear();
      return nullptr;
    }
  };
  auto* info = py::detail::get_type_info(typeid(Variable));
  if (!info) throw std::logic_error("kusari.Variable must be registered before its implicit conversion");
  info->implicit_conversions.emplace_back(caster);
}

// Python and NumPy scalars keep the variable's dtype (NumPy's rule for scalars).
bool is_scalar(const py::handle& o) {
  static py::object generic = py::module_::import("numpy").attr("generic");
  return py::isinstance<py::float_>(o) || py::isinstance<py::int_>(o) || py::isinstance(o, generic);
}

std::string repr(const Variable& v) {
  std::ostringstream os;
  os << "variable";
  if (!v.name().empty()) os << " " << v.name();
  if (!v.data().defined()) return os.str() + "(None)";
  std::string body = py::repr(array_from_tensor(v.data())).cast<std::string>();
  // "array([...], dtype=float32)" -> "variable([...])"
  if (body.rfind("array(", 0) == 0) body = body.substr(5);
  auto dt = body.rfind(", dtype=");
  if (dt != std::string::npos) body = body.substr(0, dt) + ")";
  return os.str() + body;
}

Shape shape_from_args(const py::args& args) {
  if (args.size() == 1 && (py::isinstance<py::tuple>(args[0]) || py::isinstance<py::list>(args[0])))
    return args[0].cast<Shape>();
  Shape s;
  for (const auto& a : args) s.push_back(a.cast<int64_t>());
  return s;
}

template <typename TensorFn, typename ScalarFn>
auto binary_op(TensorFn vf, ScalarFn sf) {
  return [vf, sf](const Variable& self, const py::object& other) -> Variable {
    // The common case first, x * y of two Variables: one type compare, no isinstance chain.
    static PyTypeObject* variable_type = reinterpret_cast<PyTypeObject*>(py::type::of<Variable>().ptr());
    if (Py_TYPE(other.ptr()) == variable_type) return vf(self, other.cast<const Variable&>());
    if (is_scalar(other)) return sf(self, other.cast<double>());
    return vf(self, as_variable(other));
  };
}

}  // namespace

void init_variable(py::module_& m) {
  py::class_<FunctionNode, std::shared_ptr<FunctionNode>>(m, "FunctionNode")
      .def_property_readonly("label", [](const FunctionNode& n) { return n.op; })
      .def_property_readonly("inputs", [](const FunctionNode& n) { return n.inputs; })
      .def_property_readonly("outputs", [](FunctionNode& n) {
        std::vector<py::object> outs;
        for (auto& w : n.outputs) {
          auto live = w.lock();
          outs.push_back(live ? py::cast(Variable(live)) : py::none());
        }
        return outs;
      })
      .def_property_readonly("rank", [](const FunctionNode& n) { return n.generation; })
      .def_property_readonly("id", [](const FunctionNode& n) { return n.id; })
      .def_property_readonly("link_path", [](const FunctionNode& n) { return n.link_path; })
      .def_property_readonly("source", [](const FunctionNode& n) {
        return n.location().known() ? py::make_tuple(n.location().file, n.location().line, n.location().function)
                                  : py::object(py::none());
      })
      .def("__repr__", [](const FunctionNode& n) { return "<FunctionNode " + n.describe() + ">"; });

  py::class_<Variable> var(m, "Variable");
  var.def(py::init([](const py::object& data, const std::string& name, bool requires_grad) {
            Variable v = data.is_none() ? Variable(std::make_shared<VariableImpl>()) : Variable(tensor_from_object(data), requires_grad);
            if (!name.empty()) v.set_name(name);
            return v;
          }),
          py::arg("data") = py::none(), py::arg("name") = "", py::arg("requires_grad") = true)
      .def_property_readonly("_kusari_variable", [](const Variable&) { return true; })
      .def_property("array", [](const Variable& v) { return v.data().defined() ? py::object(array_from_tensor(v.data())) : py::object(py::none()); },
                    [](Variable& v, const py::object& a) { v.set_data(tensor_from_object(a)); })
      .def_property("data", [](const Variable& v) { return v.data().defined() ? py::object(array_from_tensor(v.data())) : py::object(py::none()); },
                    [](Variable& v, const py::object& a) { v.set_data(tensor_from_object(a)); })
      .def_property("grad",
                    [](const Variable& v) { Variable g = v.grad(); return g.defined() ? py::object(array_from_tensor(g.data())) : py::object(py::none()); },
                    [](Variable& v, const py::object& g) { v.set_grad(g.is_none() ? Variable() : Variable(tensor_from_object(g))); })
      .def_property("grad_var", [](const Variable& v) { Variable g = v.grad(); return g.defined() ? py::cast(g) : py::object(py::none()); },
                    [](Variable& v, const py::object& g) { v.set_grad(g.is_none() ? Variable() : as_variable(g)); })
      .def_property("name", [](const Variable& v) { return v.name().empty() ? py::object(py::none()) : py::cast(v.name()); },
                    [](Variable& v, const py::object& n) { v.set_name(n.is_none() ? "" : n.cast<std::string>()); })
      .def_property("requires_grad", &Variable::requires_grad, &Variable::set_requires_grad)
      .def_property_readonly("shape", [](const Variable& v) { return py::tuple(py::cast(v.shape())); })
      .def_property_readonly("dtype", [](const Variable& v) { return numpy_dtype(v.dtype()); })
      .def_property_readonly("ndim", &Variable::ndim)
      .def_property_readonly("size", &Variable::numel)
      .def_property_readonly("xp", [](const Variable&) { return py::module_::import("numpy"); })
      .def_property_readonly("device", [](const Variable& v) { return v.data().device().to_string(); })
      .def_property_readonly("creator", [](const Variable& v) { return v.creator(); })
      .def_property_readonly("node", [](const Variable& v) { return v.creator(); })
      .def_property_readonly("T", [](const Variable& v) { return transpose(v); })
      .def("backward", [](const Variable& v, bool retain_grad, bool enable_double_backprop) {
             py::gil_scoped_release release;
             v.backward(retain_grad, enable_double_backprop);
           },
           py::arg("retain_grad") = false, py::arg("enable_double_backprop") = false)
      .def("cleargrad", &Variable::cleargrad)
      .def("zerograd", [](Variable& v) { v.set_grad(Variable(ops::zeros_like(v.data()))); })
      .def("unchain", &Variable::unchain)
      .def("unchain_backward", &Variable::unchain_backward)
      .def("reshape", [](const Variable& v, const py::args& a) { return reshape(v, shape_from_args(a)); })
      .def("transpose", [](const Variable& v, const py::args& a) { return transpose(v, shape_from_args(a)); })
      .def("item", [](const Variable& v) { return v.data().item(); })
      .def("__len__", [](const Variable& v) {
        if (v.ndim() == 0) throw py::type_error("len() of a 0-d variable");
        return v.shape()[0];
      })
      .def("__repr__", &repr)
      .def("__str__", [](const Variable& v) { return py::str(array_from_tensor(v.data())); })
      .def("__hash__", [](const Variable& v) { return v.id(); })
      .def("__eq__", [](const Variable& a, const py::object& b) {
        return py::isinstance<Variable>(b) && a.is(py::cast<Variable>(b));
      })
      .def("__bool__", [](const Variable&) -> bool {
        throw py::type_error("the truth value of a Variable is ambiguous; compare .array instead");
      })
      .def("__neg__", [](const Variable& v) { return neg(v); })
      .def("__abs__", [](const Variable& v) { return py::module_::import("kusari.functions").attr("absolute")(v); })
      .def("__add__", binary_op([](auto a, auto b) { return add(a, b); }, [](auto a, double s) { return add(a, s); }))
      .def("__radd__", binary_op([](auto a, auto b) { return add(b, a); }, [](auto a, double s) { return add(a, s); }))
      .def("__sub__", binary_op([](auto a, auto b) { return sub(a, b); }, [](auto a, double s) { return add(a, -s); }))
      .def("__rsub__", binary_op([](auto a, auto b) { return sub(b, a); }, [](auto a, double s) { return rsub(a, s); }))
      .def("__mul__", binary_op([](auto a, auto b) { return mul(a, b); }, [](auto a, double s) { return mul(a, s); }))
      .def("__rmul__", binary_op([](auto a, auto b) { return mul(b, a); }, [](auto a, double s) { return mul(a, s); }))
      .def("__truediv__", binary_op([](auto a, auto b) { return div(a, b); }, [](auto a, double s) { return mul(a, 1.0 / s); }))
      .def("__rtruediv__", binary_op([](auto a, auto b) { return div(b, a); }, [](auto a, double s) { return rdiv(a, s); }))
      .def("__pow__", binary_op([](auto a, auto b) { return pow(a, b); }, [](auto a, double s) { return pow(a, s); }))
      .def("__rpow__", binary_op([](auto a, auto b) { return pow(b, a); }, [](auto a, double s) { return rpow(a, s); }))
      .def("__matmul__", [](const Variable& a, const py::object& b) { return matmul(a, as_variable(b)); })
      .def("__rmatmul__", [](const Variable& a, const py::object& b) { return matmul(as_variable(b), a); })
      .def("__getitem__", [](const Variable& v, const py::object& index) {
        return py::module_::import("kusari.functions").attr("get_item")(v, index);
      })
      .def("__array__", [](const Variable& v) { return array_from_tensor(v.data()); });
  var.attr("__array_priority__") = 200;
  implicitly_convert_arrays_to_constants();

  m.def("grad", [](const std::vector<Variable>& outputs, const std::vector<Variable>& inputs,
                   const py::object& grad_outputs, bool enable_double_backprop) {
          std::vector<Variable> gys;
          if (!grad_outputs.is_none())
            for (auto g : grad_outputs) gys.push_back(g.is_none() ? Variable() : as_variable(g));
          std::vector<py::object> result;
          for (const Variable& g : grad(outputs, inputs, gys, enable_double_backprop))
            result.push_back(g.defined() ? py::cast(g) : py::object(py::none()));
          return result;
        },
        py::arg("outputs"), py::arg("inputs"), py::arg("grad_outputs") = py::none(),
        py::arg("enable_double_backprop") = false);
  m.def("as_variable", [](const py::object& o) {
    if (py::isinstance<Variable>(o)) return py::cast<Variable>(o);
    Variable v(tensor_from_object(o), false);
    return v;
  });
}

}  // namespace kusari::python

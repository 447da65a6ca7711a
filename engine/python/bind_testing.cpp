// kusari._kusari.gradient_check: the engine's numerical gradient checks with a Python callable
// as the function under test. A failed check raises GradientCheckError, an AssertionError.
#include "bind_args.h"
#include "kusari/testing/gradient_check.h"

namespace kusari::python {

namespace {

using testing::DifferentiableFn;

std::vector<Variable> outputs_of(const py::object& r) {
  std::vector<Variable> ys;
  if (py::isinstance<py::tuple>(r) || py::isinstance<py::list>(r)) {
    for (auto y : r) ys.push_back(as_variable(y));
  } else {
    ys.push_back(as_variable(r));
  }
  return ys;
}

// Undefined tensors stand for None (an output whose gradient is not checked).
std::vector<Tensor> tensors_or_none(const py::object& seq) {
  std::vector<Tensor> ts;
  if (seq.is_none()) return ts;
  for (auto t : seq) ts.push_back(t.is_none() ? Tensor() : tensor_from_object(t));
  return ts;
}

// `func(*variables)` over the checked inputs, with the inputs named in no_grads held constant:
// the engine sees only the checked ones.
struct PythonFunction {
  py::object func;
  std::vector<Tensor> all_inputs;
  std::vector<bool> constant;

  std::vector<Tensor> checked_inputs() const {
    std::vector<Tensor> r;
    for (size_t i = 0; i < all_inputs.size(); ++i)
      if (!constant[i]) r.push_back(all_inputs[i]);
    return r;
  }
  DifferentiableFn fn() const {
    return [this](const std::vector<Variable>& xs) {
      py::tuple args(all_inputs.size());
      size_t k = 0;
      for (size_t i = 0; i < all_inputs.size(); ++i)
        args[i] = constant[i] ? py::cast(Variable(all_inputs[i], false)) : py::cast(xs.at(k++));
      return outputs_of(func(*args));
    };
  }
};

PythonFunction python_function(py::object func, const py::object& x_data, const py::object& no_grads) {
  PythonFunction pf{std::move(func), tensors_or_none(x_data), {}};
  pf.constant.assign(pf.all_inputs.size(), false);
  if (!no_grads.is_none()) {
    auto ng = no_grads.cast<std::vector<bool>>();
    if (ng.size() != pf.all_inputs.size())
      throw ValueError("check_backward: no_grads has " + std::to_string(ng.size()) + " entries for " +
                       std::to_string(pf.all_inputs.size()) + " inputs");
    pf.constant = ng;
  }
  return pf;
}

// Chainer's numerical_grad: `f()` takes no arguments and reads the `inputs` arrays, which are
// changed in place around each evaluation and restored afterwards.
py::list numerical_grad(const py::object& f, const py::list& inputs, const py::object& grad_outputs, double eps) {
  std::vector<Tensor> views, saved;
  for (auto a : inputs) {
    if (!py::isinstance<py::array>(a)) throw py::type_error("numerical_grad: inputs must be NumPy arrays");
    Tensor t = tensor_from_array(py::reinterpret_borrow<py::array>(a));
    if (t.raw_data() != py::reinterpret_borrow<py::array>(a).data())
      throw DtypeError("numerical_grad: inputs must be bool, int32, int64, float32 or float64 arrays with whole-"
                       "element strides (they are changed in place)");
    views.push_back(t);
    saved.push_back(t.clone());
  }
  DifferentiableFn fn = [&](const std::vector<Variable>& xs) {
    for (size_t i = 0; i < views.size(); ++i) views[i].copy_from(xs[i].data());
    return outputs_of(f());
  };
  std::vector<Tensor> grads;
  try {
    grads = testing::numerical_grad(fn, saved, tensors_or_none(grad_outputs), eps);
  } catch (...) {
    for (size_t i = 0; i < views.size(); ++i) views[i].copy_from(saved[i]);
    throw;
  }
  for (size_t i = 0; i < views.size(); ++i) views[i].copy_from(saved[i]);
  py::list out;
  for (size_t i = 0; i < grads.size(); ++i) out.append(array_from_tensor(grads[i].astype(saved[i].dtype())));
  return out;
}

}  // namespace

void init_testing(py::module_& m) {
  py::module_ t = m.def_submodule("gradient_check", "The engine's numerical gradient checks.");
  py::register_exception<testing::GradientCheckError>(t, "GradientCheckError", PyExc_AssertionError);

  t.def("check_backward", [](const py::object& func, const py::object& x_data, const py::object& y_grad, double eps,
                             double atol, double rtol, const py::object& no_grads) {
    PythonFunction pf = python_function(func, x_data, no_grads);
    testing::check_backward(pf.fn(), pf.checked_inputs(), tensors_or_none(y_grad), {eps, atol, rtol, 0});
  }, py::arg("func"), py::arg("x_data"), py::arg("y_grad"), py::arg("eps"), py::arg("atol"), py::arg("rtol"),
        py::arg("no_grads"));
  t.def("check_double_backward", [](const py::object& func, const py::object& x_data, const py::object& y_grad,
                                    const py::object& x_grad_grad, double eps, double atol, double rtol,
                                    const py::object& no_grads) {
    PythonFunction pf = python_function(func, x_data, no_grads);
    testing::check_double_backward(pf.fn(), pf.checked_inputs(), tensors_or_none(y_grad),
                                   tensors_or_none(x_grad_grad), {eps, atol, rtol, 0});
  }, py::arg("func"), py::arg("x_data"), py::arg("y_grad"), py::arg("x_grad_grad"), py::arg("eps"), py::arg("atol"),
        py::arg("rtol"), py::arg("no_grads"));
  t.def("numerical_grad", &numerical_grad, py::arg("f"), py::arg("inputs"), py::arg("grad_outputs"),
        py::arg("eps") = 1e-3);
}

}  // namespace kusari::python

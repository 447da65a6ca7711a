// kusari.functions: arithmetic, reductions and the math family.
#include "bind_args.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/math.h"
#include "kusari/functions/reduction.h"
#include "kusari/functions/shape_ops.h"

namespace kusari::python {

void init_functions_activation(py::module_& f);
void init_functions_array(py::module_& f);
void init_functions_nn(py::module_& f);

void init_functions(py::module_& m) {
  py::module_ f = m.def_submodule("functions", "Differentiable functions (chainer.functions).");
  using V = const Variable&;
  f.def("add", [](V a, V b) { return add(a, b); });
  f.def("matmul", [](V a, V b, bool ta, bool tb) { return matmul(a, b, ta, tb); }, py::arg("a"), py::arg("b"),
        py::arg("transa") = false, py::arg("transb") = false);
  f.def("sum", [](V x, const py::object& axis, bool keepdims) { return sum(x, axes_arg(axis), keepdims); },
        py::arg("x"), py::arg("axis") = py::none(), py::arg("keepdims") = false);
  f.def("mean", [](V x, const py::object& axis, bool keepdims) { return mean(x, axes_arg(axis), keepdims); },
        py::arg("x"), py::arg("axis") = py::none(), py::arg("keepdims") = false);
  f.def("sum_to", [](V x, const Shape& s) { return sum_to(x, s); });
  f.def("broadcast_to", [](V x, const Shape& s) { return broadcast_to(x, s); });
  f.def("reshape", [](V x, const Shape& s) { return reshape(x, s); });
  f.def("transpose", [](V x, const py::object& axes) { return transpose(x, axes_arg(axes)); }, py::arg("x"),
        py::arg("axes") = py::none());

#define KUSARI_UNARY(name) f.def(#name, [](V x) { return name(x); }, py::arg("x"))
  KUSARI_UNARY(exp); KUSARI_UNARY(log); KUSARI_UNARY(log2); KUSARI_UNARY(log10); KUSARI_UNARY(log1p);
  KUSARI_UNARY(expm1); KUSARI_UNARY(sqrt); KUSARI_UNARY(rsqrt); KUSARI_UNARY(square); KUSARI_UNARY(absolute);
  KUSARI_UNARY(sin); KUSARI_UNARY(cos); KUSARI_UNARY(tan); KUSARI_UNARY(tanh); KUSARI_UNARY(arctan);
  KUSARI_UNARY(sinh); KUSARI_UNARY(cosh); KUSARI_UNARY(erf);
#undef KUSARI_UNARY
  f.def("clip", [](V x, double lo, double hi) { return clip(x, lo, hi); }, py::arg("x"), py::arg("x_min"), py::arg("x_max"));
  f.def("maximum", [](V a, V b) { return maximum(a, b); });
  f.def("minimum", [](V a, V b) { return minimum(a, b); });
#define KUSARI_REDUCE(name)                                                                           \
  f.def(#name, [](V x, const py::object& axis, bool keepdims) { return name(x, axes_arg(axis), keepdims); }, \
        py::arg("x"), py::arg("axis") = py::none(), py::arg("keepdims") = false)
  KUSARI_REDUCE(max); KUSARI_REDUCE(min); KUSARI_REDUCE(prod); KUSARI_REDUCE(logsumexp);
#undef KUSARI_REDUCE
  f.def("cumsum", [](V x, const py::object& axis) {
    return axis.is_none() ? cumsum(reshape(x, {x.numel()}), 0) : cumsum(x, axis.cast<int64_t>());
  }, py::arg("x"), py::arg("axis") = py::none());
  f.def("argmax", [](V x, const py::object& axis) {
    return axis.is_none() ? argmax(x, 0, true) : argmax(x, axis.cast<int64_t>());
  }, py::arg("x"), py::arg("axis") = py::none());
  f.def("argmin", [](V x, const py::object& axis) {
    return axis.is_none() ? argmin(x, 0, true) : argmin(x, axis.cast<int64_t>());
  }, py::arg("x"), py::arg("axis") = py::none());
  f.def("bias", [](V x, V b, int64_t axis) { return bias(x, b, axis); }, py::arg("x"), py::arg("y"), py::arg("axis") = 1);
  f.def("scale", [](V x, V s, int64_t axis) { return scale(x, s, axis); }, py::arg("x"), py::arg("y"), py::arg("axis") = 1);
  f.def("tensordot", [](V a, V b, const py::object& axes) {
    if (py::isinstance<py::int_>(axes)) return tensordot(a, b, axes.cast<int64_t>());
    auto pair = axes.cast<std::pair<py::object, py::object>>();
    return tensordot(a, b, axes_arg(pair.first), axes_arg(pair.second));
  }, py::arg("a"), py::arg("b"), py::arg("axes") = 2);

  init_functions_activation(f);
  init_functions_array(f);
  init_functions_nn(f);
}

}  // namespace kusari::python

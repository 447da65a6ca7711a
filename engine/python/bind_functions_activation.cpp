// kusari.functions: activations.
#include "bind_args.h"
#include "kusari/functions/activation.h"

namespace kusari::python {

void init_functions_activation(py::module_& f) {
  using V = const Variable&;
  f.def("relu", [](V x) { return relu(x); }, py::arg("x"));
  f.def("leaky_relu", [](V x, double s) { return leaky_relu(x, s); }, py::arg("x"), py::arg("slope") = 0.2);
  f.def("elu", [](V x, double a) { return elu(x, a); }, py::arg("x"), py::arg("alpha") = 1.0);
  f.def("selu", [](V x, double a, double s) { return selu(x, a, s); }, py::arg("x"),
        py::arg("alpha") = 1.6732632423543772, py::arg("scale") = 1.0507009873554805);
  f.def("gelu", [](V x) { return gelu(x); }, py::arg("x"));
  f.def("sigmoid", [](V x) { return sigmoid(x); }, py::arg("x"));
  f.def("hard_sigmoid", [](V x) { return hard_sigmoid(x); }, py::arg("x"));
  f.def("softplus", [](V x, double b) { return softplus(x, b); }, py::arg("x"), py::arg("beta") = 1.0);
  f.def("swish", [](V x, V b) { return swish(x, b); }, py::arg("x"), py::arg("beta"));
  f.def("clipped_relu", [](V x, double z) { return clipped_relu(x, z); }, py::arg("x"), py::arg("z") = 20.0);
  f.def("prelu", [](V x, V W) { return prelu(x, W); }, py::arg("x"), py::arg("W"));
  f.def("softmax", [](V x, int64_t axis) { return softmax(x, axis); }, py::arg("x"), py::arg("axis") = 1);
  f.def("log_softmax", [](V x, int64_t axis) { return log_softmax(x, axis); }, py::arg("x"), py::arg("axis") = 1);
}

}  // namespace kusari::python

// L.Classifier over any predictor (a C++ link or a Python one) with Chainer's signature.
// The default loss and accuracy stay in C++; Python callables are called with (y, t).
#include "kusari/links/classifier.h"
#include "link_args.h"

namespace kusari::python {

namespace {

// null for the function Classifier already uses by default, so the common case stays in C++.
Classifier::LossFn loss_arg(const py::object& fn, const char* default_name) {
  if (fn.is_none()) return nullptr;
  py::object functions = py::module_::import("kusari._kusari").attr("functions");
  if (fn.is(functions.attr(default_name))) return nullptr;
  return [f = hold(fn)](const Variable& y, const Tensor& t) {
    py::gil_scoped_acquire gil;
    return as_variable((*f)(y, array_from_tensor(t)));
  };
}

py::object optional_var(const Variable& v) { return v.defined() ? py::cast(v) : py::object(py::none()); }

// Chainer's Classifier reports loss and accuracy to the current Reporter (a no-op without one).
py::object reported(py::handle self, const Classifier& c) {
  py::dict values;
  values["loss"] = py::cast(c.loss);
  if (c.accuracy.defined()) values["accuracy"] = py::cast(c.accuracy);
  py::module_::import("kusari.reporter").attr("_report_from_link")(self, values);
  return py::cast(c.loss);
}

// Classifier(x..., t): the last argument is the label (Chainer's label_key=-1).
py::object call(py::handle self, const py::args& args, const py::kwargs& kwds) {
  auto& c = self.cast<Classifier&>();
  if (args.size() == 0) throw py::type_error("Classifier: call it with inputs and a label, model(x, t)");
  Tensor t = tensor_from_object(args[args.size() - 1]);
  if (args.size() == 2 && kwds.empty()) {
    c(as_variable(args[0]), t);
    return reported(self, c);
  }
  // Several inputs or keywords: the predictor takes them as they are.
  LinkPathScope scope(c.name());
  c.y = c.loss = c.accuracy = Variable();
  py::tuple xs(args.size() - 1);
  for (size_t i = 0; i + 1 < args.size(); ++i) xs[i] = args[i];
  c.y = as_variable(py::cast(c.predictor)(*xs, **kwds));
  c.loss = c.lossfun(c.y, t);
  if (c.compute_accuracy) c.accuracy = c.accfun(c.y, t);
  return reported(self, c);
}

}  // namespace

void init_classifier(py::module_& lm) {
  py::class_<Classifier, Chain, std::shared_ptr<Classifier>>(lm, "Classifier", py::dynamic_attr())
      .def(py::init([](const py::object& predictor, const py::object& lossfun, const py::object& accfun, int label_key) {
             if (label_key != -1) throw py::value_error("Classifier: only label_key=-1 (the last argument) is supported");
             return std::make_shared<Classifier>(link_arg(predictor), loss_arg(lossfun, "softmax_cross_entropy"),
                                                 loss_arg(accfun, "accuracy"));
           }),
           py::arg("predictor"), py::arg("lossfun") = py::none(), py::arg("accfun") = py::none(),
           py::arg("label_key") = -1, py::keep_alive<1, 2>())
      .def("__call__", &call)
      .def("forward", &call)
      .def_property_readonly("predictor", [](const Classifier& c) { return c.predictor; })
      .def_readwrite("compute_accuracy", &Classifier::compute_accuracy)
      .def_property_readonly("y", [](const Classifier& c) { return optional_var(c.y); })
      .def_property_readonly("loss", [](const Classifier& c) { return optional_var(c.loss); })
      .def_property_readonly("accuracy", [](const Classifier& c) { return optional_var(c.accuracy); });
}

}  // namespace kusari::python

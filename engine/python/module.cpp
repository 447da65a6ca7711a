#include "bindings.h"

PYBIND11_MODULE(_kusari, m) {
  m.doc() = "Kusari's define-by-run engine (C++); the kusari package wraps it.";
  kusari::python::init_core(m);
  kusari::python::init_variable(m);
  kusari::python::init_functions(m);
  kusari::python::init_hooks(m);
  kusari::python::init_links(m);
  kusari::python::init_optimizers(m);
  kusari::python::init_serializers(m);
  kusari::python::init_datasets(m);
  kusari::python::init_iterators(m);
  kusari::python::init_testing(m);
  kusari::python::init_debug(m);
}

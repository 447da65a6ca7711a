// The binding areas of the `kusari` extension, one Init function per file (module.cpp calls them).
#pragma once
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "numpy_bridge.h"

namespace kusari::python {

namespace py = pybind11;

void init_core(py::module_& m);
void init_variable(py::module_& m);
void init_functions(py::module_& m);  // the kusari.functions submodule
void init_hooks(py::module_& m);      // FunctionHook, function_hooks, computational_graph
void init_links(py::module_& m);       // Link, Chain, ChainList, Sequential, Parameter, links, initializers
void init_optimizers(py::module_& m);  // optimizers, optimizer_hooks
void init_serializers(py::module_& m); // serializers
void init_datasets(py::module_& m);   // datasets submodule: TupleDataset, splits, MNIST, concat_examples
void init_iterators(py::module_& m);  // iterators submodule: SerialIterator
void init_testing(py::module_& m);    // gradient_check submodule
void init_debug(py::module_& m);      // debug submodule: OpWatch (the op-level debugger's hook)

// A Variable from a Variable, an ndarray or anything NumPy accepts.
Variable as_variable(const py::handle& obj);

}  // namespace kusari::python

#include "python_runtime.h"

#include "embedded_python.h"
#include "python_text.h"

#include <pybind11/embed.h>

#include <stdexcept>

namespace py = pybind11;

namespace kusari::kernel {

namespace {

void startInterpreter() {
  PyConfig config;
  PyConfig_InitPythonConfig(&config);
  config.install_signal_handlers = 1;  // SIGINT -> KeyboardInterrupt, the interrupt path
  config.parse_argv = 0;
  const char* argv[] = {""};  // sys.argv == [''] as in an interactive interpreter
  PyStatus status = PyConfig_SetBytesArgv(&config, 1, const_cast<char* const*>(argv));
  if (!PyStatus_Exception(status)) status = Py_InitializeFromConfig(&config);
  PyConfig_Clear(&config);
  if (PyStatus_Exception(status))
    throw std::runtime_error(std::string("cannot start Python: ") + (status.err_msg ? status.err_msg : "unknown error"));
}

// Runs an embedded module's source as a real module registered in sys.modules.
void loadEmbedded(const EmbeddedModule& embedded) {
  py::module_ module = py::reinterpret_steal<py::module_>(PyModule_New(embedded.name));
  if (!module) throw py::error_already_set();
  module.attr("__file__") = embedded.filename;
  module.attr("__builtins__") = py::module_::import("builtins");
  py::module_::import("sys").attr("modules")[embedded.name] = module;
  py::object code = py::reinterpret_steal<py::object>(Py_CompileString(embedded.source, embedded.filename, Py_file_input));
  if (!code) throw py::error_already_set();
  py::object result = py::reinterpret_steal<py::object>(PyEval_EvalCode(code.ptr(), module.attr("__dict__").ptr(), module.attr("__dict__").ptr()));
  if (!result) throw py::error_already_set();
}

}  // namespace

PythonRuntime::PythonRuntime(const QStringList& pathEntries) {
  startInterpreter();
  try {
    py::list path = py::module_::import("sys").attr("path");
    for (qsizetype i = pathEntries.size() - 1; i >= 0; --i) path.insert(0, toPython(pathEntries[i]));
    path.insert(0, py::str(""));  // the working directory, as `python -i` has it
    for (const EmbeddedModule& embedded : embeddedModules()) loadEmbedded(embedded);
    module("_kusari_kernel_streams").attr("install")();
    module("_kusari_kernel_metrics").attr("install")();
  } catch (const py::error_already_set& e) {
    throw std::runtime_error(std::string("cannot load the kernel's Python support: ") + e.what());
  }
}

PythonRuntime::~PythonRuntime() { py::finalize_interpreter(); }

py::module_ PythonRuntime::module(const char* name) const { return py::module_::import(name); }

py::dict PythonRuntime::mainNamespace() const { return py::module_::import("__main__").attr("__dict__"); }

QString PythonRuntime::pythonVersion() const {
  return toQString(py::module_::import("platform").attr("python_version")());
}

bool PythonRuntime::canImport(const char* moduleName) const {
  try {
    return !py::module_::import("importlib.util").attr("find_spec")(moduleName).is_none();
  } catch (const py::error_already_set&) {
    return false;
  }
}

}  // namespace kusari::kernel

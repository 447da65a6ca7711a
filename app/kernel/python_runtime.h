// The embedded CPython interpreter: started with Python's own SIGINT handler (so SIGINT raises
// KeyboardInterrupt in the running cell), extra directories first on sys.path, the kernel's
// support modules loaded and sys.stdout/sys.stderr replaced by kernel streams.
#pragma once

#include <pybind11/pybind11.h>

#include <QStringList>

namespace kusari::kernel {

class PythonRuntime {
 public:
  // Throws std::runtime_error when the interpreter or a support module cannot start.
  explicit PythonRuntime(const QStringList& pathEntries);
  ~PythonRuntime();
  PythonRuntime(const PythonRuntime&) = delete;
  PythonRuntime& operator=(const PythonRuntime&) = delete;

  // A support module, e.g. "_kusari_kernel_execute".
  pybind11::module_ module(const char* name) const;
  // __main__.__dict__: the namespace cells run in.
  pybind11::dict mainNamespace() const;
  QString pythonVersion() const;
  bool canImport(const char* moduleName) const;
};

}  // namespace kusari::kernel

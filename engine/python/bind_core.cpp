// Errors, dtypes, devices, configuration, random seeds and the source-location provider.
#include "bindings.h"

#include <frameobject.h>

#include <string_view>

#include "kusari/autograd/config.h"
#include "kusari/autograd/source_location.h"
#include "kusari/core/ops.h"

namespace kusari::python {

namespace {

// Frames in the kusari package's own Python files are skipped when naming the user's line.
std::string& package_dir() {
  static std::string dir;
  return dir;
}

// Locations already made, by (code object, instruction): every op recorded from one place of the
// user's code shares one SourceLocation, and a hit costs neither strings nor a line-table walk.
// Direct-mapped; an entry holds its code object, so the pointer cannot be reused while cached.
// Touched only with the GIL held. Never freed: code objects must not be released after Python
// shuts down.
struct LocationCache {
  struct Entry {
    PyCodeObject* code = nullptr;
    int lasti = -1;
    SourceLocationPtr loc;
  };
  static constexpr size_t kSize = 256;
  Entry entries[kSize];

  Entry& slot(PyCodeObject* code, int lasti) {
    const size_t h = (reinterpret_cast<uintptr_t>(code) >> 4) * 31 + static_cast<size_t>(lasti);
    return entries[h % kSize];
  }
};
LocationCache& location_cache() {
  static auto* cache = new LocationCache;
  return *cache;
}

// The innermost frame outside the kusari package names the user's line (null when none).
SourceLocationPtr python_source_location() {
  if (!Py_IsInitialized()) return nullptr;
  PyGILState_STATE gil = PyGILState_Ensure();
  SourceLocationPtr loc;
  PyFrameObject* frame = PyEval_GetFrame();
  Py_XINCREF(frame);
  while (frame) {
    PyCodeObject* code = PyFrame_GetCode(frame);
    const char* file = PyUnicode_AsUTF8(code->co_filename);
    bool internal = file && !package_dir().empty() && std::string_view(file).rfind(package_dir(), 0) == 0;
    if (!internal) {
      const int lasti = PyFrame_GetLasti(frame);
      LocationCache::Entry& e = location_cache().slot(code, lasti);
      if (e.code != code || e.lasti != lasti) {
        SourceLocation made;
        made.file = file ? file : "";
        made.line = PyFrame_GetLineNumber(frame);
        const char* fn = PyUnicode_AsUTF8(code->co_name);
        made.function = fn ? fn : "";
        Py_INCREF(code);
        Py_XDECREF(e.code);
        e = {code, lasti, std::make_shared<const SourceLocation>(std::move(made))};
      }
      if (e.loc->known()) loc = e.loc;
      Py_DECREF(code);
      Py_DECREF(frame);
      break;
    }
    Py_DECREF(code);
    PyFrameObject* back = PyFrame_GetBack(frame);
    Py_DECREF(frame);
    frame = back;
  }
  if (PyErr_Occurred()) PyErr_Clear();
  PyGILState_Release(gil);
  return loc;
}

// A context manager that sets one config field (with kusari.using_config('train', False):).
class ConfigScope {
 public:
  ConfigScope(std::string name, bool value) : name_(std::move(name)), value_(value) {}
  void enter() {
    field_ = field(name_);
    saved_ = config().*field_;
    config().*field_ = value_;
  }
  void exit(const py::args&) { config().*field_ = saved_; }
  static bool Config::*field(const std::string& name) {
    if (name == "train") return &Config::train;
    if (name == "enable_backprop") return &Config::enable_backprop;
    if (name == "debug") return &Config::debug;
    if (name == "type_check") return &Config::type_check;
    throw py::attribute_error("unknown configuration '" + name + "'");
  }

 private:
  std::string name_;
  bool value_;
  bool Config::*field_ = nullptr;
  bool saved_ = false;
};

}  // namespace

void init_core(py::module_& m) {
  static py::exception<ValueError> value_error(m, "KusariValueError", PyExc_ValueError);
  static py::exception<ShapeError> shape_error(m, "ShapeError", value_error.ptr());
  static py::exception<DtypeError> dtype_error(m, "DtypeError", PyExc_TypeError);
  static py::exception<IndexError> index_error(m, "IndexError", PyExc_IndexError);
  static py::exception<FormatError> format_error(m, "FormatError", value_error.ptr());
  static py::exception<NonFiniteError> nonfinite_error(m, "NonFiniteError", value_error.ptr());
  static py::exception<Error> error(m, "KusariError", PyExc_RuntimeError);
  // Engine errors name the user's line: the frame calling into the engine is still current.
  py::register_exception_translator([](std::exception_ptr p) {
    auto set = [](PyObject* type, const std::exception& e) {
      std::string msg = e.what();
      SourceLocationPtr loc = python_source_location();
      if (loc && msg.find(loc->file + ":" + std::to_string(loc->line)) == std::string::npos)
        msg += " (at " + loc->to_string() + ")";
      PyErr_SetString(type, msg.c_str());
    };
    try {
      if (p) std::rethrow_exception(p);
    } catch (const NonFiniteError& e) {
      set(nonfinite_error.ptr(), e);
    } catch (const FormatError& e) {
      set(format_error.ptr(), e);
    } catch (const ShapeError& e) {
      set(shape_error.ptr(), e);
    } catch (const ValueError& e) {
      set(value_error.ptr(), e);
    } catch (const DtypeError& e) {
      set(dtype_error.ptr(), e);
    } catch (const IndexError& e) {
      set(index_error.ptr(), e);
    } catch (const Error& e) {
      set(error.ptr(), e);
    }
  });

  py::class_<ConfigScope>(m, "_ConfigScope")
      .def(py::init<std::string, bool>())
      .def("__enter__", &ConfigScope::enter)
      .def("__exit__", &ConfigScope::exit);
  m.def("_get_config", [](const std::string& name) { return config().*ConfigScope::field(name); });
  m.def("_set_config", [](const std::string& name, bool v) { config().*ConfigScope::field(name) = v; });
  m.def("seed", [](uint64_t s) { ops::seed(s); }, "Seeds Kusari's random generator for this thread.");
  m.def("_set_package_dir", [](const std::string& dir) { package_dir() = dir; });
  m.def("_enable_source_locations", [](bool on) {
    set_source_location_provider(on ? SourceLocationProvider(python_source_location) : SourceLocationProvider());
  });
}

}  // namespace kusari::python

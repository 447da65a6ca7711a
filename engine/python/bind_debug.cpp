// kusari._kusari.debug: the engine side of the op-level debugger (kusari.debug wraps it).
// OpWatch decides in C++ when to stop; the Python callback gets a plain dict.
#include "bindings.h"
#include "kusari/autograd/function_hook.h"
#include "kusari/debug/op_watch.h"

namespace kusari::python {

namespace {

using debug::GraphEvent;
using debug::GraphVar;
using debug::OpWatch;
using debug::StopEvent;
using debug::TensorStats;

py::list shape_list(const Shape& s) {
  py::list l;
  for (int64_t d : s) l.append(d);
  return l;
}

py::object summary(const TensorStats& s) {
  if (!s.defined) return py::none();
  py::dict d;
  d["shape"] = shape_list(s.shape);
  d["dtype"] = std::string(dtype_name(s.dtype));
  d["device"] = s.device;
  d["min"] = s.min;
  d["max"] = s.max;
  d["mean"] = s.mean;
  d["std"] = s.std;
  d["nan_count"] = s.nan_count;
  d["inf_count"] = s.inf_count;
  return d;
}

py::list summaries(const std::vector<TensorStats>& v) {
  py::list l;
  for (const TensorStats& s : v) l.append(summary(s));
  return l;
}

py::dict stop_dict(const StopEvent& e) {
  py::dict d;
  d["kind"] = std::string(debug::stop_kind_name(e.kind));
  d["phase"] = e.backward ? "backward" : "forward";
  d["op"] = e.op;
  d["node_id"] = e.node_id;
  d["link_path"] = e.link_path;
  d["file"] = e.location.file;
  d["line"] = e.location.line;
  d["function"] = e.location.function;
  d["inputs"] = summaries(e.inputs);
  d["outputs"] = summaries(e.outputs);
  d["message"] = e.message;
  d["node"] = e.node ? py::cast(std::const_pointer_cast<FunctionNode>(e.node->shared_from_this())) : py::none();
  return d;
}

py::dict var_dict(const GraphVar& v, bool input) {
  py::dict d;
  d["var"] = v.id;
  d["shape"] = shape_list(v.shape);
  d["dtype"] = std::string(dtype_name(v.dtype));
  if (input) {
    d["name"] = v.name;
    d["param"] = v.param;
    d["creator"] = v.creator;
  }
  return d;
}

py::dict graph_dict(const GraphEvent& e) {
  py::dict d;
  d["id"] = e.id;
  d["op"] = e.op;
  if (e.kind == GraphEvent::Kind::Backward) {
    d["event"] = "backward";
    return d;
  }
  d["event"] = "node";
  d["label"] = e.label;
  d["link_path"] = e.link_path;
  d["file"] = e.location.file;
  d["line"] = e.location.line;
  d["function"] = e.location.function;
  py::list ins, outs;
  for (const GraphVar& v : e.inputs) ins.append(var_dict(v, true));
  for (const GraphVar& v : e.outputs) outs.append(var_dict(v, false));
  d["inputs"] = ins;
  d["outputs"] = outs;
  return d;
}

// The C++ callback around a Python callable: called with the GIL taken (backward runs
// without it); the callable is released with the GIL too.
debug::StopCallback python_callback(const py::object& fn) {
  std::shared_ptr<py::object> holder(new py::object(fn), [](py::object* o) {
    if (!Py_IsInitialized()) return;  // interpreter gone: leak rather than crash
    py::gil_scoped_acquire gil;
    delete o;
  });
  return [holder](const StopEvent& e) {
    py::gil_scoped_acquire gil;
    (*holder)(stop_dict(e));
  };
}

std::vector<std::string> names_arg(const py::handle& names, const char* what) {
  if (py::isinstance<py::str>(names))
    throw py::type_error(std::string(what) + ": expected a set of names, got the string '" + names.cast<std::string>() +
                         "'; write {'" + names.cast<std::string>() + "'}");
  std::vector<std::string> out;
  for (py::handle h : names) {
    if (!py::isinstance<py::str>(h))
      throw py::type_error(std::string(what) + ": names must be strings, got " +
                           std::string(py::str(py::type::of(h).attr("__name__"))));
    out.push_back(h.cast<std::string>());
  }
  return out;
}

}  // namespace

void init_debug(py::module_& m) {
  py::module_ d = m.def_submodule("debug", "The op-level debugger's engine hook (kusari.debug wraps it).");
  py::class_<OpWatch, FunctionHook, std::shared_ptr<OpWatch>>(d, "OpWatch")
      .def(py::init([]() { return std::make_shared<OpWatch>(); }))
      .def_property("break_ops", &OpWatch::break_ops,
                    [](OpWatch& w, const py::object& v) { w.set_break_ops(names_arg(v, "break_ops")); })
      .def_property("break_links", &OpWatch::break_links,
                    [](OpWatch& w, const py::object& v) { w.set_break_links(names_arg(v, "break_links")); })
      .def_property("nan_watch", &OpWatch::nan_watch, &OpWatch::set_nan_watch)
      .def_property("step_next_op", &OpWatch::step_next_op, &OpWatch::set_step_next_op)
      .def_property("record_graph", &OpWatch::record_graph, &OpWatch::set_record_graph)
      .def("_set_on_stop", [](OpWatch& w, const py::object& fn) {
        if (fn.is_none()) return w.set_on_stop({});
        if (!PyCallable_Check(fn.ptr()))
          throw py::type_error("on_stop: expected a callable taking the stop event dict, got " +
                               std::string(py::str(py::type::of(fn).attr("__name__"))));
        w.set_on_stop(python_callback(fn));
      })
      .def("take_graph_events", [](OpWatch& w) {
        py::list l;
        for (const GraphEvent& e : w.graph().take()) l.append(graph_dict(e));
        return l;
      })
      .def("clear_graph", [](OpWatch& w) { w.graph().clear(); })
      .def("graph_variable", [](OpWatch& w, uint64_t id) -> py::object {
        Variable v = w.graph().variable(id);
        return v.defined() ? py::cast(v) : py::object(py::none());
      })
      .def_property_readonly("_graph_variable_table_size", [](OpWatch& w) { return w.graph().variable_table_size(); })
      .def_property_readonly("graph_events_dropped", [](OpWatch& w) { return w.graph().dropped(); })
      .def("_install", [](const std::shared_ptr<OpWatch>& w) { add_global_hook(w); })
      .def("_uninstall", [](const std::shared_ptr<OpWatch>& w) { remove_global_hook(w.get()); });
}

}  // namespace kusari::python

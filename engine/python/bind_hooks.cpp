// kusari.FunctionHook (subclassable from Python), TimerHook, PrintHook, and
// kusari.computational_graph.
#include <iostream>
#include <sstream>

#include "bind_args.h"
#include "kusari/function_hooks/print_hook.h"
#include "kusari/function_hooks/timer_hook.h"
#include "kusari/graph/computational_graph.h"

namespace kusari::python {

namespace {

// What a Python hook receives as `function`: the node when a graph is recorded, else the
// op's name, inputs and the user's line.
struct HookFunction {
  std::string label;
  std::vector<Variable> inputs;
  std::string link_path;
  SourceLocation location;
  std::shared_ptr<FunctionNode> node;
};

HookFunction hook_function(const HookEvent& e) {
  HookFunction f{std::string(e.op), e.inputs ? *e.inputs : std::vector<Variable>{}, {}, {}, nullptr};
  if (e.location) f.location = *e.location;
  if (e.node) {
    f.link_path = e.node->link_path;
    f.node = std::const_pointer_cast<FunctionNode>(e.node->shared_from_this());
  }
  return f;
}

py::tuple arrays(const std::vector<Variable>* vs) {
  if (!vs) return py::tuple();
  py::tuple t(vs->size());
  for (size_t i = 0; i < vs->size(); ++i)
    t[i] = (*vs)[i].defined() ? py::object(array_from_tensor((*vs)[i].data())) : py::object(py::none());
  return t;
}

class PyFunctionHook : public FunctionHook {
 public:
  void forward_preprocess(const HookEvent& e) override { call("forward_preprocess", e, false); }
  void forward_postprocess(const HookEvent& e) override { call("forward_postprocess", e, false); }
  void backward_preprocess(const HookEvent& e) override { call("backward_preprocess", e, true); }
  void backward_postprocess(const HookEvent& e) override { call("backward_postprocess", e, true); }

 private:
  void call(const char* method, const HookEvent& e, bool backward) {
    py::gil_scoped_acquire gil;
    py::function override = py::get_override(static_cast<const FunctionHook*>(this), method);
    if (!override) return;
    if (backward) override(hook_function(e), arrays(e.inputs), arrays(e.grad_outputs));
    else override(hook_function(e), arrays(e.inputs));
  }
};

// `with hook:` installs it on this thread.
struct HookContext {
  std::unique_ptr<HookScope> scope;
};

}  // namespace

void init_hooks(py::module_& m) {
  py::class_<HookFunction>(m, "HookFunction")
      .def_readonly("label", &HookFunction::label)
      .def_readonly("inputs", &HookFunction::inputs)
      .def_readonly("link_path", &HookFunction::link_path)
      .def_readonly("node", &HookFunction::node)
      .def_property_readonly("source", [](const HookFunction& f) {
        return f.location.known() ? py::make_tuple(f.location.file, f.location.line, f.location.function)
                                  : py::object(py::none());
      })
      .def("__repr__", [](const HookFunction& f) { return "<function " + f.label + ">"; });

  py::class_<FunctionHook, PyFunctionHook, std::shared_ptr<FunctionHook>>(m, "FunctionHook", py::dynamic_attr())
      .def(py::init<>())
      .def("__enter__", [](py::object self) {
        auto hook = self.cast<std::shared_ptr<FunctionHook>>();
        self.attr("_kusari_scope") = py::cast(new HookContext{std::make_unique<HookScope>(hook)},
                                             py::return_value_policy::take_ownership);
        return self;
      })
      .def("__exit__", [](py::object self, const py::args&) {
        if (py::hasattr(self, "_kusari_scope")) self.attr("_kusari_scope").cast<HookContext&>().scope.reset();
      })
      .def("forward_preprocess", [](FunctionHook&, const py::args&) {})
      .def("forward_postprocess", [](FunctionHook&, const py::args&) {})
      .def("backward_preprocess", [](FunctionHook&, const py::args&) {})
      .def("backward_postprocess", [](FunctionHook&, const py::args&) {});
  py::class_<HookContext>(m, "_HookContext");
  m.def("_add_global_hook", [](std::shared_ptr<FunctionHook> h) { add_global_hook(std::move(h)); });
  m.def("_remove_global_hook", [](const std::shared_ptr<FunctionHook>& h) { remove_global_hook(h.get()); });

  py::module_ fh = m.def_submodule("function_hooks", "Function hooks (chainer.function_hooks).");
  py::class_<TimerHook, FunctionHook, std::shared_ptr<TimerHook>>(fh, "TimerHook", py::dynamic_attr())
      .def(py::init<>())
      .def("total_time", &TimerHook::total_time)
      .def("summary", [](const TimerHook& t) {
        py::dict d;
        for (const auto& [op, e] : t.summary()) {
          py::dict entry;
          entry["elapsed_time"] = e.elapsed_seconds;
          entry["occurrence"] = e.occurrence;
          d[py::str(op)] = entry;
        }
        return d;
      })
      .def("print_report", [](const TimerHook& t, const std::string& unit, py::object file) {
        std::ostringstream os;
        t.print_report(os, unit);
        if (file.is_none()) file = py::module_::import("sys").attr("stdout");
        file.attr("write")(os.str());
      }, py::arg("unit") = "auto", py::arg("file") = py::none());
  py::class_<PrintHook, FunctionHook, std::shared_ptr<PrintHook>>(fh, "PrintHook", py::dynamic_attr())
      .def(py::init([]() { return std::make_shared<PrintHook>(std::cout); }));

  py::module_ cg = m.def_submodule("computational_graph", "Graphviz dumps of the recorded graph.");
  py::class_<ComputationalGraph>(cg, "ComputationalGraph")
      .def("dump", [](const ComputationalGraph& g, const std::string& format) {
        if (format != "dot") throw py::value_error("dump: only format='dot' is supported");
        return g.dump();
      }, py::arg("format") = "dot")
      .def_property_readonly("nodes", [](const ComputationalGraph& g) {
        py::list l;
        for (const auto& v : g.variables()) l.append(py::make_tuple("variable", v.id, v.name, py::tuple(py::cast(v.shape))));
        for (const auto& f : g.functions()) l.append(py::make_tuple("function", f.id, f.op, f.link_path));
        return l;
      });
  cg.def("build_computational_graph", [](const py::object& outputs) {
    std::vector<Variable> outs;
    if (py::isinstance<Variable>(outputs)) outs.push_back(outputs.cast<Variable>());
    else outs = variables_arg(outputs);
    return ComputationalGraph::build(outs);
  }, py::arg("outputs"));
}

}  // namespace kusari::python

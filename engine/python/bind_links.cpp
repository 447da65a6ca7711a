// kusari.Link, Chain, ChainList, Sequential and Parameter: the engine's model layer,
// subclassable from Python (py_link.h). The Python sugar (init_scope, attribute
// registration, persistents) is in kusari/link.py; the concrete links are in bind_links_layers.cpp.
#include "kusari/links/chain.h"
#include "kusari/links/chain_list.h"
#include "kusari/links/sequential.h"
#include "kusari/optimizers/update_rule.h"
#include "py_link.h"

namespace kusari::python {

void init_initializers(py::module_& m);
void init_links_layers(py::module_& m);

namespace {

// A Python callable as a Sequential layer; the binding finds the callable again through target().
struct PyLayer {
  std::shared_ptr<py::object> fn;
  Variable operator()(const Variable& x) const {
    py::gil_scoped_acquire gil;
    return as_variable((*fn)(x));
  }
};

void append_layer(Sequential& s, const py::handle& layer) {
  if (py::isinstance<Link>(layer)) {
    s.append(link_arg(layer));
  } else if (PyCallable_Check(layer.ptr())) {
    s.append(Sequential::Function(PyLayer{hold(py::reinterpret_borrow<py::object>(layer))}));
  } else {
    throw py::type_error("Sequential: a layer must be a link or a callable, got " +
                         py::str(py::type::of(layer)).cast<std::string>());
  }
}

py::object layer_object(const Sequential::Layer& layer, const py::handle& parent) {
  if (auto* link = std::get_if<std::shared_ptr<Link>>(&layer)) return link_object(link->get(), parent);
  const auto* f = std::get<Sequential::Function>(layer).target<PyLayer>();
  return f ? *f->fn : py::object(py::none());
}

size_t index_arg(int64_t i, size_t n, const char* what) {
  int64_t k = i < 0 ? i + static_cast<int64_t>(n) : i;
  if (k < 0 || k >= static_cast<int64_t>(n))
    throw py::index_error(std::string(what) + ": index " + std::to_string(i) + " out of range for " + std::to_string(n));
  return static_cast<size_t>(k);
}

py::list named_links(Link& l, const py::handle& self, bool skipself) {
  py::list out;
  for (auto& [path, link] : l.namedlinks(skipself)) out.append(py::make_tuple(path, link_object(link, self)));
  return out;
}

Parameter make_parameter_arg(const py::object& initializer, const py::object& shape, const py::object& dtype) {
  if (py::isinstance<py::array>(initializer) || py::isinstance<Variable>(initializer)) {
    Tensor data = tensor_from_object(initializer);
    return Parameter(dtype.is_none() ? data : data.astype(dtype_arg(dtype)));
  }
  Parameter p(initializer_arg(initializer), dtype_arg(dtype));
  if (!shape.is_none())
    p.initialize(py::isinstance<py::int_>(shape) ? Shape{shape.cast<int64_t>()} : shape.cast<Shape>());
  return p;
}

void bind_parameter(py::module_& m) {
  py::class_<Parameter, Variable>(m, "Parameter")
      .def(py::init([](const py::object& initializer, const py::object& shape, const py::object& name,
                       const py::object& dtype) {
             Parameter p = make_parameter_arg(initializer, shape, dtype);
             if (!name.is_none()) p.set_name(name.cast<std::string>());
             return p;
           }),
           py::arg("initializer") = py::none(), py::arg("shape") = py::none(), py::arg("name") = py::none(),
           py::arg("dtype") = py::none())
      .def("initialize", [](Parameter& p, const py::object& shape) {
        p.initialize(py::isinstance<py::int_>(shape) ? Shape{shape.cast<int64_t>()} : shape.cast<Shape>());
      }, py::arg("shape"))
      .def_property_readonly("is_initialized", &Parameter::is_initialized)
      .def("zerograd", &Parameter::zerograd)
      .def_property("update_rule", &Parameter::update_rule, &Parameter::set_update_rule)
      .def("update", &Parameter::update)
      .def("__repr__", [](const Parameter& p) {
        if (!p.is_initialized()) return std::string("<uninitialized parameter ") + p.name() + ">";
        return "<parameter " + p.name() + " " + shape_to_string(p.shape()) + ">";
      });
}

void bind_link(py::module_& m) {
  using L = Link;
  py::class_<Link, PyLink<Link>, std::shared_ptr<Link>>(m, "Link", py::dynamic_attr())
      .def(py::init([]() -> std::shared_ptr<Link> { return std::make_shared<PyLink<Link>>(); }))
      // Runs forward(*args, **kwds) inside the link's LinkPathScope; C++ links bind a direct __call__.
      .def("__call__", [](py::handle self, py::args args, py::kwargs kwds) {
        LinkPathScope scope(self.cast<Link&>().name());
        return self.attr("forward")(*args, **kwds);
      })
      .def("forward", [](L& l, const Variable& x) { return l.forward(x); })
      .def_property_readonly("name", [](const L& l) { return l.name().empty() ? py::object(py::none()) : py::cast(l.name()); })
      .def("params", &L::params, py::arg("include_uninit") = true)
      .def("namedparams", &L::namedparams, py::arg("include_uninit") = true)
      .def("links", [](py::handle self, bool skipself) {
        py::list out;
        for (Link* l : self.cast<Link&>().links(skipself)) out.append(link_object(l, self));
        return out;
      }, py::arg("skipself") = false)
      .def("namedlinks", [](py::handle self, bool skipself) { return named_links(self.cast<Link&>(), self, skipself); },
           py::arg("skipself") = false)
      .def("children", [](py::handle self) {
        py::list out;
        for (Link* l : self.cast<Link&>().children()) out.append(link_object(l, self));
        return out;
      })
      .def("cleargrads", &L::cleargrads)
      .def("zerograds", &L::zerograds)
      .def("copyparams", &L::copyparams, py::arg("link"), py::arg("copy_persistent") = true)
      .def("count_params", &L::count_params)
      .def("enable_update", &L::enable_update)
      .def("disable_update", &L::disable_update)
      .def_property_readonly("update_enabled", &L::update_enabled)
      .def("_add_child", [](L& l, const std::string& name, const py::object& child) {
        (l.*(&LinkAccess::add_child))(name, link_arg(child));
      }, py::keep_alive<1, 3>())
      .def("_add_param", [](L& l, const std::string& name, const Parameter& p) { l.add_param(name, p); })
      .def("_has_param", &L::has_param)
      .def("_serialize_cpp", [](L& l, Serializer& s) {
        if (auto* hooks = dynamic_cast<PyLinkHooks*>(&l))
          hooks->serialize_base(s);
        else
          l.serialize(s);
      });

  py::class_<Chain, Link, PyLink<Chain>, std::shared_ptr<Chain>>(m, "Chain", py::dynamic_attr())
      // Chainer's older Chain(l1=L.Linear(...), ...) form registers the keywords as children.
      .def(py::init([](const py::kwargs& links) -> std::shared_ptr<Chain> {
             auto c = std::make_shared<PyLink<Chain>>();
             for (auto [name, link] : links) c->add_link(name.cast<std::string>(), link_arg(link));
             return c;
           }),
           py::keep_alive<1, 2>())
      // Only reached when normal lookup fails: children registered without an attribute.
      .def("__getattr__", [](py::handle self, const std::string& name) {
        for (auto& [n, child] : self.cast<Chain&>().namedchildren())
          if (n == name) return link_object(child, self);
        throw py::attribute_error("'" + py::str(py::type::of(self).attr("__name__")).cast<std::string>() +
                                  "' object has no attribute '" + name + "'");
      })
      .def("__getitem__", [](py::handle self, const std::string& name) { return link_object(&self.cast<Chain&>()[name], self); });

  py::class_<ChainList, Link, PyLink<ChainList>, std::shared_ptr<ChainList>>(m, "ChainList", py::dynamic_attr())
      .def(py::init([](const py::args& links) -> std::shared_ptr<ChainList> {
             auto c = std::make_shared<PyLink<ChainList>>();
             for (auto l : links) c->append(link_arg(l));
             return c;
           }),
           py::keep_alive<1, 2>())
      .def("append", [](ChainList& c, const py::object& l) { c.append(link_arg(l)); }, py::keep_alive<1, 2>())
      .def("add_link", [](ChainList& c, const py::object& l) { c.append(link_arg(l)); }, py::keep_alive<1, 2>())
      .def("__getitem__", [](py::handle self, int64_t i) {
        auto& c = self.cast<ChainList&>();
        return link_object(&c[index_arg(i, c.size(), "ChainList")], self);
      })
      .def("__len__", &ChainList::size)
      .def("__iter__", [](py::handle self) { return py::iter(self.attr("children")()); });

  py::class_<Sequential, ChainList, PyLink<Sequential>, std::shared_ptr<Sequential>>(m, "Sequential", py::dynamic_attr())
      .def(py::init([](const py::args& layers) -> std::shared_ptr<Sequential> {
             auto s = std::make_shared<PyLink<Sequential>>();
             for (auto l : layers) append_layer(*s, l);
             return s;
           }),
           py::keep_alive<1, 2>())
      .def("__call__", [](Sequential& s, const Variable& x) { return s(x); })
      .def("forward", [](Sequential& s, const Variable& x) { return s.Sequential::forward(x); })
      .def("append", [](Sequential& s, const py::object& l) { append_layer(s, l); }, py::keep_alive<1, 2>())
      .def("__len__", &Sequential::num_layers)
      .def("__getitem__", [](py::handle self, int64_t i) {
        auto& s = self.cast<Sequential&>();
        return layer_object(s.layer(index_arg(i, s.num_layers(), "Sequential")), self);
      })
      .def("__iter__", [](py::handle self) {
        auto& s = self.cast<Sequential&>();
        py::list out;
        for (size_t i = 0; i < s.num_layers(); ++i) out.append(layer_object(s.layer(i), self));
        return py::iter(out);
      });
}

}  // namespace

void init_links(py::module_& m) {
  bind_parameter(m);
  bind_link(m);
  init_initializers(m);
  init_links_layers(m);
}

}  // namespace kusari::python

// kusari.functions: the array family, including NumPy-style __getitem__.
#include "bind_args.h"
#include "kusari/functions/array.h"

namespace kusari::python {

namespace {

Slice slice_from(const py::handle& item) {
  if (item.is_none()) return Slice::new_axis();
  if (item.ptr() == Py_Ellipsis) return Slice::ellipsis();
  if (py::isinstance<py::slice>(item)) {
    Slice s;
    py::object start = item.attr("start"), stop = item.attr("stop"), step = item.attr("step");
    s.has_start = !start.is_none();
    s.has_stop = !stop.is_none();
    if (s.has_start) s.start = start.cast<int64_t>();
    if (s.has_stop) s.stop = stop.cast<int64_t>();
    s.step = step.is_none() ? 1 : step.cast<int64_t>();
    return s;
  }
  return Slice::at(item.cast<int64_t>());
}

bool is_index_array(const py::handle& item) {
  return py::isinstance<py::array>(item) || py::isinstance<py::list>(item) || py::isinstance<Variable>(item);
}

// x[index]: basic indexing, or one integer array (optionally after full slices).
Variable get_item_py(const Variable& x, const py::object& index) {
  py::tuple items = py::isinstance<py::tuple>(index) ? py::reinterpret_borrow<py::tuple>(index) : py::make_tuple(index);
  int64_t array_pos = -1;
  for (size_t i = 0; i < items.size(); ++i)
    if (is_index_array(items[i])) {
      if (array_pos >= 0) throw py::index_error("get_item: at most one integer array index is supported");
      array_pos = static_cast<int64_t>(i);
    }
  if (array_pos < 0) {
    std::vector<Slice> slices;
    for (auto item : items) slices.push_back(slice_from(item));
    return get_item(x, slices);
  }
  for (int64_t i = 0; i < array_pos; ++i) {
    py::handle it = items[i];
    bool full = py::isinstance<py::slice>(it) && it.attr("start").is_none() && it.attr("stop").is_none() &&
                it.attr("step").is_none();
    if (!full) throw py::index_error("get_item: an integer array index may only follow full slices ':'");
  }
  Tensor idx = py::isinstance<Variable>(items[array_pos]) ? py::cast<Variable>(items[array_pos]).data()
                                                           : tensor_from_object(items[array_pos]);
  if (idx.dtype() == Dtype::Bool) throw py::index_error("get_item: boolean mask indexing is not supported");
  Variable y = get_item(x, idx, array_pos);
  if (static_cast<size_t>(array_pos) + 1 < items.size()) {
    std::vector<Slice> rest(static_cast<size_t>(array_pos + idx.ndim()), Slice::all());
    for (size_t i = array_pos + 1; i < items.size(); ++i) rest.push_back(slice_from(items[i]));
    y = get_item(y, rest);
  }
  return y;
}

}  // namespace

void init_functions_array(py::module_& f) {
  using V = const Variable&;
  f.def("get_item", &get_item_py, py::arg("x"), py::arg("slices"));
  f.def("swapaxes", [](V x, int64_t a, int64_t b) { return swapaxes(x, a, b); });
  f.def("moveaxis", [](V x, const py::object& s, const py::object& d) { return moveaxis(x, axes_arg(s), axes_arg(d)); });
  f.def("expand_dims", [](V x, int64_t axis) { return expand_dims(x, axis); }, py::arg("x"), py::arg("axis"));
  f.def("squeeze", [](V x, const py::object& axis) { return squeeze(x, axes_arg(axis)); }, py::arg("x"),
        py::arg("axis") = py::none());
  f.def("flatten", [](V x) { return flatten(x); });
  f.def("concat", [](const py::iterable& xs, int64_t axis) { return concat(variables_arg(xs), axis); }, py::arg("xs"),
        py::arg("axis") = 1);
  f.def("stack", [](const py::iterable& xs, int64_t axis) { return stack(variables_arg(xs), axis); }, py::arg("xs"),
        py::arg("axis") = 0);
  f.def("hstack", [](const py::iterable& xs) { return hstack(variables_arg(xs)); });
  f.def("vstack", [](const py::iterable& xs) { return vstack(variables_arg(xs)); });
  f.def("split_axis", [](V x, const py::object& ios, int64_t axis) {
    if (py::isinstance<py::int_>(ios)) return variables_tuple(split_axis(x, ios.cast<int64_t>(), axis));
    return variables_tuple(split_axis(x, ios.cast<std::vector<int64_t>>(), axis));
  }, py::arg("x"), py::arg("indices_or_sections"), py::arg("axis"));
  f.def("separate", [](V x, int64_t axis) { return variables_tuple(separate(x, axis)); }, py::arg("x"), py::arg("axis") = 0);
  f.def("where", [](const Tensor& c, V a, V b) { return where(c, a, b); }, py::arg("condition"), py::arg("x"), py::arg("y"));
  f.def("select_item", [](V x, const Tensor& t) { return select_item(x, t); }, py::arg("x"), py::arg("t"));
  f.def("pad", [](V x, const py::object& pad_width, const std::string& mode, double value) {
    if (mode != "constant") throw py::value_error("pad: only mode='constant' is supported");
    std::vector<std::pair<int64_t, int64_t>> pw;
    if (py::isinstance<py::int_>(pad_width)) {
      pw.assign(x.ndim(), {pad_width.cast<int64_t>(), pad_width.cast<int64_t>()});
    } else {
      for (auto p : pad_width) {
        if (py::isinstance<py::int_>(p)) pw.push_back({p.cast<int64_t>(), p.cast<int64_t>()});
        else pw.push_back(p.cast<std::pair<int64_t, int64_t>>());
      }
      if (pw.size() == 1) pw.assign(x.ndim(), pw[0]);
    }
    return pad(x, pw, value);
  }, py::arg("x"), py::arg("pad_width"), py::arg("mode") = "constant", py::arg("constant_values") = 0.0);
  f.def("flip", [](V x, int64_t axis) { return flip(x, axis); }, py::arg("x"), py::arg("axis"));
  f.def("tile", [](V x, const py::object& reps) {
    return tile(x, py::isinstance<py::int_>(reps) ? Shape{reps.cast<int64_t>()} : reps.cast<Shape>());
  }, py::arg("x"), py::arg("reps"));
  f.def("repeat", [](V x, int64_t repeats, const py::object& axis) {
    return repeat(x, repeats, axis.is_none() ? std::nullopt : std::optional<int64_t>(axis.cast<int64_t>()));
  }, py::arg("x"), py::arg("repeats"), py::arg("axis") = py::none());
  f.def("cast", [](V x, const py::object& type) {
    py::dtype dt = py::dtype::from_args(type);
    return cast(x, dtype_from_name(py::str(dt).cast<std::string>()));
  }, py::arg("x"), py::arg("typ"));
  f.def("copy", [](V x, const py::object&) { return copy(x); }, py::arg("x"), py::arg("dst") = py::none());
  f.def("scatter_add", [](V a, const Tensor& idx, V b) { return scatter_add(a, idx, b); }, py::arg("a"),
        py::arg("slices"), py::arg("b"));
}

}  // namespace kusari::python

// kusari._kusari.datasets: the engine's datasets (TupleDataset, SubDataset, splits, MNIST and
// Fashion-MNIST through the IDX reader) and concat_examples. The kusari.datasets package wraps
// them and falls back to Python for datasets the engine cannot hold (lists, transforms).
#include "bind_examples.h"
#include "kusari/core/ops.h"
#include "kusari/datasets/concat_examples.h"
#include "kusari/datasets/mnist.h"
#include "kusari/datasets/permutation.h"
#include "kusari/datasets/sub_dataset.h"

namespace kusari::python {

namespace {

using datasets::Dataset;
using datasets::Example;
using datasets::TupleDataset;

// dataset[i], dataset[a:b:c], dataset[[i, j, ...]] with Chainer's results: a tuple for an
// integer, a list of tuples otherwise.
py::object dataset_getitem(const Dataset& d, const py::object& index) {
  auto list_of = [&](auto&& indices) {
    py::list out;
    for (int64_t i : indices) out.append(example_to_python(d.get_example(i)));
    return out;
  };
  if (py::isinstance<py::slice>(index)) {
    py::ssize_t start, stop, step, len;
    if (!py::reinterpret_borrow<py::slice>(index).compute(d.size(), &start, &stop, &step, &len))
      throw py::error_already_set();
    std::vector<int64_t> idx;
    for (py::ssize_t k = 0; k < len; ++k) idx.push_back(start + k * step);
    return list_of(idx);
  }
  bool array = py::isinstance<py::array>(index);
  if ((array && py::reinterpret_borrow<py::array>(index).ndim() == 0) || (!array && PyIndex_Check(index.ptr())))
    return example_to_python(d.get_example(py::int_(index).cast<int64_t>()));
  return list_of(index.cast<std::vector<int64_t>>());
}

Tensor checked_astype(const Tensor& t, const std::string& dtype) {
  Dtype d = dtype_from_name(dtype);
  return d == t.dtype() ? t : t.astype(d);
}

// Chainer's options applied to what the IDX reader gave: dtypes, rgb_format; without labels
// the images array itself (chainer.datasets.get_mnist(withlabel=False) returns an ndarray).
py::object finish_mnist(const std::shared_ptr<TupleDataset>& ds, bool withlabel, int ndim, const std::string& dtype,
                        const std::string& label_dtype, bool rgb_format) {
  Tensor images = ds->arrays()[0];
  if (rgb_format && ndim == 3) {
    Shape s = images.shape();
    s[1] = 3;
    images = images.broadcast_to(s).contiguous();
  }
  images = checked_astype(images, dtype);
  if (!withlabel) return array_from_tensor(images);
  Tensor labels = checked_astype(ds->arrays()[1], label_dtype);
  return py::cast(DatasetPtr(std::make_shared<TupleDataset>(std::vector<Tensor>{images, labels})));
}

template <typename Loader>
auto mnist_loader(Loader load, const char* default_dir) {
  return [load, default_dir](bool withlabel, int ndim, double scale, const std::string& dtype,
                             const std::string& label_dtype, bool rgb_format, const std::string& dir) {
    datasets::TrainTest tt = load(dir.empty() ? default_dir : dir, true, ndim, scale);
    return py::make_tuple(finish_mnist(tt.train, withlabel, ndim, dtype, label_dtype, rgb_format),
                          finish_mnist(tt.test, withlabel, ndim, dtype, label_dtype, rgb_format));
  };
}

// Stacks arrays of different shapes into one filled with `padding` (Chainer's padding rule:
// each axis as long as the longest array's, the first array's dtype).
Tensor stack_padded(const std::vector<Tensor>& xs, double padding) {
  Shape shape = xs[0].shape();
  for (size_t i = 0; i < xs.size(); ++i) {
    if (xs[i].ndim() != xs[0].ndim())
      throw ShapeError("concat_examples: with padding, arrays need the same ndim: " + shape_to_string(xs[0].shape()) +
                       " (array 0) and " + shape_to_string(xs[i].shape()) + " (array " + std::to_string(i) + ")");
    for (size_t d = 0; d < shape.size(); ++d) shape[d] = std::max(shape[d], xs[i].shape()[d]);
  }
  shape.insert(shape.begin(), static_cast<int64_t>(xs.size()));
  Tensor out = ops::full(shape, padding, xs[0].dtype());
  for (size_t i = 0; i < xs.size(); ++i) {
    std::vector<Slice> idx{Slice::at(static_cast<int64_t>(i))};
    for (int64_t n : xs[i].shape()) idx.push_back(Slice::range(0, n));
    out.index(idx).copy_from(xs[i]);
  }
  return out;
}

DatasetPtr sub_dataset(const DatasetPtr& base, int64_t start, int64_t finish, const py::object& order) {
  std::vector<int64_t> o = order.is_none() ? std::vector<int64_t>{} : order.cast<std::vector<int64_t>>();
  return std::make_shared<datasets::SubDataset>(base, start, finish, std::move(o));
}

}  // namespace

void init_datasets(py::module_& m) {
  py::module_ d = m.def_submodule("datasets", "The engine's datasets (wrapped by kusari.datasets).");

  py::class_<Dataset, DatasetPtr>(d, "Dataset")
      .def("__len__", &Dataset::size)
      .def("get_example", [](const Dataset& ds, int64_t i) { return example_to_python(ds.get_example(i)); })
      .def("__getitem__", &dataset_getitem);
  py::class_<TupleDataset, Dataset, std::shared_ptr<TupleDataset>>(d, "TupleDataset")
      .def(py::init<std::vector<Tensor>>())
      .def_property_readonly("arrays", [](const TupleDataset& ds) { return tensors_to_python(ds.arrays()); });
  py::class_<datasets::SubDataset, Dataset, std::shared_ptr<datasets::SubDataset>>(d, "SubDataset");

  d.def("sub_dataset", &sub_dataset, py::arg("dataset"), py::arg("start"), py::arg("finish"),
        py::arg("order") = py::none());
  d.def("random_seed", [] { return ops::random_u64(); }, "A seed drawn from kusari's generator (kusari.seed).");
  // The engine's split_dataset_random order for `seed`, for engine and Python datasets alike.
  d.def("permutation", [](int64_t n, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<int64_t> p = datasets::random_permutation(n, rng);
    return py::array_t<int64_t>(static_cast<py::ssize_t>(p.size()), p.data());
  });

  d.def("get_fashion_mnist", mnist_loader(&datasets::get_fashion_mnist, datasets::kFashionMnistDir),
        py::arg("withlabel"), py::arg("ndim"), py::arg("scale"), py::arg("dtype"), py::arg("label_dtype"),
        py::arg("rgb_format"), py::arg("dir"));
  d.def("get_mnist", mnist_loader(&datasets::get_mnist, datasets::kMnistDir), py::arg("withlabel"), py::arg("ndim"),
        py::arg("scale"), py::arg("dtype"), py::arg("label_dtype"), py::arg("rgb_format"), py::arg("dir"));

  // Tuples of arrays -> tuple of stacked arrays (one memcpy per example when they allow it).
  d.def("concat_examples", [](const std::vector<std::vector<Tensor>>& batch) {
    return tensors_to_python(datasets::concat_examples(batch));
  });
  d.def("stack", [](const std::vector<Tensor>& xs, const py::object& padding) -> py::array {
    if (xs.empty()) throw ValueError("concat_examples: the batch is empty");
    if (!padding.is_none()) return array_from_tensor(stack_padded(xs, padding.cast<double>()));
    std::vector<Example> batch;
    for (const Tensor& x : xs) batch.push_back({x});
    return array_from_tensor(datasets::concat_examples(batch)[0]);
  }, py::arg("arrays"), py::arg("padding") = py::none());
}

}  // namespace kusari::python

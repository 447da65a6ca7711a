// kusari._kusari.iterators: the engine's SerialIterator over an engine dataset (batches are
// gathered in C++ and stacked by one concat_examples call), and the seeded permutations the
// Python-level iterator uses for datasets kept in Python.
#include "bind_examples.h"
#include "kusari/core/ops.h"
#include "kusari/datasets/concat_examples.h"
#include "kusari/datasets/permutation.h"
#include "kusari/iterators/serial_iterator.h"

namespace kusari::python {

namespace {

using iterators::SerialIterator;

// One batch as the engine gathered it; kusari.iterators shows it as a list of examples and
// kusari.dataset.concat_examples stacks it without going through the Python tuples.
struct EngineBatch {
  std::vector<datasets::Example> examples;
};

// Chainer's Python serializer protocol, `value = serializer(key, value)`, works the same way
// when saving (it returns the value) and loading (it returns the stored one or fills the array
// in place), so the engine's loading path, which validates what it gets, serves both.
class PythonSerializer : public Serializer {
 public:
  explicit PythonSerializer(py::object target) : target_(std::move(target)) {}
  std::unique_ptr<Serializer> child(const std::string& name) override {
    return std::make_unique<PythonSerializer>(target_[py::str(name)]);
  }
  void operator()(const std::string& key, Tensor& value) override {
    py::object array = value.defined() ? py::object(array_from_tensor(value)) : py::object(py::none());
    py::object result = target_(key, array);
    if (result.is_none() || result.is(array)) return;
    Tensor loaded = tensor_from_object(result);
    if (value.defined() && loaded.shape() == value.shape()) value.copy_from(loaded);
    else value = loaded.clone();
  }
  void operator()(const std::string& key, double& value) override {
    py::object result = target_(key, value);
    if (!result.is_none()) value = result.cast<double>();
  }
  bool is_loading() const override { return true; }

 private:
  py::object target_;
};

py::object order_of(const SerialIterator& it) {
  const std::vector<int64_t>& o = it.order();
  if (o.empty()) return py::none();
  return py::array_t<int64_t>(static_cast<py::ssize_t>(o.size()), o.data());
}

}  // namespace

void init_iterators(py::module_& m) {
  py::module_ it = m.def_submodule("iterators", "The engine's iterators (wrapped by kusari.iterators).");

  py::class_<EngineBatch>(it, "EngineBatch")
      .def("__len__", [](const EngineBatch& b) { return b.examples.size(); })
      // bare: examples of one element are that element (datasets that are a single array).
      .def("examples", [](const EngineBatch& b, bool bare) {
        py::list out;
        for (const auto& e : b.examples) out.append(bare ? element_to_python(e.at(0)) : py::object(example_to_python(e)));
        return out;
      }, py::arg("bare") = false)
      .def("concat", [](const EngineBatch& b) { return tensors_to_python(datasets::concat_examples(b.examples)); });

  py::class_<SerialIterator>(it, "SerialIterator")
      .def(py::init([](const DatasetPtr& d, int64_t batch_size, bool repeat, bool shuffle, std::optional<uint64_t> seed) {
             return std::make_unique<SerialIterator>(d, batch_size, repeat, shuffle, seed);
           }), py::arg("dataset"), py::arg("batch_size"), py::arg("repeat") = true, py::arg("shuffle") = true,
           py::arg("seed") = py::none())
      .def("next", [](SerialIterator& s) {
        try {
          return EngineBatch{s.next()};
        } catch (const iterators::StopIteration&) {
          throw py::stop_iteration();
        }
      })
      .def_property_readonly("epoch", &SerialIterator::epoch)
      .def_property_readonly("epoch_detail", &SerialIterator::epoch_detail)
      .def_property_readonly("previous_epoch_detail", &SerialIterator::previous_epoch_detail)
      .def_property_readonly("is_new_epoch", &SerialIterator::is_new_epoch)
      .def_property_readonly("current_position", &SerialIterator::current_position)
      .def_property_readonly("batch_size", &SerialIterator::batch_size)
      .def_property_readonly("repeat", &SerialIterator::repeat)
      .def_property_readonly("order", &order_of)
      .def("reset", &SerialIterator::reset)
      .def("serialize", [](SerialIterator& s, const py::object& serializer) {
        PythonSerializer ps(serializer);
        s.serialize(ps);
      });

  // A fresh uniformly random permutation per call (ShuffleOrderSampler's generator).
  py::class_<std::mt19937_64>(it, "Permuter")
      .def(py::init([](std::optional<uint64_t> seed) { return std::mt19937_64(seed ? *seed : ops::random_u64()); }),
           py::arg("seed") = py::none())
      .def("__call__", [](std::mt19937_64& rng, int64_t n) {
        std::vector<int64_t> p = datasets::random_permutation(n, rng);
        return py::array_t<int64_t>(static_cast<py::ssize_t>(p.size()), p.data());
      });
}

}  // namespace kusari::python

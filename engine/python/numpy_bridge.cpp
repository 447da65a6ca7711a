#include "numpy_bridge.h"

namespace kusari::python {

py::dtype numpy_dtype(Dtype d) {
  switch (d) {
    case Dtype::Bool: return py::dtype::of<bool>();
    case Dtype::Int32: return py::dtype::of<int32_t>();
    case Dtype::Int64: return py::dtype::of<int64_t>();
    case Dtype::Float32: return py::dtype::of<float>();
    case Dtype::Float64: break;
  }
  return py::dtype::of<double>();
}

namespace {
bool supported(const py::dtype& dt, Dtype& out) {
  if (dt.kind() == 'b' && dt.itemsize() == 1) { out = Dtype::Bool; return true; }
  if (dt.kind() == 'i' && dt.itemsize() == 4) { out = Dtype::Int32; return true; }
  if (dt.kind() == 'i' && dt.itemsize() == 8) { out = Dtype::Int64; return true; }
  if (dt.kind() == 'f' && dt.itemsize() == 4) { out = Dtype::Float32; return true; }
  if (dt.kind() == 'f' && dt.itemsize() == 8) { out = Dtype::Float64; return true; }
  return false;
}
}  // namespace

Tensor tensor_from_array(const py::array& array_in) {
  py::array array = array_in;
  Dtype d;
  if (!supported(array.dtype(), d) || !array.dtype().attr("isnative").cast<bool>()) {
    char kind = array.dtype().kind();
    if (kind == 'O' || kind == 'U' || kind == 'S' || kind == 'V')
      throw DtypeError("cannot make a tensor from a NumPy array of dtype " + py::str(array.dtype()).cast<std::string>());
    const char* target = kind == 'f' || kind == 'c' ? "float32" : kind == 'b' ? "bool" : kind == 'u' && array.dtype().itemsize() >= 4 ? "int64" : "int32";
    if (kind == 'f' && array.dtype().itemsize() == 8) target = "float64";
    array = array.attr("astype")(target);
    supported(array.dtype(), d);
  }
  if (array.ndim() > kMaxDims)
    throw ShapeError("tensors have at most 8 dimensions, the array has " + std::to_string(array.ndim()));
  const auto itemsize = static_cast<int64_t>(array.itemsize());
  Shape shape(array.shape(), array.shape() + array.ndim());
  Strides strides(array.ndim());
  for (py::ssize_t i = 0; i < array.ndim(); ++i) {
    if (array.strides()[i] % itemsize != 0) return tensor_from_array(py::array(array.attr("copy")()));
    strides[i] = array.strides()[i] / itemsize;
  }
  auto* holder = new py::object(array);
  std::shared_ptr<void> keep(holder, [](void* p) {
    py::gil_scoped_acquire gil;
    delete static_cast<py::object*>(p);
  });
  auto storage = std::make_shared<Storage>(const_cast<void*>(array.data()), static_cast<size_t>(array.nbytes()),
                                           Device::cpu(), std::move(keep));
  return Tensor(std::move(storage), shape, strides, 0, d);
}

Tensor tensor_from_object(const py::handle& obj) {
  if (py::isinstance<py::array>(obj)) return tensor_from_array(py::reinterpret_borrow<py::array>(obj));
  py::module_ np = py::module_::import("numpy");
  py::array a = np.attr("asarray")(obj);
  // Python floats become float32 arrays like Chainer's default dtype; ints stay int64.
  if (a.dtype().kind() == 'f' && a.dtype().itemsize() == 8) a = a.attr("astype")("float32");
  return tensor_from_array(a);
}

py::array array_from_tensor(const Tensor& t) {
  if (!t.defined()) throw ValueError("the tensor is undefined (an uninitialized parameter?)");
  if (t.device().type != DeviceType::CPU)
    throw ValueError("the array lives on " + t.device().to_string() + "; call to_cpu() first");
  const auto itemsize = static_cast<py::ssize_t>(dtype_size(t.dtype()));
  std::vector<py::ssize_t> shape(t.shape().begin(), t.shape().end());
  std::vector<py::ssize_t> strides;
  for (int64_t s : t.strides()) strides.push_back(static_cast<py::ssize_t>(s) * itemsize);
  auto* keep = new std::shared_ptr<Storage>(t.storage());
  py::capsule base(keep, [](void* p) { delete static_cast<std::shared_ptr<Storage>*>(p); });
  return py::array(numpy_dtype(t.dtype()), shape, strides, t.raw_data(), base);
}

}  // namespace kusari::python

namespace pybind11::detail {
bool type_caster<kusari::Tensor>::load(handle src, bool convert) {
  if (src.is_none()) return false;
  if (pybind11::hasattr(src, "_kusari_variable")) {
    // A Variable: its data.
    value = pybind11::cast<kusari::Variable>(src).data();
    return true;
  }
  if (!convert && !pybind11::isinstance<pybind11::array>(src)) return false;
  value = kusari::python::tensor_from_object(src);
  return true;
}
}  // namespace pybind11::detail

// Array routines on Tensors: creation, elementwise arithmetic with NumPy broadcasting and
// type promotion, reductions and matmul. Not differentiable (see functions/ for that);
// each call looks up its kernel for the tensor's device.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "kusari/core/kernel_registry.h"
#include "kusari/core/tensor.h"

namespace kusari::ops {

// ---- creation ----
Tensor empty(const Shape& shape, Dtype dtype = Dtype::Float32, Device device = Device::cpu());
Tensor zeros(const Shape& shape, Dtype dtype = Dtype::Float32, Device device = Device::cpu());
Tensor ones(const Shape& shape, Dtype dtype = Dtype::Float32, Device device = Device::cpu());
Tensor full(const Shape& shape, double value, Dtype dtype = Dtype::Float32, Device device = Device::cpu());
Tensor zeros_like(const Tensor& t);
Tensor ones_like(const Tensor& t);
Tensor full_like(const Tensor& t, double value);
Tensor scalar(double value, Dtype dtype = Dtype::Float32, Device device = Device::cpu());
Tensor arange(double start, double stop, double step = 1, Dtype dtype = Dtype::Float32);
Tensor linspace(double start, double stop, int64_t num, Dtype dtype = Dtype::Float32);
Tensor eye(int64_t n, int64_t m = -1, int64_t k = 0, Dtype dtype = Dtype::Float32);
template <typename T>
Tensor from_vector(const std::vector<T>& values, const Shape& shape) {
  Tensor t(shape, dtype_of<T>);
  if (static_cast<int64_t>(values.size()) != t.numel())
    throw ShapeError("from_vector: " + std::to_string(values.size()) + " values for shape " + shape_to_string(shape));
  std::copy(values.begin(), values.end(), t.data<T>());
  return t;
}

// ---- random (one seeded generator per thread; kusari::ops::seed makes runs repeatable) ----
void seed(uint64_t s);
Tensor normal(const Shape& shape, double mean = 0, double stddev = 1, Dtype dtype = Dtype::Float32);
Tensor uniform(const Shape& shape, double low = 0, double high = 1, Dtype dtype = Dtype::Float32);
Tensor bernoulli(const Shape& shape, double p, Dtype dtype = Dtype::Float32);  // 1 with probability p
uint64_t random_u64();

// ---- elementwise ----
Tensor unary(std::string_view kernel_name, const Tensor& x, UnaryArgs args = {});
// Binary arithmetic kernels by name ("add", "multiply", "power", ...), promoting dtypes.
Tensor binary(std::string_view kernel_name, const Tensor& a, const Tensor& b);
Tensor compare(std::string_view kernel_name, const Tensor& a, const Tensor& b);  // bool result
Tensor add(const Tensor& a, const Tensor& b);
Tensor sub(const Tensor& a, const Tensor& b);
Tensor mul(const Tensor& a, const Tensor& b);
Tensor div(const Tensor& a, const Tensor& b);
Tensor add(const Tensor& a, double s);
// acc += b into acc's own buffer, when acc is contiguous and b has acc's dtype and device and a
// shape that broadcasts to acc's (b = a bias row, or acc's own shape); returns false (and leaves acc
// alone) otherwise. The caller guarantees nobody else sees acc.
bool add_in_place(const Tensor& acc, const Tensor& b);
Tensor mul(const Tensor& a, double s);
Tensor where(const Tensor& cond, const Tensor& a, const Tensor& b);
Tensor cast(const Tensor& x, Dtype d);

// ---- reductions (axes empty = all axes) ----
Tensor sum(const Tensor& x, const Axes& axes = {}, bool keepdims = false);
Tensor mean(const Tensor& x, const Axes& axes = {}, bool keepdims = false);
Tensor prod(const Tensor& x, const Axes& axes = {}, bool keepdims = false);
Tensor max(const Tensor& x, const Axes& axes = {}, bool keepdims = false);
Tensor min(const Tensor& x, const Axes& axes = {}, bool keepdims = false);
Tensor argmax(const Tensor& x, int64_t axis = -1, bool flatten = false);  // int64
Tensor argmin(const Tensor& x, int64_t axis = -1, bool flatten = false);
// Sums the broadcast axes of x so that it has `shape` (the inverse of broadcast_to).
Tensor sum_to(const Tensor& x, const Shape& shape);
bool all_finite(const Tensor& x);
int64_t count_nonfinite(const Tensor& x);

// ---- linear algebra ----
// NumPy matmul semantics (1-D operands promoted, batch dims broadcast) with optional
// transposes of the last two axes.
Tensor matmul(const Tensor& a, const Tensor& b, bool trans_a = false, bool trans_b = false);

// ---- joining ----
Tensor concat(const std::vector<Tensor>& xs, int64_t axis);
Tensor stack(const std::vector<Tensor>& xs, int64_t axis);

}  // namespace kusari::ops

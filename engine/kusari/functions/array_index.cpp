// Indexing: basic get_item (a view), integer-array get_item along an axis (take),
// select_item and scatter_add. The gradient of a take is a scatter-add and vice versa.
#include <string>

#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/array.h"
#include "kusari/functions/array_detail.h"
#include "kusari/functions/array_kernels.h"
#include "kusari/functions/reduction.h"
#include "kusari/functions/shape_ops.h"

namespace kusari {

namespace {

void check_integer_indices(const char* op, const Tensor& indices) {
  if (indices.dtype() != Dtype::Int32 && indices.dtype() != Dtype::Int64)
    throw DtypeError(std::string(op) + ": indices must be int32 or int64, got " + indices.describe());
}

// int64 copy of `indices` with negatives wrapped; IndexError names the index and axis.
Tensor normalize_indices(const char* op, const Tensor& indices, int64_t size, int64_t axis) {
  check_integer_indices(op, indices);
  Tensor out(indices.shape(), Dtype::Int64, indices.device());
  kernel<NormalizeIndicesKernel>("normalize_indices", indices.device())(indices, out, size, axis, op);
  return out;
}

// Shape of taking `idx` along `axis` of `shape`: shape[:axis] + idx_shape + shape[axis+1:].
Shape take_shape(const Shape& shape, const Shape& idx_shape, int64_t axis) {
  Shape s(shape.begin(), shape.begin() + axis);
  s.insert(s.end(), idx_shape.begin(), idx_shape.end());
  s.insert(s.end(), shape.begin() + axis + 1, shape.end());
  return s;
}

Variable scatter_axis(const Variable& values, const Tensor& idx, int64_t axis, const Shape& shape);

// x.take(idx, axis) with normalized int64 indices.
Variable take_axis(const Variable& x, const Tensor& idx, int64_t axis) {
  FunctionScope fn("get_item", {x}, "axis=" + std::to_string(axis));
  Tensor y(take_shape(x.shape(), idx.shape(), axis), x.dtype(), x.data().device());
  if (y.numel() > 0) kernel<TakeKernel>("take", y.device())(x.data().contiguous(), idx.contiguous(), y, axis);
  return fn.finish(y, [idx, axis](const BackwardContext& c) {
    return Grads{scatter_axis(c.grad_output(0), idx, axis, c.input(0).shape())};
  });
}

// Zeros of `shape` with `values` (shape take_shape(shape, idx, axis)) added at idx along axis.
Variable scatter_axis(const Variable& values, const Tensor& idx, int64_t axis, const Shape& shape) {
  FunctionScope fn("scatter_add", {values}, "axis=" + std::to_string(axis));
  Tensor y = ops::zeros(shape, values.dtype(), values.data().device());
  if (values.numel() > 0)
    kernel<ScatterAddKernel>("scatter_add", y.device())(values.data().contiguous(), idx.contiguous(), y, axis);
  return fn.finish(y, [idx, axis](const BackwardContext& c) { return Grads{take_axis(c.grad_output(0), idx, axis)}; });
}

// Prefixes errors raised by Tensor::index with the function's name.
Tensor index_view(const Tensor& x, const std::vector<Slice>& index) {
  try {
    return x.index(index);
  } catch (const IndexError& e) {
    throw IndexError(std::string("get_item: ") + e.what() + " (input " + x.describe() + ")");
  } catch (const ValueError& e) {
    throw ValueError(std::string("get_item: ") + e.what());
  }
}

}  // namespace

namespace array_detail {

Variable scatter_basic(const Variable& gy, const Shape& shape, const std::vector<Slice>& index) {
  FunctionScope fn("get_item_grad", {gy});
  Tensor gx = ops::zeros(shape, gy.dtype(), gy.data().device());
  Tensor target = gx.index(index);
  target.copy_from(gy.data());
  return fn.finish(gx, [index](const BackwardContext& c) { return Grads{get_item(c.grad_output(0), index)}; });
}

Variable grad_as(const Variable& g, Dtype dtype) { return g.dtype() == dtype ? g : cast(g, dtype); }

}  // namespace array_detail

Variable get_item(const Variable& x, const std::vector<Slice>& index) {
  FunctionScope fn("get_item", {x});
  return fn.finish(index_view(x.data(), index), [index](const BackwardContext& c) {
    return Grads{array_detail::scatter_basic(c.grad_output(0), c.input(0).shape(), index)};
  });
}

Variable get_item(const Variable& x, const Tensor& indices, int64_t axis) {
  if (x.ndim() == 0) throw IndexError("get_item: cannot index a 0-dimensional array with an integer array");
  axis = normalize_axis(axis, x.ndim(), "get_item");
  Tensor idx = normalize_indices("get_item", indices, x.shape()[axis], axis);
  return take_axis(x, idx, axis);
}

Variable select_item(const Variable& x, const Tensor& t) {
  check_integer_indices("select_item", t);
  if (x.ndim() != 2 || t.ndim() != 1 || t.shape()[0] != x.shape()[0])
    throw_op_error("select_item", {x, Variable(t)}, "x must be 2-D (N, M) and t 1-D (N,)");
  const int64_t n = x.shape()[0], m = x.shape()[1];
  Tensor col = normalize_indices("select_item", t, m, 1);
  // Row i's element t[i] is element i * m + t[i] of the flattened x.
  Tensor flat = ops::add(ops::mul(ops::arange(0, static_cast<double>(n), 1, Dtype::Int64), ops::scalar(m, Dtype::Int64)), col);
  return take_axis(reshape(x, {n * m}), flat, 0);
}

Variable scatter_add(const Variable& a, const Tensor& indices, const Variable& values) {
  if (a.ndim() == 0) throw IndexError("scatter_add: cannot scatter into a 0-dimensional array");
  Tensor idx = normalize_indices("scatter_add", indices, a.shape()[0], 0);
  Shape vshape = take_shape(a.shape(), idx.shape(), 0);
  Variable v;
  try {
    v = broadcast_to(values, vshape);
  } catch (const ShapeError&) {
    throw_op_error("scatter_add", {a, values},
                   "values of shape " + shape_to_string(values.shape()) + " don't broadcast to " + shape_to_string(vshape));
  }
  return add(a, scatter_axis(v, idx, 0, a.shape()));
}

}  // namespace kusari

#include "kusari/core/ops.h"

#include <cmath>
#include <random>

namespace kusari::ops {

Tensor empty(const Shape& shape, Dtype dtype, Device device) { return Tensor(shape, dtype, device); }
Tensor zeros(const Shape& shape, Dtype dtype, Device device) { return full(shape, 0, dtype, device); }
Tensor ones(const Shape& shape, Dtype dtype, Device device) { return full(shape, 1, dtype, device); }
Tensor full(const Shape& shape, double value, Dtype dtype, Device device) {
  Tensor t(shape, dtype, device);
  t.fill(value);
  return t;
}
Tensor zeros_like(const Tensor& t) { return zeros(t.shape(), t.dtype(), t.device()); }
Tensor ones_like(const Tensor& t) { return ones(t.shape(), t.dtype(), t.device()); }
Tensor full_like(const Tensor& t, double value) { return full(t.shape(), value, t.dtype(), t.device()); }
Tensor scalar(double value, Dtype dtype, Device device) { return full({}, value, dtype, device); }

Tensor arange(double start, double stop, double step, Dtype dtype) {
  if (step == 0) throw ValueError("arange: step cannot be zero");
  int64_t n = std::max<int64_t>(0, static_cast<int64_t>(std::ceil((stop - start) / step)));
  Tensor t({n}, Dtype::Float64);
  double* p = t.data<double>();
  for (int64_t i = 0; i < n; ++i) p[i] = start + i * step;
  return t.astype(dtype);
}

Tensor linspace(double start, double stop, int64_t num, Dtype dtype) {
  if (num < 0) throw ValueError("linspace: number of samples must be non-negative");
  Tensor t({num}, Dtype::Float64);
  double* p = t.data<double>();
  double step = num > 1 ? (stop - start) / static_cast<double>(num - 1) : 0;
  for (int64_t i = 0; i < num; ++i) p[i] = start + i * step;
  if (num > 1) p[num - 1] = stop;
  return t.astype(dtype);
}

Tensor eye(int64_t n, int64_t m, int64_t k, Dtype dtype) {
  if (m < 0) m = n;
  Tensor t = zeros({n, m}, Dtype::Float64);
  double* p = t.data<double>();
  for (int64_t i = 0; i < n; ++i)
    if (i + k >= 0 && i + k < m) p[i * m + i + k] = 1;
  return t.astype(dtype);
}

namespace {
std::mt19937_64& generator() {
  thread_local std::mt19937_64 g(0x6b75736172690001ULL);
  return g;
}
template <typename Dist>
Tensor sample(const Shape& shape, Dist dist, Dtype dtype) {
  Tensor t(shape, Dtype::Float64);
  double* p = t.data<double>();
  auto& g = generator();
  for (int64_t i = 0; i < t.numel(); ++i) p[i] = dist(g);
  return t.astype(dtype);
}
}  // namespace

void seed(uint64_t s) { generator().seed(s); }
uint64_t random_u64() { return generator()(); }
Tensor normal(const Shape& shape, double mean, double stddev, Dtype dtype) {
  return sample(shape, std::normal_distribution<double>(mean, stddev), dtype);
}
Tensor uniform(const Shape& shape, double low, double high, Dtype dtype) {
  return sample(shape, std::uniform_real_distribution<double>(low, high), dtype);
}
Tensor bernoulli(const Shape& shape, double p, Dtype dtype) {
  if (p < 0 || p > 1) throw ValueError("bernoulli: p must be in [0, 1], got " + std::to_string(p));
  std::bernoulli_distribution d(p);
  return sample(shape, [d](auto& g) mutable { return d(g) ? 1.0 : 0.0; }, dtype);
}

Tensor unary(std::string_view name, const Tensor& x, UnaryArgs args) {
  Tensor y(x.shape(), x.dtype(), x.device());
  kernel<UnaryKernel>(name, x.device())(x, y, args);
  return y;
}

namespace {
void check_same_device(std::string_view op, const Tensor& a, const Tensor& b) {
  if (!(a.device() == b.device()))
    throw Error(std::string(op) + ": operands on different devices (" + a.device().to_string() + " and " +
                b.device().to_string() + ")");
}

// An operand as a kernel takes it: `a` itself when its dtype and shape already fit (copying
// the handle would allocate its shape and strides again), else a cast/broadcast view in `tmp`.
const Tensor& operand(const Tensor& a, Dtype d, const Shape& shape, Tensor& tmp) {
  if (a.dtype() == d && a.shape() == shape) return a;
  tmp = a.astype(d).broadcast_to(shape);
  return tmp;
}
}  // namespace

Tensor binary(std::string_view name, const Tensor& a, const Tensor& b) {
  check_same_device(name, a, b);
  std::string op(name);
  Shape shape = broadcast_shapes(a.shape(), b.shape(), op.c_str());
  Dtype d = promote_types(a.dtype(), b.dtype());
  if (name == "power" && !is_floating(d)) d = Dtype::Float64;
  Tensor y(shape, d, a.device());
  Tensor ta, tb;
  kernel<BinaryKernel>(name, a.device())(operand(a, d, shape, ta), operand(b, d, shape, tb), y);
  return y;
}

Tensor compare(std::string_view name, const Tensor& a, const Tensor& b) {
  check_same_device(name, a, b);
  std::string op(name);
  Shape shape = broadcast_shapes(a.shape(), b.shape(), op.c_str());
  Dtype d = promote_types(a.dtype(), b.dtype());
  Tensor y(shape, Dtype::Bool, a.device());
  Tensor ta, tb;
  kernel<BinaryKernel>(name, a.device())(operand(a, d, shape, ta), operand(b, d, shape, tb), y);
  return y;
}

Tensor add(const Tensor& a, const Tensor& b) { return binary("add", a, b); }
bool add_in_place(const Tensor& acc, const Tensor& b) {
  if (!acc.defined() || !b.defined() || acc.dtype() != b.dtype() || acc.device() != b.device() ||
      !acc.is_contiguous() || acc.shares_storage(b) || b.ndim() > acc.ndim())
    return false;
  const int64_t lead = acc.ndim() - b.ndim();  // b's dimensions align with acc's trailing ones
  for (int64_t i = 0; i < b.ndim(); ++i)
    if (b.shape()[i] != 1 && b.shape()[i] != acc.shape()[lead + i]) return false;
  Tensor out = acc;  // same storage: an elementwise kernel reads each element before writing it
  kernel<BinaryKernel>("add", acc.device())(acc, b.shape() == acc.shape() ? b : b.broadcast_to(acc.shape()), out);
  return true;
}
Tensor sub(const Tensor& a, const Tensor& b) { return binary("subtract", a, b); }
Tensor mul(const Tensor& a, const Tensor& b) { return binary("multiply", a, b); }
Tensor div(const Tensor& a, const Tensor& b) { return binary("divide", a, b); }
Tensor add(const Tensor& a, double s) { return unary("add_scalar", a, {s}); }
Tensor mul(const Tensor& a, double s) { return unary("mul_scalar", a, {s}); }

Tensor where(const Tensor& cond, const Tensor& a, const Tensor& b) {
  check_same_device("where", a, b);
  Shape shape = broadcast_shapes(broadcast_shapes(cond.shape(), a.shape(), "where"), b.shape(), "where");
  Dtype d = promote_types(a.dtype(), b.dtype());
  Tensor y(shape, d, a.device());
  kernel<WhereKernel>("where", a.device())(cond.astype(Dtype::Bool).broadcast_to(shape),
                                           a.astype(d).broadcast_to(shape), b.astype(d).broadcast_to(shape), y);
  return y;
}

Tensor cast(const Tensor& x, Dtype d) { return x.astype(d); }

namespace {
Tensor reduce(std::string_view name, const Tensor& x, const Axes& axes, bool keepdims) {
  std::string op(name);
  Axes norm = normalize_axes(axes, x.ndim(), true, op.c_str());
  Tensor src = x.dtype() == Dtype::Bool ? x.astype(Dtype::Int64) : x;
  const Shape kept = reduced_shape(x.shape(), norm, true);
  // NumPy: only reducing an empty axis into a non-empty result has no identity.
  if ((name == "max" || name == "min") && x.numel() == 0 && shape_numel(kept) != 0)
    throw ValueError(op + ": zero-size array to reduction operation which has no identity");
  // Reducing the trailing axes and then the rest keeps both passes on the kernels' fast
  // paths (contiguous rows, then column accumulation) instead of a transposing copy.
  size_t trailing = 0;
  while (trailing < norm.size() && norm[norm.size() - 1 - trailing] == x.ndim() - 1 - static_cast<int64_t>(trailing))
    ++trailing;
  if (src.is_contiguous() && trailing > 0 && trailing < norm.size()) {
    Axes tail(norm.end() - trailing, norm.end()), head(norm.begin(), norm.end() - trailing);
    Tensor partial = reduce(name, src, tail, true);
    return reduce(name, partial, head, true).view(reduced_shape(x.shape(), norm, keepdims));
  }
  Tensor y(kept, src.dtype(), x.device());
  kernel<ReduceKernel>(name, x.device())(src, y, norm);
  return keepdims ? y : y.view(reduced_shape(x.shape(), norm, false));
}

Tensor arg_reduce(std::string_view name, const Tensor& x, int64_t axis, bool flatten) {
  Tensor src = flatten ? x.reshape({x.numel()}) : x;
  std::string op(name);
  Axes norm{normalize_axis(flatten ? 0 : axis, src.ndim(), op.c_str())};
  if (src.ndim() == 0) return ops::zeros({}, Dtype::Int64, x.device());
  Tensor y(reduced_shape(src.shape(), norm, true), Dtype::Int64, x.device());
  kernel<ReduceKernel>(name, x.device())(src, y, norm);
  return y.view(reduced_shape(src.shape(), norm, false));
}
}  // namespace

Tensor sum(const Tensor& x, const Axes& axes, bool keepdims) { return reduce("sum", x, axes, keepdims); }
Tensor prod(const Tensor& x, const Axes& axes, bool keepdims) { return reduce("prod", x, axes, keepdims); }
Tensor max(const Tensor& x, const Axes& axes, bool keepdims) { return reduce("max", x, axes, keepdims); }
Tensor min(const Tensor& x, const Axes& axes, bool keepdims) { return reduce("min", x, axes, keepdims); }
Tensor mean(const Tensor& x, const Axes& axes, bool keepdims) {
  Axes norm = normalize_axes(axes, x.ndim(), true, "mean");
  int64_t count = 1;
  for (int64_t a : norm) count *= x.shape()[a];
  Tensor s = sum(is_floating(x.dtype()) ? x : x.astype(Dtype::Float64), norm, keepdims);
  return mul(s, 1.0 / static_cast<double>(count));
}
Tensor argmax(const Tensor& x, int64_t axis, bool flatten) { return arg_reduce("argmax", x, axis, flatten); }
Tensor argmin(const Tensor& x, int64_t axis, bool flatten) { return arg_reduce("argmin", x, axis, flatten); }

Tensor sum_to(const Tensor& x, const Shape& shape) {
  if (x.shape() == shape) return x;
  int64_t lead = x.ndim() - static_cast<int64_t>(shape.size());
  if (lead < 0) throw ShapeError("sum_to: cannot sum " + shape_to_string(x.shape()) + " to " + shape_to_string(shape));
  Axes axes;
  for (int64_t i = 0; i < lead; ++i) axes.push_back(i);
  for (int64_t i = 0; i < static_cast<int64_t>(shape.size()); ++i) {
    if (shape[i] == 1 && x.shape()[lead + i] != 1) axes.push_back(lead + i);
    else if (shape[i] != x.shape()[lead + i])
      throw ShapeError("sum_to: cannot sum " + shape_to_string(x.shape()) + " to " + shape_to_string(shape));
  }
  if (axes.empty()) return x.reshape(shape);
  return sum(x, axes, true).reshape(shape);
}

int64_t count_nonfinite(const Tensor& x) {
  if (!is_floating(x.dtype()) || x.numel() == 0) return 0;
  Tensor finite = unary("isfinite_mask", x);
  return x.numel() - static_cast<int64_t>(std::llround(sum(finite.astype(Dtype::Float64)).item()));
}
bool all_finite(const Tensor& x) { return count_nonfinite(x) == 0; }

Tensor matmul(const Tensor& a_in, const Tensor& b_in, bool trans_a, bool trans_b) {
  check_same_device("matmul", a_in, b_in);
  if (a_in.ndim() == 0 || b_in.ndim() == 0) throw ShapeError("matmul: operands must not be 0-dimensional");
  Tensor a = a_in.ndim() == 1 ? a_in.expand_dims(0) : a_in;
  Tensor b = b_in.ndim() == 1 ? b_in.expand_dims(1) : b_in;
  if (trans_a) a = a.swapaxes(-1, -2);
  if (trans_b) b = b.swapaxes(-1, -2);
  const int64_t m = a.shape()[a.ndim() - 2], k = a.shape()[a.ndim() - 1];
  const int64_t k2 = b.shape()[b.ndim() - 2], n = b.shape()[b.ndim() - 1];
  if (k != k2)
    throw ShapeError("matmul: shapes " + shape_to_string(a_in.shape()) + (trans_a ? "^T" : "") + " and " +
                     shape_to_string(b_in.shape()) + (trans_b ? "^T" : "") + " are not aligned (" +
                     std::to_string(k) + " != " + std::to_string(k2) + ")");
  Dtype d = promote_types(a.dtype(), b.dtype());
  if (!is_floating(d)) d = Dtype::Float32;
  Shape batch = broadcast_shapes(Shape(a.shape().begin(), a.shape().end() - 2),
                                 Shape(b.shape().begin(), b.shape().end() - 2), "matmul");
  Shape ashape = batch, bshape = batch, yshape = batch;
  ashape.insert(ashape.end(), {m, k});
  bshape.insert(bshape.end(), {k, n});
  yshape.insert(yshape.end(), {m, n});
  a = a.astype(d).broadcast_to(ashape);
  b = b.astype(d).broadcast_to(bshape);
  // A transposed contiguous operand is passed as such instead of being copied.
  auto prepare = [](const Tensor& t, bool& transposed) {
    if (t.is_contiguous()) { transposed = false; return t; }
    Tensor tt = t.swapaxes(-1, -2);
    if (tt.is_contiguous()) { transposed = true; return tt; }
    transposed = false;
    return t.contiguous();
  };
  bool ta = false, tb = false;
  Tensor ac = prepare(a, ta), bc = prepare(b, tb);
  Tensor y(yshape, d, a.device());
  kernel<MatmulKernel>("matmul", a.device())(ac, bc, y, ta, tb);
  if (a_in.ndim() == 1) y = y.squeeze({-2});
  if (b_in.ndim() == 1) y = y.squeeze({-1});
  return y;
}

Tensor concat(const std::vector<Tensor>& xs, int64_t axis) {
  if (xs.empty()) throw ValueError("concat: need at least one array");
  // normalize_axis accepts axis 0 of a 0-D array, which has no axis to join along.
  if (xs[0].ndim() == 0) throw ShapeError("concat: zero-dimensional arrays cannot be concatenated");
  axis = normalize_axis(axis, xs[0].ndim(), "concat");
  Shape shape = xs[0].shape();
  Dtype d = xs[0].dtype();
  int64_t total = 0;
  for (const Tensor& x : xs) {
    Shape s = x.shape();
    if (s.size() != shape.size()) throw ShapeError("concat: all inputs must have the same number of dimensions");
    for (size_t i = 0; i < s.size(); ++i)
      if (static_cast<int64_t>(i) != axis && s[i] != shape[i])
        throw ShapeError("concat: shapes " + shape_to_string(xs[0].shape()) + " and " + shape_to_string(s) +
                         " differ outside axis " + std::to_string(axis));
    total += s[axis];
    d = promote_types(d, x.dtype());
  }
  shape[axis] = total;
  Tensor y(shape, d, xs[0].device());
  int64_t at = 0;
  for (const Tensor& x : xs) {
    Tensor part = y.slice(axis, at, at + x.shape()[axis]);
    part.copy_from(x);
    at += x.shape()[axis];
  }
  return y;
}

Tensor stack(const std::vector<Tensor>& xs, int64_t axis) {
  if (xs.empty()) throw ValueError("stack: need at least one array");
  axis = normalize_axis(axis, xs[0].ndim() + 1, "stack");
  std::vector<Tensor> expanded;
  for (const Tensor& x : xs) {
    if (x.shape() != xs[0].shape()) throw ShapeError("stack: all input arrays must have the same shape");
    expanded.push_back(x.expand_dims(axis));
  }
  return concat(expanded, axis);
}

}  // namespace kusari::ops

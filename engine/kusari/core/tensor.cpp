#include "kusari/core/tensor.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "kusari/core/kernel_registry.h"

namespace kusari {

Tensor::Tensor(const Shape& shape, Dtype dtype, Device device)
    : shape_(shape), strides_(contiguous_strides(shape)), dtype_(dtype) {
  if (shape.size() > static_cast<size_t>(kMaxDims))
    throw ShapeError("tensors have at most " + std::to_string(kMaxDims) + " dimensions, got " +
                     shape_to_string(shape));
  for (int64_t d : shape)
    if (d < 0) throw ShapeError("negative dimension in shape " + shape_to_string(shape));
  storage_ = std::make_shared<Storage>(static_cast<size_t>(shape_numel(shape)) * dtype_size(dtype), device);
}

Tensor::Tensor(std::shared_ptr<Storage> storage, Shape shape, Strides strides, int64_t offset, Dtype dtype)
    : storage_(std::move(storage)), shape_(std::move(shape)), strides_(std::move(strides)),
      offset_(offset), dtype_(dtype) {}

int64_t Tensor::size(int64_t axis) const { return shape_[normalize_axis(axis, ndim(), "size")]; }

bool Tensor::is_contiguous() const {
  int64_t expected = 1;
  for (size_t i = shape_.size(); i-- > 0;) {
    if (shape_[i] == 1) continue;
    if (shape_[i] == 0) return true;
    if (strides_[i] != expected) return false;
    expected *= shape_[i];
  }
  return true;
}

void Tensor::check_dtype(Dtype expected) const {
  if (expected != dtype_)
    throw DtypeError("tensor of dtype " + std::string(dtype_name(dtype_)) + " accessed as " +
                     std::string(dtype_name(expected)));
}

namespace {

Shape infer_shape(const Shape& requested, int64_t numel, const Shape& from) {
  Shape s = requested;
  int64_t known = 1, infer = -1;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == -1) {
      if (infer >= 0) throw ShapeError("reshape: only one dimension can be -1");
      infer = static_cast<int64_t>(i);
    } else if (s[i] < 0) {
      throw ShapeError("reshape: negative dimension in " + shape_to_string(requested));
    } else {
      known *= s[i];
    }
  }
  if (infer >= 0) {
    if (known == 0 || numel % known != 0)
      throw ShapeError("reshape: cannot reshape " + shape_to_string(from) + " into " +
                       shape_to_string(requested));
    s[infer] = numel / known;
  }
  if (shape_numel(s) != numel)
    throw ShapeError("reshape: cannot reshape " + shape_to_string(from) + " (size " +
                     std::to_string(numel) + ") into " + shape_to_string(requested));
  return s;
}

// Strides for viewing (shape, strides) as new_shape without a copy, NumPy's _attempt_nocopy_reshape.
bool view_strides(const Shape& shape, const Strides& strides, const Shape& new_shape, Strides& out) {
  Shape os;
  Strides ost;
  for (size_t i = 0; i < shape.size(); ++i)
    if (shape[i] != 1) { os.push_back(shape[i]); ost.push_back(strides[i]); }
  out.assign(new_shape.size(), 0);
  size_t oi = 0, oj = 1, ni = 0, nj = 1;
  size_t on = os.size(), nn = new_shape.size();
  while (ni < nn && oi < on) {
    int64_t np = new_shape[ni], op = os[oi];
    while (np != op) {
      if (np < op) np *= new_shape[nj++];
      else op *= os[oj++];
    }
    for (size_t ok = oi; ok < oj - 1; ++ok)
      if (ost[ok] != os[ok + 1] * ost[ok + 1]) return false;
    out[nj - 1] = ost[oj - 1];
    for (size_t nk = nj - 1; nk > ni; --nk) out[nk - 1] = out[nk] * new_shape[nk];
    ni = nj++;
    oi = oj++;
  }
  int64_t last = ni > 0 ? out[ni - 1] : 1;
  for (; ni < nn; ++ni) out[ni] = last;  // trailing size-1 dims
  return true;
}

}  // namespace

Tensor Tensor::view(const Shape& shape) const {
  Shape s = infer_shape(shape, numel(), shape_);
  if (s.size() > static_cast<size_t>(kMaxDims))
    throw ShapeError("tensors have at most 8 dimensions, got " + shape_to_string(s));
  if (is_contiguous()) return Tensor(storage_, s, contiguous_strides(s), offset_, dtype_);
  Strides st;
  if (numel() == 0 || !view_strides(shape_, strides_, s, st))
    throw ShapeError("view: cannot view " + shape_to_string(shape_) + " with strides as " +
                     shape_to_string(s) + " without a copy");
  return Tensor(storage_, s, st, offset_, dtype_);
}

Tensor Tensor::reshape(const Shape& shape) const {
  Shape s = infer_shape(shape, numel(), shape_);
  if (s.size() > static_cast<size_t>(kMaxDims))
    throw ShapeError("reshape: tensors have at most 8 dimensions, got " + shape_to_string(s));
  if (is_contiguous()) return Tensor(storage_, s, contiguous_strides(s), offset_, dtype_);
  Strides st;
  if (numel() > 0 && view_strides(shape_, strides_, s, st)) return Tensor(storage_, s, st, offset_, dtype_);
  return contiguous().view(s);
}

Tensor Tensor::permute(const Axes& axes) const {
  if (static_cast<int64_t>(axes.size()) != ndim())
    throw ValueError("transpose: axes " + shape_to_string(axes) + " don't match an array of dimension " +
                     std::to_string(ndim()));
  Shape s(axes.size());
  Strides st(axes.size());
  std::vector<bool> seen(axes.size(), false);
  for (size_t i = 0; i < axes.size(); ++i) {
    int64_t a = normalize_axis(axes[i], ndim(), "transpose");
    if (seen[a]) throw ValueError("transpose: repeated axis in " + shape_to_string(axes));
    seen[a] = true;
    s[i] = shape_[a];
    st[i] = strides_[a];
  }
  return Tensor(storage_, s, st, offset_, dtype_);
}

Tensor Tensor::transpose() const {
  Axes axes(ndim());
  for (int64_t i = 0; i < ndim(); ++i) axes[i] = ndim() - 1 - i;
  return permute(axes);
}

Tensor Tensor::swapaxes(int64_t a, int64_t b) const {
  a = normalize_axis(a, ndim(), "swapaxes");
  b = normalize_axis(b, ndim(), "swapaxes");
  Axes axes(ndim());
  for (int64_t i = 0; i < ndim(); ++i) axes[i] = i;
  std::swap(axes[a], axes[b]);
  return permute(axes);
}

Tensor Tensor::slice(int64_t axis, int64_t start, int64_t stop, int64_t step) const {
  axis = normalize_axis(axis, ndim(), "slice");
  if (step == 0) throw ValueError("slice step cannot be zero");
  int64_t n = step > 0 ? std::max<int64_t>(0, (stop - start + step - 1) / step)
                       : std::max<int64_t>(0, (start - stop + (-step) - 1) / (-step));
  Shape s = shape_;
  Strides st = strides_;
  s[axis] = n;
  st[axis] = strides_[axis] * step;
  return Tensor(storage_, s, st, n > 0 ? offset_ + start * strides_[axis] : offset_, dtype_);
}

Tensor Tensor::select(int64_t axis, int64_t index) const {
  axis = normalize_axis(axis, ndim(), "index");
  int64_t n = shape_[axis];
  if (index < -n || index >= n)
    throw IndexError("index " + std::to_string(index) + " is out of bounds for axis " +
                     std::to_string(axis) + " with size " + std::to_string(n));
  if (index < 0) index += n;
  Shape s = shape_;
  Strides st = strides_;
  s.erase(s.begin() + axis);
  st.erase(st.begin() + axis);
  return Tensor(storage_, s, st, offset_ + index * strides_[axis], dtype_);
}

Tensor Tensor::index(const std::vector<Slice>& idx) const {
  int64_t consumed = 0, ellipses = 0;
  for (const Slice& s : idx) {
    if (s.kind == Slice::Kind::Index || s.kind == Slice::Kind::Range) ++consumed;
    if (s.kind == Slice::Kind::Ellipsis) ++ellipses;
  }
  if (ellipses > 1) throw IndexError("an index can only have a single ellipsis ('...')");
  if (consumed > ndim())
    throw IndexError("too many indices for array: array is " + std::to_string(ndim()) +
                     "-dimensional, but " + std::to_string(consumed) + " were indexed");
  Shape s;
  Strides st;
  int64_t off = offset_, axis = 0;
  auto take_range = [&](const Slice& sl) {
    int64_t n = shape_[axis], step = sl.step;
    if (step == 0) throw ValueError("slice step cannot be zero");
    int64_t start, stop;
    if (step > 0) {
      start = !sl.has_start ? 0 : sl.start < 0 ? std::max<int64_t>(sl.start + n, 0) : std::min(sl.start, n);
      stop = !sl.has_stop ? n : sl.stop < 0 ? std::max<int64_t>(sl.stop + n, 0) : std::min(sl.stop, n);
    } else {
      start = !sl.has_start ? n - 1 : sl.start < 0 ? std::max<int64_t>(sl.start + n, -1) : std::min(sl.start, n - 1);
      stop = !sl.has_stop ? -1 : sl.stop < 0 ? std::max<int64_t>(sl.stop + n, -1) : std::min(sl.stop, n - 1);
    }
    int64_t len = step > 0 ? std::max<int64_t>(0, (stop - start + step - 1) / step)
                           : std::max<int64_t>(0, (start - stop - step - 1) / (-step));
    if (len > 0) off += start * strides_[axis];
    s.push_back(len);
    st.push_back(strides_[axis] * step);
    ++axis;
  };
  for (const Slice& sl : idx) {
    switch (sl.kind) {
      case Slice::Kind::Index: {
        int64_t n = shape_[axis], i = sl.index;
        if (i < -n || i >= n)
          throw IndexError("index " + std::to_string(i) + " is out of bounds for axis " +
                           std::to_string(axis) + " with size " + std::to_string(n));
        off += (i < 0 ? i + n : i) * strides_[axis];
        ++axis;
        break;
      }
      case Slice::Kind::Range: take_range(sl); break;
      case Slice::Kind::NewAxis: s.push_back(1); st.push_back(0); break;
      case Slice::Kind::Ellipsis:
        for (int64_t k = 0; k < ndim() - consumed; ++k) take_range(Slice::all());
        break;
    }
  }
  while (axis < ndim()) take_range(Slice::all());
  if (s.size() > static_cast<size_t>(kMaxDims)) throw IndexError("index gives more than 8 dimensions");
  return Tensor(storage_, s, st, off, dtype_);
}

Tensor Tensor::broadcast_to(const Shape& shape) const {
  if (shape == shape_) return *this;
  if (shape.size() > static_cast<size_t>(kMaxDims))
    throw ShapeError("broadcast_to: tensors have at most 8 dimensions, got " + shape_to_string(shape));
  if (shape.size() < shape_.size())
    throw ShapeError("broadcast_to: cannot broadcast " + shape_to_string(shape_) + " to " + shape_to_string(shape));
  size_t lead = shape.size() - shape_.size();
  Strides st(shape.size(), 0);
  for (size_t i = 0; i < shape_.size(); ++i) {
    if (shape_[i] == shape[lead + i]) st[lead + i] = strides_[i];
    else if (shape_[i] != 1)
      throw ShapeError("broadcast_to: cannot broadcast " + shape_to_string(shape_) + " to " + shape_to_string(shape));
  }
  return Tensor(storage_, shape, st, offset_, dtype_);
}

Tensor Tensor::expand_dims(int64_t axis) const {
  axis = normalize_axis(axis, ndim() + 1, "expand_dims");
  Shape s = shape_;
  Strides st = strides_;
  s.insert(s.begin() + axis, 1);
  st.insert(st.begin() + axis, 0);
  if (s.size() > static_cast<size_t>(kMaxDims)) throw ShapeError("expand_dims: more than 8 dimensions");
  return Tensor(storage_, s, st, offset_, dtype_);
}

Tensor Tensor::squeeze(const Axes& axes) const {
  Axes norm = normalize_axes(axes, ndim(), false, "squeeze");
  Shape s;
  Strides st;
  for (int64_t i = 0; i < ndim(); ++i) {
    bool named = std::find(norm.begin(), norm.end(), i) != norm.end();
    bool drop = axes.empty() ? shape_[i] == 1 : named;
    if (named && shape_[i] != 1)
      throw ValueError("squeeze: cannot select an axis to squeeze out which has size not equal to one (axis " +
                       std::to_string(i) + " of " + shape_to_string(shape_) + ")");
    if (!drop) { s.push_back(shape_[i]); st.push_back(strides_[i]); }
  }
  return Tensor(storage_, s, st, offset_, dtype_);
}

Tensor Tensor::contiguous() const { return is_contiguous() ? *this : clone(); }

Tensor Tensor::clone() const {
  Tensor out(shape_, dtype_, device());
  out.copy_from(*this);
  return out;
}

Tensor Tensor::astype(Dtype d) const {
  if (d == dtype_) return *this;
  Tensor out(shape_, d, device());
  out.copy_from(*this);
  return out;
}

void Tensor::copy_from(const Tensor& src) {
  if (!(src.device() == device()))
    throw Error("copy_from: source on " + src.device().to_string() + ", destination on " + device().to_string());
  kernel<CopyKernel>("copy", device())(src.broadcast_to(shape_), *this);
}

void Tensor::fill(double value) { kernel<FillKernel>("fill", device())(*this, value); }

double Tensor::at(const std::vector<int64_t>& idx) const {
  if (static_cast<int64_t>(idx.size()) != ndim())
    throw IndexError("at: expected " + std::to_string(ndim()) + " indices, got " + std::to_string(idx.size()));
  Tensor t = *this;
  for (size_t i = 0; i < idx.size(); ++i) t = t.select(0, idx[i]);
  return t.item();
}

double Tensor::item() const {
  if (numel() != 1)
    throw ValueError("item: only a tensor with one element converts to a scalar, got shape " + shape_to_string(shape_));
  Tensor host = *this;
  if (device().type != DeviceType::CPU) {
    host = Tensor(shape_, dtype_, Device::cpu());
    kernel<CopyKernel>("copy_to_host", device())(*this, host);
  }
  return visit_dtype(dtype_, [&](auto v) { return static_cast<double>(*static_cast<decltype(v)*>(host.raw_data())); });
}

std::string Tensor::describe() const { return std::string(dtype_name(dtype_)) + " " + shape_to_string(shape_); }

std::string Tensor::to_string() const {
  std::ostringstream os;
  os.precision(6);
  Tensor flat = contiguous().reshape({numel()});
  std::vector<int64_t> counter(ndim(), 0);
  int64_t n = numel();
  if (ndim() == 0) {
    os << item();
    return os.str();
  }
  const int64_t limit = 1000;
  for (int64_t i = 0; i < ndim(); ++i) os << '[';
  for (int64_t i = 0; i < n && i < limit; ++i) {
    if (i > 0) {
      int64_t closed = 0;
      for (int64_t d = ndim() - 1; d >= 0 && counter[d] == 0; --d) ++closed;
      for (int64_t k = 0; k < closed; ++k) os << ']';
      os << (closed ? ",\n" : ", ");
      for (int64_t k = 0; k < closed; ++k) os << '[';
    }
    os << flat.select(0, i).item();
    for (int64_t d = ndim() - 1; d >= 0; --d) {
      if (++counter[d] < shape_[d]) break;
      counter[d] = 0;
    }
  }
  if (n > limit) os << ", ...";
  for (int64_t i = 0; i < ndim(); ++i) os << ']';
  return os.str();
}

}  // namespace kusari

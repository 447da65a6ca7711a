// Tensor: a strided view (shape, strides in elements, offset) over shared Storage.
// Views share storage; nothing here differentiates (see autograd/ for Variable).
#pragma once
#include <memory>
#include <string>

#include "kusari/core/device.h"
#include "kusari/core/dtype.h"
#include "kusari/core/error.h"
#include "kusari/core/shape.h"
#include "kusari/core/storage.h"

namespace kusari {

// One entry of a NumPy-style basic index: an integer, a slice, None (new axis) or ... .
struct Slice {
  enum class Kind { Index, Range, NewAxis, Ellipsis } kind = Kind::Range;
  int64_t index = 0;
  // Range: absent bounds are represented by has_start/has_stop false, like Python's None.
  int64_t start = 0, stop = 0, step = 1;
  bool has_start = false, has_stop = false;

  static Slice at(int64_t i) { return {Kind::Index, i}; }
  static Slice all() { return {}; }
  static Slice range(int64_t start, int64_t stop, int64_t step = 1) {
    return {Kind::Range, 0, start, stop, step, true, true};
  }
  static Slice new_axis() { return {Kind::NewAxis}; }
  static Slice ellipsis() { return {Kind::Ellipsis}; }
};

class Tensor {
 public:
  Tensor() = default;  // undefined: defined() is false
  // Uninitialized contiguous tensor.
  Tensor(const Shape& shape, Dtype dtype, Device device = Device::cpu());
  Tensor(std::shared_ptr<Storage> storage, Shape shape, Strides strides, int64_t offset, Dtype dtype);

  bool defined() const { return storage_ != nullptr; }
  const Shape& shape() const { return shape_; }
  const Strides& strides() const { return strides_; }
  int64_t offset() const { return offset_; }
  Dtype dtype() const { return dtype_; }
  const Device& device() const { return storage_->device(); }
  int64_t ndim() const { return static_cast<int64_t>(shape_.size()); }
  int64_t numel() const { return shape_numel(shape_); }
  int64_t size(int64_t axis) const;
  size_t nbytes() const { return static_cast<size_t>(numel()) * dtype_size(dtype_); }
  const std::shared_ptr<Storage>& storage() const { return storage_; }
  bool is_contiguous() const;
  bool shares_storage(const Tensor& o) const { return storage_ && storage_ == o.storage_; }

  void* raw_data() const { return static_cast<char*>(storage_->data()) + offset_ * dtype_size(dtype_); }
  template <typename T>
  T* data() const {
    check_dtype(dtype_of<T>);
    return static_cast<T*>(raw_data());
  }

  // Views (share storage).
  Tensor view(const Shape& shape) const;        // contiguous-compatible reshape; -1 allowed
  Tensor reshape(const Shape& shape) const;     // a view when possible, else a copy
  Tensor permute(const Axes& axes) const;
  Tensor transpose() const;                     // reverses the axes
  Tensor swapaxes(int64_t a, int64_t b) const;
  Tensor slice(int64_t axis, int64_t start, int64_t stop, int64_t step = 1) const;  // normalized bounds
  Tensor select(int64_t axis, int64_t index) const;  // removes the axis
  Tensor index(const std::vector<Slice>& idx) const; // NumPy basic indexing
  Tensor broadcast_to(const Shape& shape) const;
  Tensor expand_dims(int64_t axis) const;
  Tensor squeeze(const Axes& axes = {}) const;       // all size-1 axes when empty
  Tensor flatten() const { return reshape({numel()}); }

  // Copies.
  Tensor contiguous() const;  // *this when already contiguous
  Tensor clone() const;       // always a fresh contiguous copy
  Tensor astype(Dtype d) const;  // a copy unless d == dtype()
  void copy_from(const Tensor& src);  // src broadcast to this shape, converted to this dtype
  void fill(double value);

  double item() const;                       // the one element, as double
  double at(const std::vector<int64_t>& idx) const;  // element by index, as double
  std::string to_string() const;             // short NumPy-like rendering
  std::string describe() const;              // "float32 (2, 3)"

 private:
  void check_dtype(Dtype expected) const;

  std::shared_ptr<Storage> storage_;
  Shape shape_;
  Strides strides_;
  int64_t offset_ = 0;
  Dtype dtype_ = Dtype::Float32;
};

}  // namespace kusari

#include "kusari/datasets/tuple_dataset.h"

#include <string>

#include "kusari/core/error.h"

namespace kusari::datasets {

TupleDataset::TupleDataset(std::vector<Tensor> arrays) : arrays_(std::move(arrays)) {
  if (arrays_.empty()) throw ValueError("TupleDataset: no arrays given");
  for (size_t k = 0; k < arrays_.size(); ++k) {
    const Tensor& a = arrays_[k];
    if (!a.defined() || a.ndim() == 0)
      throw ShapeError("TupleDataset: array " + std::to_string(k) + " has no first dimension");
    if (a.shape()[0] != arrays_[0].shape()[0])
      throw ShapeError("TupleDataset: array lengths differ: " + shape_to_string(arrays_[0].shape()) + " and " +
                       shape_to_string(a.shape()) + " (array " + std::to_string(k) + ")");
  }
  size_ = arrays_[0].shape()[0];
}

Example TupleDataset::example_at(int64_t i) const {
  Example e;
  e.reserve(arrays_.size());
  for (const Tensor& a : arrays_) e.push_back(a.select(0, i));
  return e;
}

}  // namespace kusari::datasets

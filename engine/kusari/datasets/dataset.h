// Chainer's dataset protocol: a sized collection of examples, each a tuple of tensors
// (image, label). Datasets are shared (std::shared_ptr) by the views and iterators over them.
#pragma once
#include <cstdint>
#include <vector>

#include "kusari/core/tensor.h"

namespace kusari::datasets {

using Example = std::vector<Tensor>;

class Dataset {
 public:
  virtual ~Dataset() = default;
  virtual int64_t size() const = 0;
  // The i-th example; a negative i counts from the end. IndexError when out of range.
  Example get_example(int64_t i) const { return example_at(checked_index(i)); }

 protected:
  // Implementations get an index already in [0, size()).
  virtual Example example_at(int64_t i) const = 0;

 private:
  int64_t checked_index(int64_t i) const;
};

}  // namespace kusari::datasets

namespace kusari {
using datasets::Dataset;
using datasets::Example;
}  // namespace kusari

// A dataset of arrays sharing their first dimension: example i is (a[i], b[i], ...), each a
// view into its array (Chainer's TupleDataset).
#pragma once
#include <vector>

#include "kusari/datasets/dataset.h"

namespace kusari::datasets {

class TupleDataset : public Dataset {
 public:
  // ValueError when `arrays` is empty; ShapeError when one is 0-d or their lengths differ.
  explicit TupleDataset(std::vector<Tensor> arrays);
  int64_t size() const override { return size_; }
  const std::vector<Tensor>& arrays() const { return arrays_; }

 protected:
  Example example_at(int64_t i) const override;

 private:
  std::vector<Tensor> arrays_;
  int64_t size_ = 0;
};

}  // namespace kusari::datasets

namespace kusari {
using datasets::TupleDataset;
}

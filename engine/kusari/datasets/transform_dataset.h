// Applies a function to each example as it is fetched (Chainer's TransformDataset): data
// augmentation, normalization, label remapping, without copying the base.
#pragma once
#include <functional>
#include <memory>

#include "kusari/datasets/dataset.h"

namespace kusari::datasets {

class TransformDataset : public Dataset {
 public:
  using Transform = std::function<Example(Example)>;
  TransformDataset(std::shared_ptr<const Dataset> base, Transform transform);
  int64_t size() const override { return base_->size(); }

 protected:
  Example example_at(int64_t i) const override { return transform_(base_->get_example(i)); }

 private:
  std::shared_ptr<const Dataset> base_;
  Transform transform_;
};

}  // namespace kusari::datasets

namespace kusari {
using datasets::TransformDataset;
}

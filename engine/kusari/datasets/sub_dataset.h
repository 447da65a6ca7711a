// A contiguous part of a dataset, optionally seen through a reordering (Chainer's SubDataset),
// and the splits built from it.
#pragma once
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "kusari/datasets/dataset.h"

namespace kusari::datasets {

class SubDataset : public Dataset {
 public:
  // Examples base[order[start]], ..., base[order[finish - 1]] (identity order when empty).
  // `order` must be a permutation of the base's indices; ValueError otherwise, or when
  // 0 <= start <= finish <= base size does not hold.
  SubDataset(std::shared_ptr<const Dataset> base, int64_t start, int64_t finish, std::vector<int64_t> order = {});
  int64_t size() const override { return finish_ - start_; }

 protected:
  Example example_at(int64_t i) const override;

 private:
  std::shared_ptr<const Dataset> base_;
  int64_t start_, finish_;
  std::vector<int64_t> order_;
};

using DatasetSplit = std::pair<std::shared_ptr<SubDataset>, std::shared_ptr<SubDataset>>;

// The first `first_size` examples (in `order`, if given) and the rest.
DatasetSplit split_dataset(std::shared_ptr<const Dataset> dataset, int64_t first_size, std::vector<int64_t> order = {});
// Like split_dataset over a random permutation drawn from `seed` (the same on every platform).
DatasetSplit split_dataset_random(std::shared_ptr<const Dataset> dataset, int64_t first_size, uint64_t seed);

}  // namespace kusari::datasets

namespace kusari {
using datasets::split_dataset;
using datasets::split_dataset_random;
using datasets::SubDataset;
}  // namespace kusari

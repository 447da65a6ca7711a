#include "kusari/datasets/sub_dataset.h"

#include <string>

#include "kusari/core/error.h"
#include "kusari/datasets/permutation.h"

namespace kusari::datasets {

SubDataset::SubDataset(std::shared_ptr<const Dataset> base, int64_t start, int64_t finish, std::vector<int64_t> order)
    : base_(std::move(base)), start_(start), finish_(finish), order_(std::move(order)) {
  if (!base_) throw ValueError("SubDataset: no base dataset");
  int64_t n = base_->size();
  if (start_ < 0 || start_ > finish_ || finish_ > n)
    throw ValueError("SubDataset: range [" + std::to_string(start_) + ", " + std::to_string(finish_) +
                     ") is not within a dataset of size " + std::to_string(n));
  if (!order_.empty() && !is_permutation_of_range(order_, n))
    throw ValueError("SubDataset: order is not a permutation of 0.." + std::to_string(n - 1));
}

Example SubDataset::example_at(int64_t i) const {
  int64_t j = start_ + i;
  return base_->get_example(order_.empty() ? j : order_[j]);
}

DatasetSplit split_dataset(std::shared_ptr<const Dataset> dataset, int64_t first_size, std::vector<int64_t> order) {
  if (!dataset) throw ValueError("split_dataset: no dataset");
  int64_t n = dataset->size();
  if (first_size < 0 || first_size > n)
    throw ValueError("split_dataset: first_size " + std::to_string(first_size) + " is not within [0, " +
                     std::to_string(n) + "]");
  auto first = std::make_shared<SubDataset>(dataset, 0, first_size, order);
  auto second = std::make_shared<SubDataset>(dataset, first_size, n, std::move(order));
  return {first, second};
}

DatasetSplit split_dataset_random(std::shared_ptr<const Dataset> dataset, int64_t first_size, uint64_t seed) {
  if (!dataset) throw ValueError("split_dataset_random: no dataset");
  std::mt19937_64 rng(seed);
  return split_dataset(dataset, first_size, random_permutation(dataset->size(), rng));
}

}  // namespace kusari::datasets

#include "kusari/iterators/serial_iterator.h"

#include <cmath>
#include <string>

#include "kusari/core/ops.h"
#include "kusari/datasets/permutation.h"

namespace kusari::iterators {

SerialIterator::SerialIterator(std::shared_ptr<const Dataset> dataset, int64_t batch_size, bool repeat, bool shuffle,
                               std::optional<uint64_t> seed)
    : dataset_(std::move(dataset)), batch_size_(batch_size), repeat_(repeat), shuffle_(shuffle),
      rng_(seed ? *seed : ops::random_u64()) {
  if (!dataset_) throw ValueError("SerialIterator: no dataset");
  if (dataset_->size() == 0) throw ValueError("SerialIterator: the dataset is empty");
  if (batch_size_ < 1) throw ValueError("SerialIterator: batch_size must be positive, got " + std::to_string(batch_size));
  reset();
}

void SerialIterator::new_order() {
  if (shuffle_) order_ = datasets::random_permutation(dataset_->size(), rng_);
}

void SerialIterator::reset() {
  current_position_ = 0;
  epoch_ = 0;
  is_new_epoch_ = false;
  previous_epoch_detail_ = -1;
  new_order();
}

std::optional<double> SerialIterator::previous_epoch_detail() const {
  if (previous_epoch_detail_ < 0) return std::nullopt;
  return previous_epoch_detail_;
}

std::vector<Example> SerialIterator::next() {
  if (!repeat_ && epoch_ > 0) throw StopIteration("SerialIterator: the epoch is over (repeat is off)");
  previous_epoch_detail_ = epoch_detail();
  const int64_t n = dataset_->size();
  std::vector<Example> batch;
  batch.reserve(static_cast<size_t>(batch_size_));
  is_new_epoch_ = false;
  // A batch may cross an epoch boundary (several, when batch_size exceeds the dataset).
  while (static_cast<int64_t>(batch.size()) < batch_size_) {
    int64_t i = current_position_++;
    batch.push_back(dataset_->get_example(order_.empty() ? i : order_[i]));
    if (current_position_ == n) {
      current_position_ = 0;
      ++epoch_;
      is_new_epoch_ = true;
      new_order();
      if (!repeat_) break;
    }
  }
  return batch;
}

void SerialIterator::serialize(Serializer& s) {
  const int64_t n = dataset_->size();
  double position = double(current_position_), epoch = double(epoch_), is_new = is_new_epoch_ ? 1 : 0;
  double previous = previous_epoch_detail_;
  s("current_position", position);
  s("epoch", epoch);
  s("is_new_epoch", is_new);
  s("previous_epoch_detail", previous);
  Tensor order;
  if (shuffle_) {
    order = Tensor({n}, Dtype::Int64);
    std::copy(order_.begin(), order_.end(), order.data<int64_t>());
    s("order", order);
  }
  if (!s.is_loading()) return;

  if (!(position >= 0 && position < double(n) && position == std::floor(position)))
    throw ValueError("SerialIterator: loaded current_position " + std::to_string(position) +
                     " does not fit a dataset of size " + std::to_string(n));
  if (!(epoch >= 0 && epoch == std::floor(epoch)))
    throw ValueError("SerialIterator: loaded epoch " + std::to_string(epoch) + " is invalid");
  std::vector<int64_t> loaded_order = order_;
  if (shuffle_) {
    Tensor c = order.astype(Dtype::Int64).contiguous();
    loaded_order.assign(c.data<int64_t>(), c.data<int64_t>() + c.numel());
    if (!datasets::is_permutation_of_range(loaded_order, n))
      throw ValueError("SerialIterator: the loaded order is not a permutation of 0.." + std::to_string(n - 1));
  }
  current_position_ = static_cast<int64_t>(position);
  epoch_ = static_cast<int64_t>(epoch);
  is_new_epoch_ = is_new != 0;
  previous_epoch_detail_ = previous;
  order_ = std::move(loaded_order);
}

}  // namespace kusari::iterators

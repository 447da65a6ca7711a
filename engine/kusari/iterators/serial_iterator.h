// Chainer's SerialIterator: minibatches of examples in order or shuffled, epoch by epoch,
// with its position serializable so that training resumes where a snapshot left it.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <vector>

#include "kusari/core/error.h"
#include "kusari/datasets/dataset.h"
#include "kusari/serializers/serializer.h"

namespace kusari::iterators {

using datasets::Dataset;
using datasets::Example;

// Raised by next() once a non-repeating iterator has finished its epoch.
class StopIteration : public Error {
  using Error::Error;
};

class SerialIterator {
 public:
  // `seed` drives the shuffling; by default it is drawn from kusari::ops' generator, so
  // ops::seed makes runs repeatable. ValueError for an empty dataset or batch_size < 1.
  SerialIterator(std::shared_ptr<const Dataset> dataset, int64_t batch_size, bool repeat = true, bool shuffle = true,
                 std::optional<uint64_t> seed = std::nullopt);

  // The next batch_size examples. A repeating iterator continues into the next epoch (in a
  // fresh order when shuffling); a non-repeating one returns the epoch's short last batch and
  // then raises StopIteration.
  std::vector<Example> next();

  int64_t epoch() const { return epoch_; }
  double epoch_detail() const { return epoch_ + double(current_position_) / double(dataset_->size()); }
  // epoch_detail before the latest next(); nothing before the first one.
  std::optional<double> previous_epoch_detail() const;
  bool is_new_epoch() const { return is_new_epoch_; }
  int64_t current_position() const { return current_position_; }
  int64_t batch_size() const { return batch_size_; }
  bool repeat() const { return repeat_; }
  const std::vector<int64_t>& order() const { return order_; }  // empty when not shuffling
  const Dataset& dataset() const { return *dataset_; }

  void reset();  // back to epoch 0, position 0, with a new order when shuffling
  // Keys: current_position, epoch, is_new_epoch, previous_epoch_detail and, when shuffling,
  // order (int64). Loading checks that they fit this dataset (ValueError otherwise).
  void serialize(Serializer& s);

 private:
  void new_order();

  std::shared_ptr<const Dataset> dataset_;
  int64_t batch_size_;
  bool repeat_, shuffle_;
  std::mt19937_64 rng_;
  std::vector<int64_t> order_;
  int64_t current_position_ = 0, epoch_ = 0;
  bool is_new_epoch_ = false;
  double previous_epoch_detail_ = -1;  // negative: none yet
};

}  // namespace kusari::iterators

namespace kusari {
using iterators::SerialIterator;
using iterators::StopIteration;
}  // namespace kusari

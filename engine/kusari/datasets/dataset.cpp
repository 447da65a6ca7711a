#include "kusari/datasets/dataset.h"

#include <string>

#include "kusari/core/error.h"

namespace kusari::datasets {

int64_t Dataset::checked_index(int64_t i) const {
  int64_t n = size();
  if (i < -n || i >= n)
    throw IndexError("dataset index " + std::to_string(i) + " is out of range for a dataset of size " + std::to_string(n));
  return i < 0 ? i + n : i;
}

}  // namespace kusari::datasets

#include "kusari/datasets/concat_examples.h"

#include <cstring>
#include <string>

#include "kusari/core/error.h"
#include "kusari/core/ops.h"

namespace kusari::datasets {
namespace {

// One batched array from element k of every example.
Tensor stack_element(const std::vector<Example>& batch, size_t k) {
  const Tensor& first = batch[0][k];
  bool plain = true;  // same dtype, contiguous, on the CPU: a memcpy per example suffices
  for (size_t i = 0; i < batch.size(); ++i) {
    const Tensor& t = batch[i][k];
    if (t.shape() != first.shape())
      throw ShapeError("concat_examples: element " + std::to_string(k) + " has shape " + shape_to_string(first.shape()) +
                       " in example 0 but " + shape_to_string(t.shape()) + " in example " + std::to_string(i));
    plain = plain && t.dtype() == first.dtype() && t.is_contiguous() && t.device() == Device::cpu();
  }
  if (!plain) {
    std::vector<Tensor> parts;
    parts.reserve(batch.size());
    for (const Example& e : batch) parts.push_back(e[k]);
    return ops::stack(parts, 0);
  }
  Shape shape = first.shape();
  shape.insert(shape.begin(), static_cast<int64_t>(batch.size()));
  Tensor out(shape, first.dtype());
  size_t bytes = first.nbytes();
  if (bytes == 0) return out;
  auto* dst = static_cast<char*>(out.raw_data());
  for (size_t i = 0; i < batch.size(); ++i) std::memcpy(dst + i * bytes, batch[i][k].raw_data(), bytes);
  return out;
}

}  // namespace

std::vector<Tensor> concat_examples(const std::vector<Example>& batch) {
  if (batch.empty()) throw ValueError("concat_examples: the batch is empty");
  size_t width = batch[0].size();
  for (size_t i = 0; i < batch.size(); ++i)
    if (batch[i].size() != width)
      throw ValueError("concat_examples: example 0 has " + std::to_string(width) + " elements but example " +
                       std::to_string(i) + " has " + std::to_string(batch[i].size()));
  std::vector<Tensor> out;
  out.reserve(width);
  for (size_t k = 0; k < width; ++k) out.push_back(stack_element(batch, k));
  return out;
}

}  // namespace kusari::datasets

// Summaries of a tensor for the debugger: shape, dtype, min/max/mean/std over the finite
// elements, and NaN/Inf counts. Plain loops over the data (no ops, so no function hooks run).
#pragma once
#include <cstdint>
#include <string>

#include "kusari/core/tensor.h"

namespace kusari::debug {

struct TensorStats {
  bool defined = false;  // false for an absent gradient
  Shape shape;
  Dtype dtype = Dtype::Float32;
  std::string device;
  int64_t numel = 0;
  int64_t finite_count = 0;  // elements the moments cover
  double min = 0, max = 0, mean = 0, std = 0;  // 0 when no element is finite
  int64_t nan_count = 0;
  int64_t inf_count = 0;
};

TensorStats tensor_stats(const Tensor& t);

// True when a floating tensor holds a NaN or an Inf; stops at the first one.
bool has_nonfinite(const Tensor& t);

// "NaN (1 of 4 elements)", "Inf (2 of 4 elements)", "NaN and Inf (1 NaN, 2 Inf of 4 elements)".
std::string nonfinite_text(const TensorStats& s);

}  // namespace kusari::debug

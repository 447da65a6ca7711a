// Kernel signatures of the array family: integer-array indexing along one axis.
// Every tensor is viewed as (outer, axis, inner), outer = product of the axes before `axis`.
#pragma once
#include <cstdint>

#include "kusari/core/kernel_registry.h"
#include "kusari/core/tensor.h"

namespace kusari {

// out (int64, indices' shape, contiguous) = indices with negatives wrapped by `size`.
// Throws IndexError naming `op`, the offending index and `axis` when one is out of range.
using NormalizeIndicesKernel = void(const Tensor& indices, Tensor& out, int64_t size, int64_t axis, const char* op);
// y[o, j, i] = x[o, indices[j], i]. x and y contiguous, y's axis has indices.numel() entries;
// indices contiguous int64, already normalized. Any dtype.
using TakeKernel = void(const Tensor& x, const Tensor& indices, Tensor& y, int64_t axis);
// y[o, indices[j], i] += values[o, j, i] in place; duplicate indices accumulate. values and y
// contiguous with the same dtype; indices contiguous int64, already normalized.
using ScatterAddKernel = void(const Tensor& values, const Tensor& indices, Tensor& y, int64_t axis);

}  // namespace kusari

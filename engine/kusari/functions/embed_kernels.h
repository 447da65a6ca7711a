// Kernel signatures of embed_id: a row gather and its adjoint, a row scatter-add.
#pragma once
#include <cstdint>
#include <optional>

#include "kusari/core/tensor.h"

namespace kusari {

// ids int64 contiguous (n,); W contiguous (vocab, dim); y contiguous (n, dim): y[i] = W[ids[i]],
// or zeros where ids[i] == ignore_label. Throws IndexError for an id outside [0, vocab).
using EmbedGatherKernel = void(const Tensor& ids, const Tensor& W, Tensor& y, std::optional<int64_t> ignore_label);
// gW (vocab, dim, overwritten) = sum of gy rows (n, dim) by their id; ignored ids add nothing.
using EmbedScatterKernel = void(const Tensor& ids, const Tensor& gy, Tensor& gW, std::optional<int64_t> ignore_label);

}  // namespace kusari

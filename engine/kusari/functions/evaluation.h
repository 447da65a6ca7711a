// Evaluation family (not differentiable): float32 scalars.
#pragma once
#include <optional>

#include "kusari/autograd/variable.h"

namespace kusari {

Variable accuracy(const Variable& y, const Tensor& t, std::optional<int64_t> ignore_label = std::nullopt);
Variable binary_accuracy(const Variable& y, const Tensor& t);  // y >= 0 predicts 1 (Chainer); t == -1 ignored

}  // namespace kusari

// Turns a batch of examples into batched arrays (Chainer's concat_examples): element k of the
// result stacks element k of every example along a new axis 0.
#pragma once
#include <vector>

#include "kusari/datasets/dataset.h"

namespace kusari::datasets {

// ValueError for an empty batch or examples of different lengths; ShapeError (naming the
// element and example) when shapes differ. Mixed dtypes promote as ops::stack does.
std::vector<Tensor> concat_examples(const std::vector<Example>& batch);

}  // namespace kusari::datasets

namespace kusari {
using datasets::concat_examples;
}

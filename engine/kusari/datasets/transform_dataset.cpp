#include "kusari/datasets/transform_dataset.h"

#include "kusari/core/error.h"

namespace kusari::datasets {

TransformDataset::TransformDataset(std::shared_ptr<const Dataset> base, Transform transform)
    : base_(std::move(base)), transform_(std::move(transform)) {
  if (!base_) throw ValueError("TransformDataset: no base dataset");
  if (!transform_) throw ValueError("TransformDataset: no transform");
}

}  // namespace kusari::datasets

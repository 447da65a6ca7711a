// Chainer's serializer protocol: an object walks its state, calling the serializer with a
// key and a tensor; children get a prefixed view (`serializer["predictor"]`). Savers read
// the tensor, loaders overwrite it in place (shape and dtype must match).
#pragma once
#include <memory>
#include <string>

#include "kusari/core/tensor.h"

namespace kusari {

class Serializer {
 public:
  virtual ~Serializer() = default;
  // A serializer for the child named `name` ("predictor" -> keys "predictor/...").
  virtual std::unique_ptr<Serializer> child(const std::string& name) = 0;
  // Saves `value`, or loads into it. An undefined tensor (an uninitialized parameter) is
  // skipped on save; on load it is allocated from the file's shape and dtype.
  virtual void operator()(const std::string& key, Tensor& value) = 0;
  // Scalars (optimizer step counts, iterator positions).
  virtual void operator()(const std::string& key, double& value) = 0;
  virtual bool is_loading() const = 0;
};

}  // namespace kusari

// EmbedID: looks up rows of W (in_size, out_size) by integer ids (Chainer's L.EmbedID);
// ids equal to ignore_label give zero rows. The input's data are the ids.
#pragma once
#include <optional>

#include "kusari/links/link.h"

namespace kusari {

struct EmbedIDOptions {
  initializers::InitializerPtr initialW = nullptr;  // null: Normal(1.0), as Chainer
  std::optional<int64_t> ignore_label = std::nullopt;
  Dtype dtype = Dtype::Float32;
};

class EmbedID : public Link {
 public:
  EmbedID(int64_t in_size, int64_t out_size, const EmbedIDOptions& options = {});
  Variable forward(const Variable& ids) override;

  Parameter W;

 private:
  std::optional<int64_t> ignore_label_ = std::nullopt;
};

}  // namespace kusari

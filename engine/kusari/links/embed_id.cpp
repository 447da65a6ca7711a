#include "kusari/links/embed_id.h"

#include "kusari/functions/connection.h"
#include "kusari/initializers/normal.h"

namespace kusari {

EmbedID::EmbedID(int64_t in_size, int64_t out_size, const EmbedIDOptions& options)
    : ignore_label_(options.ignore_label) {
  auto init = options.initialW ? options.initialW : std::make_shared<initializers::Normal>(1.0);
  W = add_param("W", init, {in_size, out_size}, options.dtype);
}

Variable EmbedID::forward(const Variable& ids) { return embed_id(ids.data(), W, ignore_label_); }

}  // namespace kusari

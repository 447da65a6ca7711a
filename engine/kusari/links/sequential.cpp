#include "kusari/links/sequential.h"

namespace kusari {

Sequential& Sequential::append(std::shared_ptr<Link> link) {
  ChainList::append(link);
  layers_.emplace_back(std::move(link));
  return *this;
}

Sequential& Sequential::append(Function f) {
  if (!f) throw ValueError("Sequential: cannot append an empty function");
  layers_.emplace_back(std::move(f));
  return *this;
}

Variable Sequential::forward(const Variable& x) {
  Variable h = x;
  for (Layer& layer : layers_) {
    if (auto* link = std::get_if<std::shared_ptr<Link>>(&layer))
      h = (**link)(h);
    else
      h = std::get<Function>(layer)(h);
  }
  return h;
}

}  // namespace kusari

#include "kusari/links/chain_list.h"

namespace kusari {

ChainList::ChainList(std::vector<std::shared_ptr<Link>> links) {
  for (auto& l : links) append(std::move(l));
}

Link& ChainList::operator[](size_t index) const {
  std::vector<Link*> c = children();
  if (index >= c.size())
    throw IndexError("ChainList: index " + std::to_string(index) + " out of range for " + std::to_string(c.size()) +
                     " links");
  return *c[index];
}

}  // namespace kusari

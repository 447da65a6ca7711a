#include "kusari/links/chain.h"

namespace kusari {

Link& Chain::operator[](const std::string& name) const {
  for (auto& [n, c] : namedchildren())
    if (n == name) return *c;
  throw IndexError("Chain: no child link named '" + name + "'");
}

}  // namespace kusari

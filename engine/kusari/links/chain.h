// Chain: a link whose children have names (Chainer's chainer.Chain).
#pragma once
#include "kusari/links/link.h"

namespace kusari {

class Chain : public Link {
 public:
  // Registers `link` as the child `name` and returns it typed, for a member pointer.
  template <typename L>
  std::shared_ptr<L> add_link(const std::string& name, std::shared_ptr<L> link) {
    add_child(name, link);
    return link;
  }
  Link& operator[](const std::string& name) const;  // throws IndexError when absent
};

}  // namespace kusari

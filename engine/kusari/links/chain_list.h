// ChainList: a link whose children are a list, named "0", "1", ... by position
// (Chainer's chainer.ChainList).
#pragma once
#include "kusari/links/link.h"

namespace kusari {

class ChainList : public Link {
 public:
  ChainList() = default;
  explicit ChainList(std::vector<std::shared_ptr<Link>> links);

  template <typename L>
  std::shared_ptr<L> append(std::shared_ptr<L> link) {
    add_child(std::to_string(size()), link);
    return link;
  }
  Link& operator[](size_t index) const;  // throws IndexError when out of range
  size_t size() const { return children().size(); }
};

}  // namespace kusari

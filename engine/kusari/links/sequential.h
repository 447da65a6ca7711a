// Sequential: layers applied in order, each a link or a plain function
// (Chainer's chainer.Sequential). Links among the layers are its children "0", "1", ...
// numbered among the links only, so a model's file keys do not depend on its activations.
//
//   Sequential model;
//   model.append(std::make_shared<Linear>(std::nullopt, 100)).append(relu).append(std::make_shared<Linear>(100, 10));
#pragma once
#include <functional>
#include <variant>

#include "kusari/links/chain_list.h"

namespace kusari {

class Sequential : public ChainList {
 public:
  using Function = std::function<Variable(const Variable&)>;
  using Layer = std::variant<std::shared_ptr<Link>, Function>;

  Sequential() = default;

  Sequential& append(std::shared_ptr<Link> link);
  Sequential& append(Function f);
  template <typename F>
    requires std::is_invocable_r_v<Variable, F, const Variable&> && (!std::is_convertible_v<F, std::shared_ptr<Link>>)
  Sequential& append(F f) {
    return append(Function(std::move(f)));
  }
  size_t num_layers() const { return layers_.size(); }
  const Layer& layer(size_t i) const { return layers_.at(i); }
  Variable forward(const Variable& x) override;

 private:
  std::vector<Layer> layers_;
};

}  // namespace kusari

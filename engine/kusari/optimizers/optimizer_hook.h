// A hook an Optimizer calls on every update, before (Pre) or after (Post) the parameters
// are updated (Chainer's optimizer hooks: WeightDecay, GradientClipping, ... in
// kusari/optimizer_hooks/).
#pragma once
#include <string>

namespace kusari {

class Optimizer;

class OptimizerHook {
 public:
  enum class Timing { Pre, Post };
  virtual ~OptimizerHook() = default;
  virtual void operator()(Optimizer& optimizer) = 0;
  virtual std::string name() const = 0;
  virtual Timing timing() const { return Timing::Pre; }
};

}  // namespace kusari

// Parameter: a Variable marked as a model parameter (Chainer's chainer.Parameter). It knows
// its initializer and may stay uninitialized (no data) until the first forward pass tells
// its shape (lazy initialization, e.g. Linear without in_size). Copies share one parameter.
// Optimizers attach an UpdateRule that holds this parameter's optimizer state.
#pragma once
#include <memory>
#include <optional>

#include "kusari/autograd/variable.h"
#include "kusari/initializers/initializer.h"

namespace kusari {

class UpdateRule;

class Parameter : public Variable {
 public:
  // Uninitialized; initialize() later fills it with `initializer` (null: zeros).
  explicit Parameter(initializers::InitializerPtr initializer = nullptr, Dtype dtype = Dtype::Float32);
  // Initialized now with `shape`.
  Parameter(initializers::InitializerPtr initializer, const Shape& shape, Dtype dtype = Dtype::Float32);
  // Initialized with `data` (which it keeps, not copies).
  explicit Parameter(Tensor data);

  bool is_initialized() const { return data().defined(); }
  // Allocates the array with `shape` and runs the initializer; the grad, if any, is dropped.
  void initialize(const Shape& shape);
  const initializers::InitializerPtr& initializer() const;
  Dtype init_dtype() const;

  // zerograd: a zero gradient of the data's shape (nothing while uninitialized).
  void zerograd();

  const std::shared_ptr<UpdateRule>& update_rule() const;
  void set_update_rule(std::shared_ptr<UpdateRule> rule);
  // Link::disable_update() turns this off; the update rule then skips the parameter.
  bool update_enabled() const;
  void set_update_enabled(bool enabled);
  // Runs the update rule (no-op without one).
  void update();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace kusari

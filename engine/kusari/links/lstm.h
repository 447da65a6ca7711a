// LSTM: a stateful LSTM layer (Chainer's L.LSTM). Children "upward" (Linear in -> 4 out) and
// "lateral" (Linear out -> 4 out, no bias); the gate pre-activations are laid out as Chainer's
// lstm function expects (per unit: a, i, f, o), and the forget gate bias starts at
// forget_bias_init. The cell c and output h persist across calls until reset_state().
#pragma once
#include <optional>

#include "kusari/links/chain.h"
#include "kusari/links/linear.h"

namespace kusari {

struct LSTMOptions {
  initializers::InitializerPtr upward_init = nullptr;   // null: LeCunNormal
  initializers::InitializerPtr lateral_init = nullptr;  // null: LeCunNormal
  double bias_init = 0;
  double forget_bias_init = 1;
  Dtype dtype = Dtype::Float32;
};

class LSTM : public Chain {
 public:
  LSTM(std::optional<int64_t> in_size, int64_t out_size, const LSTMOptions& options = {});
  Variable forward(const Variable& x) override;
  void reset_state();
  void set_state(const Variable& c, const Variable& h);
  int64_t state_size() const { return out_size_; }

  std::shared_ptr<Linear> upward, lateral;
  Variable c, h;  // undefined before the first step

 private:
  int64_t out_size_;
};

}  // namespace kusari

// GRU: a stateful gated recurrent unit (Chainer's L.StatefulGRU). Children W_r, U_r, W_z, U_z,
// W, U (Linear, with biases):
//   r = sigmoid(W_r x + U_r h);  z = sigmoid(W_z x + U_z h);  h_bar = tanh(W x + U (r * h))
//   h' = z * h_bar + (1 - z) * h       (first step, no h: h' = z * h_bar with z = sigmoid(W_z x))
#pragma once
#include "kusari/links/chain.h"
#include "kusari/links/linear.h"

namespace kusari {

struct GRUOptions {
  initializers::InitializerPtr init = nullptr;        // on x; null: LeCunNormal
  initializers::InitializerPtr inner_init = nullptr;  // on h; null: LeCunNormal
  initializers::InitializerPtr bias_init = nullptr;   // null: zeros
  Dtype dtype = Dtype::Float32;
};

class GRU : public Chain {
 public:
  GRU(int64_t in_size, int64_t out_size, const GRUOptions& options = {});
  Variable forward(const Variable& x) override;
  void reset_state() { h = Variable(); }
  void set_state(const Variable& h_) { h = h_; }

  std::shared_ptr<Linear> W_r, U_r, W_z, U_z, W, U;
  Variable h;
};

}  // namespace kusari

#include "kusari/links/gru.h"

#include "kusari/functions/activation.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/math.h"

namespace kusari {

GRU::GRU(int64_t in_size, int64_t out_size, const GRUOptions& options) {
  LinearOptions on_x{.initialW = options.init, .initial_bias = options.bias_init, .dtype = options.dtype};
  LinearOptions on_h{.initialW = options.inner_init, .initial_bias = options.bias_init, .dtype = options.dtype};
  W_r = add_link("W_r", std::make_shared<Linear>(in_size, out_size, on_x));
  U_r = add_link("U_r", std::make_shared<Linear>(out_size, out_size, on_h));
  W_z = add_link("W_z", std::make_shared<Linear>(in_size, out_size, on_x));
  U_z = add_link("U_z", std::make_shared<Linear>(out_size, out_size, on_h));
  W = add_link("W", std::make_shared<Linear>(in_size, out_size, on_x));
  U = add_link("U", std::make_shared<Linear>(out_size, out_size, on_h));
}

Variable GRU::forward(const Variable& x) {
  Variable z = (*W_z)(x);
  Variable h_bar = (*W)(x);
  if (h.defined()) {
    Variable r = sigmoid((*W_r)(x) + (*U_r)(h));
    z = z + (*U_z)(h);
    h_bar = h_bar + (*U)(r * h);
  }
  z = sigmoid(z);
  h_bar = tanh(h_bar);
  h = h.defined() ? z * h_bar + (1.0 - z) * h : z * h_bar;
  return h;
}

}  // namespace kusari

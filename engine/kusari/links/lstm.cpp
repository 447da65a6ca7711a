#include "kusari/links/lstm.h"

#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/rnn.h"

namespace kusari {

LSTM::LSTM(std::optional<int64_t> in_size, int64_t out_size, const LSTMOptions& options) : out_size_(out_size) {
  LinearOptions up{.initialW = options.upward_init, .dtype = options.dtype};
  LinearOptions lat{.nobias = true, .initialW = options.lateral_init, .dtype = options.dtype};
  upward = add_link("upward", std::make_shared<Linear>(in_size, 4 * out_size, up));
  lateral = add_link("lateral", std::make_shared<Linear>(out_size, 4 * out_size, lat));
  // b viewed as (out, 4): gate g of unit j at j * 4 + g, with f the third gate.
  Tensor b({out_size, 4}, Dtype::Float64);
  for (int64_t j = 0; j < out_size; ++j)
    for (int64_t g = 0; g < 4; ++g) b.data<double>()[j * 4 + g] = g == 2 ? options.forget_bias_init : options.bias_init;
  Tensor ub = upward->b.data();
  ub.copy_from(b.reshape({4 * out_size}));
}

void LSTM::reset_state() {
  c = Variable();
  h = Variable();
}

void LSTM::set_state(const Variable& c_, const Variable& h_) {
  c = c_;
  h = h_;
}

Variable LSTM::forward(const Variable& x) {
  const int64_t batch = x.shape().empty() ? 0 : x.shape()[0];
  Variable lstm_in = (*upward)(x);
  if (h.defined()) {
    if (h.shape()[0] != batch)
      throw ShapeError("LSTM: the batch size changed from " + std::to_string(h.shape()[0]) + " to " +
                       std::to_string(batch) + "; call reset_state() between sequences of different batch sizes");
    lstm_in = lstm_in + (*lateral)(h);
  }
  if (!c.defined()) c = Variable(ops::zeros({batch, out_size_}, lstm_in.dtype()));
  auto [c_new, h_new] = lstm(c, lstm_in);
  c = c_new;
  h = h_new;
  return h;
}

}  // namespace kusari

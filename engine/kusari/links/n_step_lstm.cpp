#include "kusari/links/n_step_lstm.h"

#include "kusari/core/ops.h"
#include "kusari/initializers/normal.h"

namespace kusari {

namespace {
// "w3", "b3"; appending avoids GCC 12's false -Wrestrict on weight_name('w', j).
std::string weight_name(char kind, int j) {
  std::string n(1, kind);
  n += std::to_string(j);
  return n;
}
}  // namespace

NStepLSTM::NStepLSTM(int64_t n_layers, int64_t in_size, int64_t out_size, const NStepLSTMOptions& options)
    : n_layers_(n_layers), out_size_(out_size), dropout_(options.dropout) {
  if (n_layers < 1) throw ValueError("NStepLSTM: n_layers must be positive, got " + std::to_string(n_layers));
  auto initW = options.initialW ? options.initialW : std::make_shared<initializers::LeCunNormal>();
  for (int64_t layer = 0; layer < n_layers; ++layer) {
    auto weights = std::make_shared<Link>();
    for (int j = 0; j < 8; ++j) {
      const int64_t w_in = (layer == 0 && j < 4) ? in_size : out_size;
      weights->add_param(weight_name('w', j), initW, {out_size, w_in}, options.dtype);
      weights->add_param(weight_name('b', j), options.initial_bias, {out_size}, options.dtype);
    }
    append(weights);
  }
}

NStepResult NStepLSTM::operator()(const Variable& hx, const Variable& cx, const std::vector<Variable>& xs) {
  ForwardScope scope(*this);
  return forward(hx, cx, xs);
}

NStepResult NStepLSTM::forward(const Variable& hx, const Variable& cx, const std::vector<Variable>& xs) {
  if (xs.empty()) throw ValueError("NStepLSTM: no sequences given");
  const int64_t batch = static_cast<int64_t>(xs.size());
  const Dtype dtype = xs.front().dtype();
  Variable h0 = hx.defined() ? hx : Variable(ops::zeros({n_layers_, batch, out_size_}, dtype));
  Variable c0 = cx.defined() ? cx : Variable(ops::zeros({n_layers_, batch, out_size_}, dtype));
  std::vector<std::vector<Variable>> ws(n_layers_), bs(n_layers_);
  for (int64_t layer = 0; layer < n_layers_; ++layer) {
    const Link& weights = (*this)[static_cast<size_t>(layer)];
    for (int j = 0; j < 8; ++j) {
      ws[layer].push_back(weights.param(weight_name('w', j)));
      bs[layer].push_back(weights.param(weight_name('b', j)));
    }
  }
  return n_step_lstm(n_layers_, dropout_, h0, c0, ws, bs, xs);
}

}  // namespace kusari

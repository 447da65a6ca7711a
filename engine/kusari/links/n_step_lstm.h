// NStepLSTM: a stacked uni-directional LSTM over variable-length sequences (Chainer's
// L.NStepLSTM). It is a ChainList of one link per layer holding w0..w7 and b0..b7 in Chainer's
// n_step_lstm layout (w0..w3 on the layer input, w4..w7 on h), so file keys read "0/w0".
#pragma once
#include <vector>

#include "kusari/functions/rnn.h"
#include "kusari/links/chain_list.h"

namespace kusari {

struct NStepLSTMOptions {
  double dropout = 0;
  initializers::InitializerPtr initialW = nullptr;      // null: LeCunNormal
  initializers::InitializerPtr initial_bias = nullptr;  // null: zeros
  Dtype dtype = Dtype::Float32;
};

class NStepLSTM : public ChainList {
 public:
  NStepLSTM(int64_t n_layers, int64_t in_size, int64_t out_size, const NStepLSTMOptions& options = {});
  // hx, cx (n_layers, batch, out_size), undefined for zeros; xs: sequences (T_i, in_size),
  // sorted by decreasing length. Returns {hy, cy, ys}.
  NStepResult operator()(const Variable& hx, const Variable& cx, const std::vector<Variable>& xs);
  NStepResult forward(const Variable& hx, const Variable& cx, const std::vector<Variable>& xs);
  using Link::forward;

 private:
  int64_t n_layers_, out_size_;
  double dropout_;
};

}  // namespace kusari

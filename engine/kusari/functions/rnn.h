// Recurrent family.
#pragma once
#include <vector>

#include "kusari/autograd/variable.h"

namespace kusari {

// Chainer's lstm: c_prev (B, H), x (B, 4H) laid out as [a, i, f, o] interleaved per unit as
// Chainer does (x.reshape(B, H, 4)); returns {c, h}.
std::pair<Variable, Variable> lstm(const Variable& c_prev, const Variable& x);

// Weights per layer: ws[layer] = 8 matrices (W_i0..W_i3 on x, W_h0..W_h3 on h), bs[layer] = 8 vectors,
// Chainer's n_step_lstm layout. xs: one (B_t, in) variable per time step... here a list of
// sequences, each (T_i, in), sorted by decreasing length. Returns {hy, cy, ys}.
struct NStepResult {
  Variable hy, cy;
  std::vector<Variable> ys;
};
NStepResult n_step_lstm(int64_t n_layers, double dropout_ratio, const Variable& hx, const Variable& cx,
                        const std::vector<std::vector<Variable>>& ws, const std::vector<std::vector<Variable>>& bs,
                        const std::vector<Variable>& xs);
// GRU: ws[layer] = 6 matrices (W0..W2 on x, W3..W5 on h), bs[layer] = 6 vectors. cy undefined.
NStepResult n_step_gru(int64_t n_layers, double dropout_ratio, const Variable& hx,
                       const std::vector<std::vector<Variable>>& ws, const std::vector<std::vector<Variable>>& bs,
                       const std::vector<Variable>& xs);

}  // namespace kusari

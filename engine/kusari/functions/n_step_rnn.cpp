// Stacked LSTM and GRU over a batch of variable-length sequences, Chainer's n_step_lstm /
// n_step_gru weight layout. xs holds one (T_b, in) sequence per batch entry, longest first;
// time step t runs on the B_t sequences still going, the others keep their state.
#include <string>

#include "kusari/autograd/apply.h"
#include "kusari/core/ops.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/noise.h"
#include "kusari/functions/rnn.h"
#include "kusari/functions/rnn_detail.h"
#include "kusari/functions/shape_ops.h"

namespace kusari {

namespace {
using rnn_detail::concat;
using rnn_detail::sigmoid;
using rnn_detail::slice;
using rnn_detail::tanh;

// Sequence-major <-> time-major: from sequences of non-increasing lengths to one (B_t, ...)
// block per time step. Applied twice it gives the input back, so it is its own backward.
std::vector<Variable> transpose_sequence(const std::vector<Variable>& xs) {
  FunctionScope fn("transpose_sequence", xs);
  const int64_t steps = xs.empty() ? 0 : xs[0].shape()[0];
  std::vector<Tensor> ys;
  for (int64_t t = 0; t < steps; ++t) {
    int64_t batch = 0;
    while (batch < static_cast<int64_t>(xs.size()) && xs[batch].shape()[0] > t) ++batch;
    Shape s = xs[0].shape();
    s[0] = batch;
    Tensor y(s, xs[0].dtype(), xs[0].data().device());
    for (int64_t b = 0; b < batch; ++b) y.select(0, b).copy_from(xs[b].data().select(0, t));
    ys.push_back(y);
  }
  return fn.finish(ys, [](const BackwardContext& c) {
    const size_t n = c.node().output_shapes.size();
    std::vector<Variable> gys;
    for (size_t t = 0; t < n; ++t) gys.push_back(c.grad_output(t));
    return transpose_sequence(gys);
  });
}

// One time step on the B_t running rows: gates_x = x W_x^T + b_x (precomputed), and the
// previous state of those rows. Returns the new (h, c); c is undefined for the GRU.
struct StepState {
  Variable h, c;
};
using StepFn = StepState (*)(const Variable& gates_x, const Variable& gates_h, const StepState& prev, int64_t units);

StepState lstm_step(const Variable& gx, const Variable& gh, const StepState& prev, int64_t units) {
  Variable g = gx + gh;
  auto part = [&](int64_t k) { return slice(g, 1, k * units, (k + 1) * units); };
  Variable i = sigmoid(part(0)), f = sigmoid(part(1)), o = sigmoid(part(2)), a = tanh(part(3));
  Variable c = f * prev.c + i * a;
  return {o * tanh(c), c};
}

StepState gru_step(const Variable& gx, const Variable& gh, const StepState& prev, int64_t units) {
  auto part = [&](const Variable& g, int64_t k) { return slice(g, 1, k * units, (k + 1) * units); };
  Variable r = sigmoid(part(gx, 0) + part(gh, 0));
  Variable z = sigmoid(part(gx, 1) + part(gh, 1));
  Variable candidate = tanh(part(gx, 2) + r * part(gh, 2));
  return {(1.0 - z) * candidate + z * prev.h, Variable()};
}

struct RnnSpec {
  const char* op;
  int64_t gates;  // matrices on x per layer; as many again on h
  StepFn step;
};

void check_inputs(const RnnSpec& spec, int64_t n_layers, double dropout_ratio, const Variable& hx, const Variable& cx,
                  const std::vector<std::vector<Variable>>& ws, const std::vector<std::vector<Variable>>& bs,
                  const std::vector<Variable>& xs) {
  const std::string op = spec.op;
  auto fail = [&](const std::string& what) {
    std::vector<Variable> shown{hx};
    if (cx.defined()) shown.push_back(cx);
    shown.insert(shown.end(), xs.begin(), xs.end());
    throw_op_error(spec.op, shown, what);
  };
  if (n_layers < 1) throw ValueError(op + ": n_layers must be positive, got " + std::to_string(n_layers));
  if (!(dropout_ratio >= 0 && dropout_ratio < 1))
    throw ValueError(op + ": dropout_ratio must be in [0, 1), got " + std::to_string(dropout_ratio));
  if (xs.empty()) throw ValueError(op + ": xs holds no sequence");
  const Dtype dt = hx.dtype();
  auto check_dtype = [&](const Variable& v) {
    if (!is_floating(v.dtype()) || v.dtype() != dt)
      throw DtypeError(op + ": every input must share hx's floating dtype " + hx.data().describe() + ", got " +
                       v.data().describe());
  };
  if (hx.ndim() != 3 || hx.shape()[0] != n_layers || hx.shape()[1] != static_cast<int64_t>(xs.size()))
    fail("hx must be (n_layers, len(xs), H) = (" + std::to_string(n_layers) + ", " + std::to_string(xs.size()) +
         ", H), got " + shape_to_string(hx.shape()));
  if (cx.defined() && cx.shape() != hx.shape()) fail("cx must have hx's shape " + shape_to_string(hx.shape()));
  check_dtype(hx);
  if (cx.defined()) check_dtype(cx);
  const int64_t units = hx.shape()[2];
  for (size_t b = 0; b < xs.size(); ++b) {
    check_dtype(xs[b]);
    if (xs[b].ndim() != 2 || xs[b].shape()[0] < 1 || xs[b].shape()[1] != xs[0].shape()[1])
      fail("each sequence must be (T, in) with T >= 1 and one input size");
    if (b > 0 && xs[b].shape()[0] > xs[b - 1].shape()[0]) fail("sequences must be sorted by decreasing length");
  }
  if (static_cast<int64_t>(ws.size()) != n_layers || static_cast<int64_t>(bs.size()) != n_layers)
    fail("ws and bs need one entry per layer");
  for (int64_t l = 0; l < n_layers; ++l) {
    if (static_cast<int64_t>(ws[l].size()) != 2 * spec.gates || static_cast<int64_t>(bs[l].size()) != 2 * spec.gates)
      fail("layer " + std::to_string(l) + " needs " + std::to_string(2 * spec.gates) + " weights and biases");
    const int64_t in = l == 0 ? xs[0].shape()[1] : units;
    for (int64_t j = 0; j < 2 * spec.gates; ++j) {
      check_dtype(ws[l][j]);
      check_dtype(bs[l][j]);
      Shape expect{units, j < spec.gates ? in : units};
      if (ws[l][j].shape() != expect || bs[l][j].shape() != Shape{units})
        fail("ws[" + std::to_string(l) + "][" + std::to_string(j) + "] must be " + shape_to_string(expect) +
             " and its bias (" + std::to_string(units) + ",), got " + shape_to_string(ws[l][j].shape()) + " and " +
             shape_to_string(bs[l][j].shape()));
    }
  }
}

Variable layer_state(const Variable& stacked, int64_t layer) {
  Shape s(stacked.shape().begin() + 1, stacked.shape().end());
  return reshape(slice(stacked, 0, layer, layer + 1), s);
}

NStepResult run_layers(const RnnSpec& spec, int64_t n_layers, double dropout_ratio, const Variable& hx,
                       const Variable& cx, const std::vector<std::vector<Variable>>& ws,
                       const std::vector<std::vector<Variable>>& bs, const std::vector<Variable>& xs) {
  check_inputs(spec, n_layers, dropout_ratio, hx, cx, ws, bs, xs);
  const int64_t batch = hx.shape()[1], units = hx.shape()[2];
  const auto g = static_cast<std::ptrdiff_t>(spec.gates);
  std::vector<Variable> seqs = xs, hy, cy;
  for (int64_t l = 0; l < n_layers; ++l) {
    // The gate matrices of one side stacked into one (gates * H, in) product.
    Variable wx = concat({ws[l].begin(), ws[l].begin() + g}, 0), wh = concat({ws[l].begin() + g, ws[l].end()}, 0);
    Variable bx = concat({bs[l].begin(), bs[l].begin() + g}, 0), bh = concat({bs[l].begin() + g, bs[l].end()}, 0);
    std::vector<Variable> projected;
    for (const Variable& s : seqs)
      projected.push_back(matmul(l > 0 && dropout_ratio > 0 ? dropout(s, dropout_ratio) : s, wx, false, true) + bx);
    StepState state{layer_state(hx, l), cx.defined() ? layer_state(cx, l) : Variable()};
    std::vector<Variable> outputs;
    for (const Variable& gx : transpose_sequence(projected)) {
      const int64_t running = gx.shape()[0];
      StepState prev{slice(state.h, 0, 0, running), state.c.defined() ? slice(state.c, 0, 0, running) : Variable()};
      StepState next = spec.step(gx, matmul(prev.h, wh, false, true) + bh, prev, units);
      outputs.push_back(next.h);
      // Finished sequences (the tail rows) keep their last state.
      auto merge = [&](const Variable& fresh, const Variable& old) {
        return running < batch ? concat({fresh, slice(old, 0, running, batch)}, 0) : fresh;
      };
      state.h = merge(next.h, state.h);
      if (state.c.defined()) state.c = merge(next.c, state.c);
    }
    seqs = transpose_sequence(outputs);
    hy.push_back(reshape(state.h, {1, batch, units}));
    if (state.c.defined()) cy.push_back(reshape(state.c, {1, batch, units}));
  }
  return {concat(hy, 0), cy.empty() ? Variable() : concat(cy, 0), seqs};
}
}  // namespace

NStepResult n_step_lstm(int64_t n_layers, double dropout_ratio, const Variable& hx, const Variable& cx,
                        const std::vector<std::vector<Variable>>& ws, const std::vector<std::vector<Variable>>& bs,
                        const std::vector<Variable>& xs) {
  if (!cx.defined()) throw ValueError("n_step_lstm: cx is undefined");
  return run_layers({"n_step_lstm", 4, lstm_step}, n_layers, dropout_ratio, hx, cx, ws, bs, xs);
}

NStepResult n_step_gru(int64_t n_layers, double dropout_ratio, const Variable& hx,
                       const std::vector<std::vector<Variable>>& ws, const std::vector<std::vector<Variable>>& bs,
                       const std::vector<Variable>& xs) {
  return run_layers({"n_step_gru", 3, gru_step}, n_layers, dropout_ratio, hx, Variable(), ws, bs, xs);
}

}  // namespace kusari

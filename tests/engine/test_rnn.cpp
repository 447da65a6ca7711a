// Recurrent functions: the lstm cell and stacked n_step LSTM/GRU against per-sequence loop
// references (each sequence run on its own, no batching), backward and double backward
// numerically, dropout between layers, and input validation.
#include <QTest>

#include "engine/engine_test_support.h"
#include "kusari/autograd/config.h"
#include "kusari/functions/rnn.h"

using namespace kusari;
using namespace kusari::test_support;

namespace {
using Vec = std::vector<double>;
Tensor rnd(const Shape& s, double scale = 1) { return ops::normal(s, 0, scale, Dtype::Float64); }
double flat(const Tensor& t, int64_t i) { return t.contiguous().data<double>()[i]; }
double sigm(double v) { return 1 / (1 + std::exp(-v)); }

// W (H, in) times v plus b.
Vec affine(const Tensor& w, const Tensor& b, const Vec& v) {
  const int64_t rows = w.shape()[0], cols = w.shape()[1];
  Vec out(rows);
  for (int64_t r = 0; r < rows; ++r) {
    out[r] = flat(b, r);
    for (int64_t k = 0; k < cols; ++k) out[r] += flat(w, r * cols + k) * v[k];
  }
  return out;
}
Vec row(const Tensor& t, int64_t first, int64_t len) {
  Vec v(len);
  for (int64_t k = 0; k < len; ++k) v[k] = flat(t, first + k);
  return v;
}

struct Problem {
  int64_t layers, in, units;
  std::vector<int64_t> lengths;
  int64_t gates;  // 4 for LSTM, 3 for GRU
  Tensor hx, cx;
  std::vector<std::vector<Tensor>> ws, bs;
  std::vector<Tensor> xs;

  Problem(int64_t layers_, int64_t in_, int64_t units_, std::vector<int64_t> lengths_, int64_t gates_)
      : layers(layers_), in(in_), units(units_), lengths(std::move(lengths_)), gates(gates_) {
    const int64_t batch = static_cast<int64_t>(lengths.size());
    hx = rnd({layers, batch, units});
    cx = rnd({layers, batch, units});
    for (int64_t l = 0; l < layers; ++l) {
      ws.emplace_back();
      bs.emplace_back();
      for (int64_t j = 0; j < 2 * gates; ++j) {
        ws[l].push_back(rnd({units, j < gates && l == 0 ? in : units}, 0.6));
        bs[l].push_back(rnd({units}, 0.5));
      }
    }
    for (int64_t len : lengths) xs.push_back(rnd({len, in}));
  }
  // Inputs as one flat list (hx, cx, ws..., bs..., xs...) for the gradient checks.
  std::vector<Tensor> flat_inputs(bool with_cx) const {
    std::vector<Tensor> v{hx};
    if (with_cx) v.push_back(cx);
    for (const auto& l : ws) v.insert(v.end(), l.begin(), l.end());
    for (const auto& l : bs) v.insert(v.end(), l.begin(), l.end());
    v.insert(v.end(), xs.begin(), xs.end());
    return v;
  }
};

// Calls n_step_lstm (gates 4) or n_step_gru (gates 3) on the flat input list.
std::vector<Variable> run_flat(const Problem& p, double dropout_ratio, const std::vector<Variable>& v) {
  const bool lstm_mode = p.gates == 4;
  size_t k = 0;
  Variable hx = v[k++], cx = lstm_mode ? v[k++] : Variable();
  std::vector<std::vector<Variable>> ws(p.layers), bs(p.layers);
  for (auto& l : ws)
    for (int64_t j = 0; j < 2 * p.gates; ++j) l.push_back(v[k++]);
  for (auto& l : bs)
    for (int64_t j = 0; j < 2 * p.gates; ++j) l.push_back(v[k++]);
  std::vector<Variable> xs(v.begin() + k, v.end());
  NStepResult r = lstm_mode ? n_step_lstm(p.layers, dropout_ratio, hx, cx, ws, bs, xs)
                            : n_step_gru(p.layers, dropout_ratio, hx, ws, bs, xs);
  std::vector<Variable> out{r.hy};
  if (lstm_mode) out.push_back(r.cy);
  out.insert(out.end(), r.ys.begin(), r.ys.end());
  return out;
}

// Per-sequence reference of Chainer's equations; returns (hy, cy, ys) like run_flat.
std::vector<Tensor> reference(const Problem& p) {
  const int64_t batch = static_cast<int64_t>(p.lengths.size()), H = p.units;
  Tensor hy({p.layers, batch, H}, Dtype::Float64), cy({p.layers, batch, H}, Dtype::Float64);
  std::vector<Tensor> ys;
  for (int64_t b = 0; b < batch; ++b) {
    std::vector<Vec> seq;
    for (int64_t t = 0; t < p.lengths[b]; ++t) seq.push_back(row(p.xs[b], t * p.in, p.in));
    for (int64_t l = 0; l < p.layers; ++l) {
      Vec h = row(p.hx, (l * batch + b) * H, H), c = row(p.cx, (l * batch + b) * H, H);
      const auto& W = p.ws[l];
      const auto& B = p.bs[l];
      for (Vec& x : seq) {
        Vec hn(H);
        if (p.gates == 4) {
          Vec i = affine(W[0], B[0], x), f = affine(W[1], B[1], x), o = affine(W[2], B[2], x), a = affine(W[3], B[3], x);
          Vec i2 = affine(W[4], B[4], h), f2 = affine(W[5], B[5], h), o2 = affine(W[6], B[6], h), a2 = affine(W[7], B[7], h);
          for (int64_t u = 0; u < H; ++u) {
            c[u] = sigm(f[u] + f2[u]) * c[u] + sigm(i[u] + i2[u]) * std::tanh(a[u] + a2[u]);
            hn[u] = sigm(o[u] + o2[u]) * std::tanh(c[u]);
          }
        } else {
          Vec r = affine(W[0], B[0], x), z = affine(W[1], B[1], x), n = affine(W[2], B[2], x);
          Vec r2 = affine(W[3], B[3], h), z2 = affine(W[4], B[4], h), n2 = affine(W[5], B[5], h);
          for (int64_t u = 0; u < H; ++u) {
            const double rg = sigm(r[u] + r2[u]), zg = sigm(z[u] + z2[u]);
            hn[u] = (1 - zg) * std::tanh(n[u] + rg * n2[u]) + zg * h[u];
          }
        }
        h = hn;
        x = hn;  // the next layer's input
      }
      for (int64_t u = 0; u < H; ++u) {
        hy.data<double>()[(l * batch + b) * H + u] = h[u];
        cy.data<double>()[(l * batch + b) * H + u] = c[u];
      }
    }
    ys.push_back(tensor_from({p.lengths[b], H}, [&](int64_t i) { return seq[i / H][i % H]; }));
  }
  std::vector<Tensor> out{hy};
  if (p.gates == 4) out.push_back(cy);
  out.insert(out.end(), ys.begin(), ys.end());
  return out;
}

}  // namespace

using kusari::test_support::expect_error;

class TestRnn : public QObject {
  Q_OBJECT
 private slots:
  void lstm_forward_data() {
    QTest::addColumn<QList<qint64>>("c_shape");
    QTest::addColumn<qint64>("x_batch");
    QTest::newRow("(B, H)") << QList<qint64>{3, 4} << qint64(3);
    QTest::newRow("shrinking batch") << QList<qint64>{4, 2} << qint64(2);
    QTest::newRow("trailing axis") << QList<qint64>{2, 3, 2} << qint64(2);
    QTest::newRow("empty batch") << QList<qint64>{0, 3} << qint64(0);
  }
  void lstm_forward() {
    QFETCH(QList<qint64>, c_shape);
    QFETCH(qint64, x_batch);
    Shape cs(c_shape.begin(), c_shape.end());
    const int64_t H = cs[1], inner = cs.size() > 2 ? cs[2] : 1;
    Shape xs = cs;
    xs[0] = x_batch;
    xs[1] = 4 * H;
    Tensor c_prev = rnd(cs), x = rnd(xs);
    auto [c, h] = lstm(c_prev, x);
    Shape hs = cs;
    hs[0] = x_batch;
    QCOMPARE(c.shape(), cs);
    QCOMPARE(h.shape(), hs);
    // Element (b, j, s): gate k is x[b, 4j + k, s], in the order a, i, f, o.
    auto gate = [&](int64_t i, int64_t k) {
      int64_t b = i / (H * inner), j = (i / inner) % H, s = i % inner;
      return flat(x, (b * 4 * H + 4 * j + k) * inner + s);
    };
    auto c_new = [&](int64_t i) {
      return std::tanh(gate(i, 0)) * sigm(gate(i, 1)) + sigm(gate(i, 2)) * flat(c_prev, i);
    };
    const int64_t updated = x_batch * H * inner;
    KUSARI_VERIFY_CLOSE(c.data(), tensor_from(cs, [&](int64_t i) { return i < updated ? c_new(i) : flat(c_prev, i); }),
                        1e-12, 1e-12);
    KUSARI_VERIFY_CLOSE(h.data(), tensor_from(hs, [&](int64_t i) { return sigm(gate(i, 3)) * std::tanh(c_new(i)); }),
                        1e-12, 1e-12);
  }

  void lstm_backward() {
    auto f = [](const std::vector<Variable>& v) {
      auto [c, h] = lstm(v[0], v[1]);
      return std::vector<Variable>{c, h};
    };
    for (auto [cs, xs] : std::vector<std::pair<Shape, Shape>>{
             {{3, 2}, {3, 8}}, {{4, 2}, {2, 8}}, {{2, 1, 3}, {2, 4, 3}}, {{0, 2}, {0, 8}}}) {
      KUSARI_VERIFY_NO_ERROR(backward_error(f, {rnd(cs), rnd(xs)}));
      KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {rnd(cs), rnd(xs)}));
    }
  }

  void n_step_forward_data() {
    QTest::addColumn<qint64>("gates");
    QTest::addColumn<qint64>("layers");
    QTest::addColumn<QList<qint64>>("lengths");
    for (qint64 g : {4, 3}) {
      const char* name = g == 4 ? "lstm" : "gru";
      QTest::newRow((std::string(name) + " one layer").c_str()) << g << qint64(1) << QList<qint64>{3, 3};
      QTest::newRow((std::string(name) + " ragged").c_str()) << g << qint64(2) << QList<qint64>{4, 2, 2, 1};
      QTest::newRow((std::string(name) + " three layers").c_str()) << g << qint64(3) << QList<qint64>{2, 1};
    }
  }
  void n_step_forward() {
    QFETCH(qint64, gates);
    QFETCH(qint64, layers);
    QFETCH(QList<qint64>, lengths);
    UsingConfig test_mode(&Config::train, false);  // dropout_ratio has no effect outside training
    Problem p(layers, 3, 4, std::vector<int64_t>(lengths.begin(), lengths.end()), gates);
    std::vector<Tensor> in = p.flat_inputs(gates == 4);
    std::vector<Variable> got = run_flat(p, 0.5, std::vector<Variable>(in.begin(), in.end()));
    std::vector<Tensor> want = reference(p);
    QCOMPARE(got.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) KUSARI_VERIFY_CLOSE(got[i].data(), want[i], 1e-10, 1e-10);
  }

  void n_step_backward_data() {
    QTest::addColumn<qint64>("gates");
    QTest::newRow("lstm") << qint64(4);
    QTest::newRow("gru") << qint64(3);
  }
  void n_step_backward() {
    QFETCH(qint64, gates);
    UsingConfig no_dropout(&Config::train, false);
    Problem p(2, 3, 2, {3, 2, 1}, gates);
    auto f = [&p](const std::vector<Variable>& v) { return run_flat(p, 0.5, v); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, p.flat_inputs(gates == 4)));
    Problem small(1, 2, 2, {2, 1}, gates);
    auto g = [&small](const std::vector<Variable>& v) { return run_flat(small, 0, v); };
    KUSARI_VERIFY_NO_ERROR(double_backward_error(g, small.flat_inputs(gates == 4)));
  }

  void n_step_dropout_between_layers_only() {
    for (int64_t gates : {4, 3}) {
      Problem p(2, 3, 4, {3, 2}, gates);
      std::vector<Tensor> in = p.flat_inputs(gates == 4);
      std::vector<Variable> vin(in.begin(), in.end());
      std::vector<Tensor> want = reference(p);
      const size_t ys_begin = gates == 4 ? 2 : 1;
      std::vector<Variable> got = run_flat(p, 0.9, vin);
      // The first layer's input is never dropped: its final state matches the reference.
      Tensor hy0 = got[0].data().select(0, 0);
      KUSARI_VERIFY_CLOSE(hy0, want[0].select(0, 0), 1e-10, 1e-10);
      QVERIFY(!allclose(got[ys_begin].data(), want[ys_begin], 1e-6, 1e-6));  // the second layer saw dropout
    }
  }

  void bad_inputs_name_the_function() {
    expect_error<ShapeError>([] { lstm(rnd({2, 3}), rnd({2, 8})); }, "lstm");
    expect_error<ShapeError>([] { lstm(rnd({2, 3}), rnd({3, 12})); }, "lstm");
    expect_error<DtypeError>([] { lstm(rnd({2, 3}), rnd({2, 12}).astype(Dtype::Float32)); }, "lstm");
    Problem p(1, 3, 2, {2, 3}, 4);  // not sorted by length
    std::vector<Tensor> in = p.flat_inputs(true);
    expect_error<ShapeError>([&] { run_flat(p, 0, std::vector<Variable>(in.begin(), in.end())); }, "n_step_lstm");
    Problem q(1, 3, 2, {2, 1}, 3);
    q.ws[0][4] = rnd({2, 3});
    in = q.flat_inputs(false);
    expect_error<ShapeError>([&] { run_flat(q, 0, std::vector<Variable>(in.begin(), in.end())); }, "n_step_gru");
    q = Problem(1, 3, 2, {2, 1}, 3);
    q.hx = rnd({2, 2, 2});  // two layers of state for one layer
    in = q.flat_inputs(false);
    expect_error<ShapeError>([&] { run_flat(q, 0, std::vector<Variable>(in.begin(), in.end())); }, "n_step_gru");
    in = Problem(1, 3, 2, {2, 1}, 3).flat_inputs(false);
    expect_error<ValueError>([&] { run_flat(q, 1.0, std::vector<Variable>(in.begin(), in.end())); }, "n_step_gru");
  }
};

QTEST_APPLESS_MAIN(TestRnn)
#include "test_rnn.moc"

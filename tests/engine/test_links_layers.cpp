// Concrete links: shapes, lazy initialization, forward against loops written here, state
// (BatchNormalization's running statistics, LSTM/GRU cells), parameter paths and a small
// end-to-end training run (Classifier + Adam). The functions themselves are tested by their
// families; this checks that each link wires them as Chainer does.
#include <QTest>
#include <cmath>

#include "engine/engine_test_support.h"
#include "engine/memory_serializer.h"
#include "kusari/autograd/config.h"
#include "kusari/functions/activation.h"
#include "kusari/functions/reduction.h"
#include "kusari/initializers/constant.h"
#include "kusari/links/links.h"
#include "kusari/optimizers/adam.h"

using namespace kusari;
using namespace kusari::test_support;

namespace {

double sigm(double x) { return 1 / (1 + std::exp(-x)); }

std::vector<std::string> param_paths(const Link& l) {
  std::vector<std::string> out;
  for (const auto& [p, v] : l.namedparams()) out.push_back(p);
  return out;
}

// y[n, o] = sum_i x[n, i] W[o, i] + b[o], all in double.
Tensor affine_reference(const Tensor& x, const Tensor& W, const Tensor* b) {
  const int64_t n = x.shape()[0], in = W.shape()[1], out = W.shape()[0];
  Tensor xf = x.reshape({n, in});
  return tensor_from({n, out}, [&](int64_t k) {
    int64_t r = k / out, o = k % out;
    double s = b ? b->at({o}) : 0.0;
    for (int64_t i = 0; i < in; ++i) s += xf.at({r, i}) * W.at({o, i});
    return s;
  });
}

}  // namespace

class TestLinksLayers : public QObject {
  Q_OBJECT
 private slots:
  void init() { ops::seed(11); }

  void linear_forward_and_lazy_in_size() {
    Linear l(std::nullopt, 4, {.initial_bias = std::make_shared<initializers::Constant>(0.3), .dtype = Dtype::Float64});
    QVERIFY(!l.W.is_initialized());
    Tensor x = ops::normal({2, 3, 5}, 0, 1, Dtype::Float64);
    Variable y = l(x);
    QCOMPARE(l.W.shape(), (Shape{4, 15}));
    QCOMPARE(y.shape(), (Shape{2, 4}));
    Tensor b = l.b.data();
    KUSARI_VERIFY_CLOSE(y.data(), affine_reference(x, l.W.data(), &b), 1e-12, 1e-12);
    QCOMPARE(b.at({2}), 0.3);
    Linear nb(3, 2, {.nobias = true});
    QCOMPARE(param_paths(nb), (std::vector<std::string>{"/W"}));
    QCOMPARE(nb.W.dtype(), Dtype::Float32);
    sum(nb(ops::ones({1, 3}))).backward();
    QVERIFY(nb.W.grad().defined());
  }

  void convolution_2d_shapes_and_value() {
    Convolution2D c(std::nullopt, 4, {.ksize_h = 3, .ksize_w = 3, .conv = {.pad_y = 1, .pad_x = 1}, .dtype = Dtype::Float64});
    Tensor x = ops::normal({2, 3, 5, 5}, 0, 1, Dtype::Float64);
    Variable y = c(x);
    QCOMPARE(c.W.shape(), (Shape{4, 3, 3, 3}));
    QCOMPARE(y.shape(), (Shape{2, 4, 5, 5}));
    // One interior output by hand: y[1, 2, 2, 3].
    double s = c.b.data().at({2});
    for (int64_t ci = 0; ci < 3; ++ci)
      for (int64_t ky = 0; ky < 3; ++ky)
        for (int64_t kx = 0; kx < 3; ++kx) s += x.at({1, ci, 2 + ky - 1, 3 + kx - 1}) * c.W.data().at({2, ci, ky, kx});
    QVERIFY(std::abs(y.data().at({1, 2, 2, 3}) - s) < 1e-12);
    Convolution2D strided(3, 6, {.ksize_h = 3, .ksize_w = 3, .conv = {.stride_y = 2, .stride_x = 2, .groups = 3}});
    QCOMPARE(strided.W.shape(), (Shape{6, 1, 3, 3}));
    QCOMPARE(strided(ops::zeros({1, 3, 7, 7})).shape(), (Shape{1, 6, 3, 3}));
    QVERIFY_THROWS_EXCEPTION(ValueError, Convolution2D(4, 6, {.conv = {.groups = 3}}));
  }

  void deconvolution_2d_shapes() {
    Deconvolution2D d(std::nullopt, 5, {.ksize_h = 3, .ksize_w = 3, .conv = {.stride_y = 2, .stride_x = 2, .pad_y = 1, .pad_x = 1}});
    Variable y = d(ops::normal({2, 3, 4, 4}));
    QCOMPARE(d.W.shape(), (Shape{3, 5, 3, 3}));
    QCOMPARE(y.shape(), (Shape{2, 5, 7, 7}));  // (4 - 1) * 2 - 2 + 3
    QCOMPARE(param_paths(d), (std::vector<std::string>{"/W", "/b"}));
  }

  void embed_id_rows_and_ignore_label() {
    EmbedID e(5, 3, {.ignore_label = -1, .dtype = Dtype::Float64});
    Tensor ids = ops::from_vector<int32_t>({4, -1, 0, 4}, {2, 2});
    Variable y = e(Variable(ids));
    QCOMPARE(y.shape(), (Shape{2, 2, 3}));
    for (int64_t k = 0; k < 3; ++k) {
      QCOMPARE(y.data().at({0, 0, k}), e.W.data().at({4, k}));
      QCOMPARE(y.data().at({0, 1, k}), 0.0);
      QCOMPARE(y.data().at({1, 0, k}), e.W.data().at({0, k}));
    }
  }

  void batch_normalization_train_and_test() {
    BatchNormalization bn(std::nullopt, {.dtype = Dtype::Float64});
    Tensor x = ops::normal({6, 3, 2}, 2.0, 3.0, Dtype::Float64);
    Variable y = bn(x);
    QCOMPARE(bn.gamma.shape(), (Shape{3}));
    const int64_t m = 12;
    for (int64_t c = 0; c < 3; ++c) {
      double mean = 0, var = 0;
      for (int64_t n = 0; n < 6; ++n)
        for (int64_t k = 0; k < 2; ++k) mean += x.at({n, c, k}) / m;
      for (int64_t n = 0; n < 6; ++n)
        for (int64_t k = 0; k < 2; ++k) var += (x.at({n, c, k}) - mean) * (x.at({n, c, k}) - mean) / m;
      for (int64_t n = 0; n < 6; ++n)
        for (int64_t k = 0; k < 2; ++k)
          QVERIFY(std::abs(y.data().at({n, c, k}) - (x.at({n, c, k}) - mean) / std::sqrt(var + 2e-5)) < 1e-10);
      // Running statistics: decay 0.9 from mean 0 and variance 1, unbiased batch variance.
      QVERIFY(std::abs(bn.avg_mean.at({c}) - 0.1 * mean) < 1e-12);
      QVERIFY(std::abs(bn.avg_var.at({c}) - (0.9 + 0.1 * var * m / (m - 1))) < 1e-12);
    }
    // Test mode uses the running statistics and leaves them alone.
    Tensor mean_before = bn.avg_mean.clone();
    {
      UsingConfig test_mode(&Config::train, false);
      Variable z = bn(x);
      for (int64_t c = 0; c < 3; ++c) {
        double expected = (x.at({0, c, 1}) - bn.avg_mean.at({c})) / std::sqrt(bn.avg_var.at({c}) + 2e-5);
        QVERIFY(std::abs(z.data().at({0, c, 1}) - expected) < 1e-10);
      }
    }
    KUSARI_VERIFY_CLOSE(bn.avg_mean, mean_before, 0, 0);
    // Fine-tuning: N counts batches and the averages become exact means (decay 1 - 1/N).
    bn.start_finetuning();
    bn(x, true);
    QCOMPARE(bn.N, 1.0);
    QVERIFY(std::abs(bn.avg_mean.at({0}) - mean_before.at({0}) * 10) < 1e-10);  // the batch mean itself
    auto store = std::make_shared<MemoryStore>();
    MemorySerializer saver(store, false);
    bn.serialize(saver);
    QCOMPARE(store->keys, (std::vector<std::string>{"gamma", "beta", "avg_mean", "avg_var", "N"}));
  }

  void layer_and_group_normalization() {
    LayerNormalization ln(std::nullopt, {.dtype = Dtype::Float64});
    Tensor x = ops::normal({4, 6}, 1.0, 2.0, Dtype::Float64);
    Variable y = ln(x);
    QCOMPARE(ln.gamma.shape(), (Shape{6}));
    for (int64_t r = 0; r < 4; ++r) {
      double mean = 0, var = 0;
      for (int64_t k = 0; k < 6; ++k) mean += x.at({r, k}) / 6;
      for (int64_t k = 0; k < 6; ++k) var += (x.at({r, k}) - mean) * (x.at({r, k}) - mean) / 6;
      QVERIFY(std::abs(y.data().at({r, 4}) - (x.at({r, 4}) - mean) / std::sqrt(var + 1e-6)) < 1e-9);
    }
    GroupNormalization gn(2, std::nullopt, {.dtype = Dtype::Float64});
    Tensor x4 = ops::normal({2, 4, 3}, 0, 1, Dtype::Float64);
    Variable z = gn(x4);
    QCOMPARE(gn.beta.shape(), (Shape{4}));
    // Group 1 of sample 0: channels 2 and 3.
    double mean = 0, var = 0;
    for (int64_t c = 2; c < 4; ++c)
      for (int64_t k = 0; k < 3; ++k) mean += x4.at({0, c, k}) / 6;
    for (int64_t c = 2; c < 4; ++c)
      for (int64_t k = 0; k < 3; ++k) var += (x4.at({0, c, k}) - mean) * (x4.at({0, c, k}) - mean) / 6;
    QVERIFY(std::abs(z.data().at({0, 3, 1}) - (x4.at({0, 3, 1}) - mean) / std::sqrt(var + 1e-5)) < 1e-9);
  }

  void lstm_state_follows_the_cell() {
    const int64_t B = 2, I = 3, H = 4;
    LSTM lstm(I, H, {.dtype = Dtype::Float64});
    QCOMPARE(param_paths(lstm), (std::vector<std::string>{"/upward/W", "/upward/b", "/lateral/W"}));
    for (int64_t j = 0; j < H; ++j) {
      QCOMPARE(lstm.upward->b.data().at({j * 4 + 2}), 1.0);  // forget gate
      QCOMPARE(lstm.upward->b.data().at({j * 4 + 1}), 0.0);
    }
    std::vector<double> c(B * H, 0.0), h(B * H, 0.0);
    Tensor Wu = lstm.upward->W.data(), bu = lstm.upward->b.data(), Wl = lstm.lateral->W.data();
    for (int step = 0; step < 2; ++step) {
      Tensor x = ops::normal({B, I}, 0, 1, Dtype::Float64);
      Variable y = lstm(x);
      for (int64_t n = 0; n < B; ++n)
        for (int64_t j = 0; j < H; ++j) {
          double g[4];
          for (int64_t k = 0; k < 4; ++k) {
            const int64_t row = j * 4 + k;
            double s = bu.at({row});
            for (int64_t i = 0; i < I; ++i) s += x.at({n, i}) * Wu.at({row, i});
            for (int64_t i = 0; i < H; ++i) s += h[n * H + i] * Wl.at({row, i});
            g[k] = s;
          }
          c[n * H + j] = std::tanh(g[0]) * sigm(g[1]) + sigm(g[2]) * c[n * H + j];
        }
      for (int64_t n = 0; n < B; ++n)
        for (int64_t j = 0; j < H; ++j) {
          double s = bu.at({j * 4 + 3});
          for (int64_t i = 0; i < I; ++i) s += x.at({n, i}) * Wu.at({j * 4 + 3, i});
          for (int64_t i = 0; i < H; ++i) s += h[n * H + i] * Wl.at({j * 4 + 3, i});
          const double expected_h = sigm(s) * std::tanh(c[n * H + j]);
          QVERIFY(std::abs(y.data().at({n, j}) - expected_h) < 1e-10);
          QVERIFY(std::abs(lstm.c.data().at({n, j}) - c[n * H + j]) < 1e-10);
        }
      for (int64_t k = 0; k < B * H; ++k) h[k] = y.data().at({k / H, k % H});
    }
    QVERIFY_THROWS_EXCEPTION(ShapeError, lstm(ops::zeros({3, I}, Dtype::Float64)));
    lstm.reset_state();
    QVERIFY(!lstm.h.defined() && !lstm.c.defined());
    QCOMPARE(lstm(ops::zeros({3, I}, Dtype::Float64)).shape(), (Shape{3, H}));
  }

  void gru_state_follows_the_cell() {
    const int64_t I = 3, H = 2;
    GRU gru(I, H, {.dtype = Dtype::Float64});
    QCOMPARE(param_paths(gru).size(), size_t(12));
    QCOMPARE(param_paths(gru)[0], std::string("/W_r/W"));
    std::vector<double> h(H, 0.0);
    auto lin = [](const Linear& l, const std::vector<double>& v, int64_t o) {
      double s = l.b.data().at({o});
      for (size_t i = 0; i < v.size(); ++i) s += v[i] * l.W.data().at({o, static_cast<int64_t>(i)});
      return s;
    };
    for (int step = 0; step < 2; ++step) {
      Tensor x = ops::normal({1, I}, 0, 1, Dtype::Float64);
      std::vector<double> xv{x.at({0, 0}), x.at({0, 1}), x.at({0, 2})};
      Variable y = gru(x);
      std::vector<double> r(H), rh(H), next(H);
      for (int64_t o = 0; o < H; ++o) r[o] = sigm(lin(*gru.W_r, xv, o) + lin(*gru.U_r, h, o));
      for (int64_t o = 0; o < H; ++o) rh[o] = r[o] * h[o];
      for (int64_t o = 0; o < H; ++o) {
        double z, hbar;
        if (step == 0) {
          z = sigm(lin(*gru.W_z, xv, o));
          hbar = std::tanh(lin(*gru.W, xv, o));
          next[o] = z * hbar;
        } else {
          z = sigm(lin(*gru.W_z, xv, o) + lin(*gru.U_z, h, o));
          hbar = std::tanh(lin(*gru.W, xv, o) + lin(*gru.U, rh, o));
          next[o] = z * hbar + (1 - z) * h[o];
        }
      }
      for (int64_t o = 0; o < H; ++o) QVERIFY(std::abs(y.data().at({0, o}) - next[o]) < 1e-10);
      h = next;
    }
  }

  void n_step_lstm_shapes_and_layout() {
    NStepLSTM rnn(2, 3, 4, {.dtype = Dtype::Float64});
    std::vector<std::string> paths = param_paths(rnn);
    QCOMPARE(paths.size(), size_t(32));
    QCOMPARE(paths[0], std::string("/0/w0"));
    QCOMPARE(paths[1], std::string("/0/b0"));
    QCOMPARE(rnn[0].param("w0").shape(), (Shape{4, 3}));
    QCOMPARE(rnn[0].param("w4").shape(), (Shape{4, 4}));
    QCOMPARE(rnn[1].param("w0").shape(), (Shape{4, 4}));
    std::vector<Variable> xs{Variable(ops::normal({5, 3}, 0, 1, Dtype::Float64)),
                             Variable(ops::normal({2, 3}, 0, 1, Dtype::Float64))};
    NStepResult r = rnn(Variable(), Variable(), xs);
    QCOMPARE(r.hy.shape(), (Shape{2, 2, 4}));
    QCOMPARE(r.cy.shape(), (Shape{2, 2, 4}));
    QCOMPARE(r.ys.size(), size_t(2));
    QCOMPARE(r.ys[0].shape(), (Shape{5, 4}));
    QCOMPARE(r.ys[1].shape(), (Shape{2, 4}));
    // The top layer's final state of each sequence is its last output.
    for (int64_t k = 0; k < 4; ++k) {
      QVERIFY(std::abs(r.hy.data().at({1, 0, k}) - r.ys[0].data().at({4, k})) < 1e-12);
      QVERIFY(std::abs(r.hy.data().at({1, 1, k}) - r.ys[1].data().at({1, k})) < 1e-12);
    }
  }

  void classifier_loss_and_accuracy() {
    auto predictor = std::make_shared<Linear>(4, 3, LinearOptions{.dtype = Dtype::Float64});
    Classifier model(predictor);
    Tensor x = ops::normal({5, 4}, 0, 1, Dtype::Float64);
    Tensor t = ops::from_vector<int32_t>({0, 2, 1, 1, 0}, {5});
    Variable loss = model(x, t);
    QVERIFY(model.y.defined());
    QCOMPARE(model.y.creator()->link_path, std::string("predictor"));
    double expected_loss = 0, correct = 0;
    for (int64_t n = 0; n < 5; ++n) {
      double mx = -1e300, z = 0;
      int64_t arg = 0;
      for (int64_t k = 0; k < 3; ++k) {
        double v = model.y.data().at({n, k});
        if (v > mx) mx = v, arg = k;
      }
      for (int64_t k = 0; k < 3; ++k) z += std::exp(model.y.data().at({n, k}) - mx);
      const int64_t label = static_cast<int64_t>(t.at({n}));
      expected_loss -= (model.y.data().at({n, label}) - mx - std::log(z)) / 5;
      correct += arg == label ? 1 : 0;
    }
    QVERIFY(std::abs(loss.data().item() - expected_loss) < 1e-10);
    QVERIFY(std::abs(model.accuracy.data().item() - correct / 5) < 1e-6);
    QCOMPARE(param_paths(model), (std::vector<std::string>{"/predictor/W", "/predictor/b"}));
    model.compute_accuracy = false;
    model(x, t);
    QVERIFY(!model.accuracy.defined());
  }

  void bias_scale_prelu() {
    Tensor x = ops::normal({2, 3, 2}, 0, 1, Dtype::Float64);
    Bias bias({3}, {.initial_bias = std::make_shared<initializers::Constant>(0.5), .dtype = Dtype::Float64});
    KUSARI_VERIFY_CLOSE(bias(x).data(), map_reference(x, [](double v) { return v + 0.5; }), 1e-14, 0);
    Scale scale({3}, {.initialW = std::make_shared<initializers::Constant>(2.0), .bias_term = true, .dtype = Dtype::Float64});
    QCOMPARE(param_paths(scale), (std::vector<std::string>{"/W", "/bias/b"}));
    KUSARI_VERIFY_CLOSE(scale(x).data(), map_reference(x, [](double v) { return 2 * v; }), 1e-14, 0);
    PReLU prelu({3}, {.dtype = Dtype::Float64});
    KUSARI_VERIFY_CLOSE(prelu(x).data(), map_reference(x, [](double v) { return v >= 0 ? v : 0.25 * v; }), 1e-14, 0);
  }

  void classifier_learns_with_adam() {
    // Two Gaussian blobs, an MLP built with Sequential; the loss must fall well below chance.
    Tensor x({40, 2}, Dtype::Float32);
    Tensor t({40}, Dtype::Int32);
    Tensor noise = ops::normal({40, 2}, 0, 0.3);
    for (int64_t n = 0; n < 40; ++n) {
      const int label = static_cast<int>(n % 2);
      t.data<int32_t>()[n] = label;
      x.data<float>()[n * 2] = static_cast<float>((label ? 1.0 : -1.0) + noise.at({n, 0}));
      x.data<float>()[n * 2 + 1] = static_cast<float>((label ? -1.0 : 1.0) + noise.at({n, 1}));
    }
    auto mlp = std::make_shared<Sequential>();
    mlp->append(std::make_shared<Linear>(8)).append(relu).append(std::make_shared<Linear>(2));
    Classifier model(mlp);
    Adam opt({.alpha = 0.05});
    model(x, t);  // creates the lazy weights before setup
    opt.setup(model);
    const double first = model(x, t).data().item();
    for (int i = 0; i < 40; ++i) opt.update([&] { return model(x, t); });
    const double last = model(x, t).data().item();
    QVERIFY2(last < 0.2 && last < first, qPrintable(QString("loss %1 -> %2").arg(first).arg(last)));
    QVERIFY(model.accuracy.data().item() > 0.95);
  }
};

QTEST_APPLESS_MAIN(TestLinksLayers)
#include "test_links_layers.moc"

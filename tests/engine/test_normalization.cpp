// Normalization functions: forward against loop references over float64 values, backward and
// double backward numerically, running statistics, and shape/dtype errors.
#include <QTest>

#include "engine/engine_test_support.h"
#include "kusari/functions/normalization.h"

using namespace kusari;
using namespace kusari::test_support;

namespace {
using Fn = testing::DifferentiableFn;

Shape to_shape(const QList<qint64>& l) { return Shape(l.begin(), l.end()); }
Tensor rnd(const Shape& s, double lo = -1, double hi = 1) { return ops::uniform(s, lo, hi, Dtype::Float64); }
double flat(const Tensor& t, int64_t i) { return t.contiguous().data<double>()[i]; }

// Views x as (outer, channels, inner) and normalizes each channel over outer and inner:
// batch normalization's statistics for gamma of `channels` elements.
struct BnReference {
  Tensor y, mean, var;  // var is the biased batch variance
};
BnReference bn_reference(const Tensor& x, const Tensor& gamma, const Tensor& beta, double eps) {
  const int64_t outer = x.shape()[0], channels = gamma.numel(), inner = x.numel() / std::max<int64_t>(outer * channels, 1);
  BnReference r{Tensor(x.shape(), Dtype::Float64), Tensor(gamma.shape(), Dtype::Float64),
                Tensor(gamma.shape(), Dtype::Float64)};
  for (int64_t c = 0; c < channels; ++c) {
    double s = 0, ss = 0;
    for (int64_t n = 0; n < outer; ++n)
      for (int64_t k = 0; k < inner; ++k) s += flat(x, (n * channels + c) * inner + k);
    const double m = s / (outer * inner);
    for (int64_t n = 0; n < outer; ++n)
      for (int64_t k = 0; k < inner; ++k) ss += std::pow(flat(x, (n * channels + c) * inner + k) - m, 2);
    const double v = ss / (outer * inner);
    r.mean.data<double>()[c] = m;
    r.var.data<double>()[c] = v;
    for (int64_t n = 0; n < outer; ++n)
      for (int64_t k = 0; k < inner; ++k) {
        int64_t i = (n * channels + c) * inner + k;
        r.y.data<double>()[i] = flat(gamma, c) * (flat(x, i) - m) / std::sqrt(v + eps) + flat(beta, c);
      }
  }
  return r;
}

template <typename F>
void expect_error(F f, const char* op) {
  try {
    f();
    QFAIL("no error thrown");
  } catch (const Error& e) {
    QVERIFY2(std::string(e.what()).find(op) != std::string::npos, e.what());
  }
}
}  // namespace

class TestNormalization : public QObject {
  Q_OBJECT
 private slots:
  void batch_normalization_forward_data() {
    QTest::addColumn<QList<qint64>>("x_shape");
    QTest::addColumn<QList<qint64>>("gamma_shape");
    QTest::newRow("(N, C)") << QList<qint64>{5, 3} << QList<qint64>{3};
    QTest::newRow("(N, C, H, W)") << QList<qint64>{2, 3, 2, 2} << QList<qint64>{3};
    QTest::newRow("gamma (C, H)") << QList<qint64>{3, 2, 3, 2} << QList<qint64>{2, 3};
  }
  void batch_normalization_forward() {
    QFETCH(QList<qint64>, x_shape);
    QFETCH(QList<qint64>, gamma_shape);
    Tensor x = rnd(to_shape(x_shape), -2, 3), gamma = rnd(to_shape(gamma_shape), 0.5, 1.5),
           beta = rnd(to_shape(gamma_shape));
    BnReference ref = bn_reference(x, gamma, beta, 2e-5);
    KUSARI_VERIFY_CLOSE(batch_normalization(x, gamma, beta).data(), ref.y, 1e-10, 1e-10);
    // float32 follows the same computation.
    Variable y32 = batch_normalization(x.astype(Dtype::Float32), gamma.astype(Dtype::Float32), beta.astype(Dtype::Float32));
    QCOMPARE(y32.dtype(), Dtype::Float32);
    KUSARI_VERIFY_CLOSE(y32.data(), ref.y, 1e-4, 1e-4);
  }

  void batch_normalization_running_statistics() {
    Tensor x = rnd({4, 3, 2}, -1, 2), gamma = rnd({3}, 0.5, 1.5), beta = rnd({3});
    Tensor rm0 = rnd({3}), rv0 = rnd({3}, 0.5, 1.5);
    Tensor rm = rm0.clone(), rv = rv0.clone();
    const Tensor rm_storage = rm;  // updated in place: the same storage sees the new values
    const double decay = 0.8;
    batch_normalization(x, gamma, beta, 2e-5, &rm, &rv, decay);
    BnReference ref = bn_reference(x, gamma, beta, 2e-5);
    const double m = 4 * 2;
    Tensor expect_mean = tensor_from({3}, [&](int64_t c) { return decay * flat(rm0, c) + (1 - decay) * flat(ref.mean, c); });
    Tensor expect_var = tensor_from(
        {3}, [&](int64_t c) { return decay * flat(rv0, c) + (1 - decay) * flat(ref.var, c) * m / (m - 1); });
    KUSARI_VERIFY_CLOSE(rm_storage, expect_mean, 1e-12, 1e-12);
    KUSARI_VERIFY_CLOSE(rv, expect_var, 1e-12, 1e-12);
    // A float32 running buffer keeps its dtype.
    Tensor rm32 = rm0.astype(Dtype::Float32);
    batch_normalization(x, gamma, beta, 2e-5, &rm32, nullptr, decay);
    QCOMPARE(rm32.dtype(), Dtype::Float32);
    KUSARI_VERIFY_CLOSE(rm32, expect_mean, 1e-6, 1e-6);
  }

  void batch_normalization_backward_data() {
    QTest::addColumn<QList<qint64>>("x_shape");
    QTest::addColumn<QList<qint64>>("gamma_shape");
    QTest::newRow("(N, C)") << QList<qint64>{4, 3} << QList<qint64>{3};
    QTest::newRow("(N, C, H)") << QList<qint64>{3, 2, 2} << QList<qint64>{2};
    QTest::newRow("gamma (C, H)") << QList<qint64>{3, 2, 2} << QList<qint64>{2, 2};
    QTest::newRow("no channels") << QList<qint64>{3, 0, 2} << QList<qint64>{0};
  }
  void batch_normalization_backward() {
    QFETCH(QList<qint64>, x_shape);
    QFETCH(QList<qint64>, gamma_shape);
    Tensor x = rnd(to_shape(x_shape), -2, 2), gamma = rnd(to_shape(gamma_shape), 0.5, 1.5),
           beta = rnd(to_shape(gamma_shape));
    Fn f = [](const std::vector<Variable>& v) { return std::vector<Variable>{batch_normalization(v[0], v[1], v[2])}; };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x, gamma, beta}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x, gamma, beta}, {1e-3, 1e-4, 1e-3}));
  }

  void fixed_batch_normalization_forward_and_backward() {
    Tensor x = rnd({3, 2, 2}), gamma = rnd({2}, 0.5, 1.5), beta = rnd({2}), mean = rnd({2}), var = rnd({2}, 0.5, 1.5);
    const double eps = 1e-3;
    Variable y = fixed_batch_normalization(x, gamma, beta, mean, var, eps);
    Tensor ref = tensor_from(x.shape(), [&](int64_t i) {
      int64_t c = (i / 2) % 2;
      return flat(gamma, c) * (flat(x, i) - flat(mean, c)) / std::sqrt(flat(var, c) + eps) + flat(beta, c);
    });
    KUSARI_VERIFY_CLOSE(y.data(), ref, 1e-12, 1e-12);
    Fn f = [eps](const std::vector<Variable>& v) {
      return std::vector<Variable>{fixed_batch_normalization(v[0], v[1], v[2], v[3], v[4], eps)};
    };
    for (const Shape& s : {Shape{3, 2, 2}, Shape{4, 2}, Shape{0, 2, 3}}) {
      std::vector<Tensor> in{rnd(s), rnd({2}, 0.5, 1.5), rnd({2}), rnd({2}), rnd({2}, 0.5, 1.5)};
      KUSARI_VERIFY_NO_ERROR(backward_error(f, in));
      KUSARI_VERIFY_NO_ERROR(double_backward_error(f, in));
    }
  }

  void layer_normalization_forward_and_backward() {
    Tensor x = rnd({3, 5}, -2, 2), gamma = rnd({5}, 0.5, 1.5), beta = rnd({5});
    const double eps = 1e-5;
    Tensor ref = tensor_from({3, 5}, [&](int64_t i) {
      int64_t n = i / 5;
      double m = 0, v = 0;
      for (int64_t c = 0; c < 5; ++c) m += flat(x, n * 5 + c) / 5;
      for (int64_t c = 0; c < 5; ++c) v += std::pow(flat(x, n * 5 + c) - m, 2) / 5;
      return (flat(x, i) - m) / std::sqrt(v + eps) * flat(gamma, i % 5) + flat(beta, i % 5);
    });
    KUSARI_VERIFY_CLOSE(layer_normalization(x, gamma, beta, eps).data(), ref, 1e-10, 1e-10);
    Fn f = [](const std::vector<Variable>& v) { return std::vector<Variable>{layer_normalization(v[0], v[1], v[2])}; };
    for (const Shape& s : {Shape{3, 4}, Shape{1, 3}, Shape{0, 4}}) {
      std::vector<Tensor> in{rnd(s, -2, 2), rnd({s[1]}, 0.5, 1.5), rnd({s[1]})};
      KUSARI_VERIFY_NO_ERROR(backward_error(f, in));
      KUSARI_VERIFY_NO_ERROR(double_backward_error(f, in, {1e-3, 1e-4, 1e-3}));
    }
  }

  void group_normalization_forward_and_backward() {
    const int64_t n = 2, channels = 4, groups = 2, spatial = 3;
    Tensor x = rnd({n, channels, spatial}, -2, 2), gamma = rnd({channels}, 0.5, 1.5), beta = rnd({channels});
    const double eps = 1e-5;
    const int64_t per_group = channels / groups * spatial;
    Tensor ref = tensor_from(x.shape(), [&](int64_t i) {
      int64_t sample = i / (channels * spatial), c = (i / spatial) % channels, g = c / (channels / groups);
      int64_t first = sample * channels * spatial + g * per_group;
      double m = 0, v = 0;
      for (int64_t k = 0; k < per_group; ++k) m += flat(x, first + k) / per_group;
      for (int64_t k = 0; k < per_group; ++k) v += std::pow(flat(x, first + k) - m, 2) / per_group;
      return (flat(x, i) - m) / std::sqrt(v + eps) * flat(gamma, c) + flat(beta, c);
    });
    KUSARI_VERIFY_CLOSE(group_normalization(x, groups, gamma, beta, eps).data(), ref, 1e-10, 1e-10);
    Fn f = [](const std::vector<Variable>& v) {
      return std::vector<Variable>{group_normalization(v[0], 2, v[1], v[2])};
    };
    for (const Shape& s : {Shape{2, 4, 2}, Shape{1, 2}, Shape{0, 4, 2}}) {
      std::vector<Tensor> in{rnd(s, -2, 2), rnd({s[1]}, 0.5, 1.5), rnd({s[1]})};
      KUSARI_VERIFY_NO_ERROR(backward_error(f, in));
    }
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {rnd({1, 4, 2}, -2, 2), rnd({4}, 0.5, 1.5), rnd({4})},
                                                 {1e-3, 1e-4, 1e-3}));
  }

  void local_response_normalization_forward_data() {
    QTest::addColumn<qint64>("n");
    QTest::newRow("n=5") << qint64(5);
    QTest::newRow("n=3") << qint64(3);
    QTest::newRow("n=1") << qint64(1);
    QTest::newRow("window wider than C") << qint64(9);
  }
  void local_response_normalization_forward() {
    QFETCH(qint64, n);
    const int64_t channels = 6, spatial = 2;
    const double k = 2, alpha = 0.1, beta = 0.75;
    Tensor x = rnd({2, channels, spatial}, -2, 2);
    Tensor ref = tensor_from(x.shape(), [&](int64_t i) {
      int64_t c = (i / spatial) % channels, base = i - c * spatial;
      double s = 0;
      for (int64_t j = std::max<int64_t>(0, c - n / 2); j <= std::min<int64_t>(channels - 1, c + n / 2); ++j)
        s += std::pow(flat(x, base + j * spatial), 2);
      return flat(x, i) * std::pow(k + alpha * s, -beta);
    });
    KUSARI_VERIFY_CLOSE(local_response_normalization(x, n, k, alpha, beta).data(), ref, 1e-12, 1e-12);
  }
  void local_response_normalization_backward() {
    Fn f = [](const std::vector<Variable>& v) {
      return std::vector<Variable>{local_response_normalization(v[0], 3, 1, 0.5, 0.75)};
    };
    for (const Shape& s : {Shape{2, 4, 2}, Shape{1, 1}, Shape{0, 3}}) {
      KUSARI_VERIFY_NO_ERROR(backward_error(f, {rnd(s, -2, 2)}));
      KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {rnd(s, -2, 2)}));
    }
  }

  void normalize_forward_and_backward_data() {
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<qint64>("axis");
    QTest::newRow("(N, C) axis 1") << QList<qint64>{3, 4} << qint64(1);
    QTest::newRow("(N, C, H) axis 0") << QList<qint64>{3, 2, 2} << qint64(0);
    QTest::newRow("axis -1") << QList<qint64>{2, 3, 4} << qint64(-1);
    QTest::newRow("empty") << QList<qint64>{0, 3} << qint64(1);
  }
  void normalize_forward_and_backward() {
    QFETCH(QList<qint64>, shape);
    QFETCH(qint64, axis);
    Shape s = to_shape(shape);
    const double eps = 1e-5;
    const int64_t a = axis < 0 ? axis + static_cast<int64_t>(s.size()) : axis;
    int64_t inner = 1;
    for (size_t d = a + 1; d < s.size(); ++d) inner *= s[d];
    Tensor x = rnd(s);
    Tensor ref = tensor_from(s, [&](int64_t i) {
      int64_t outer = i / (inner * s[a]), in = i % inner;
      double ss = 0;
      for (int64_t j = 0; j < s[a]; ++j) ss += std::pow(flat(x, (outer * s[a] + j) * inner + in), 2);
      return flat(x, i) / std::sqrt(ss + eps);
    });
    KUSARI_VERIFY_CLOSE(normalize(x, eps, axis).data(), ref, 1e-12, 1e-12);
    Fn f = [axis](const std::vector<Variable>& v) { return std::vector<Variable>{normalize(v[0], 1e-5, axis)}; };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
  }

  void bad_inputs_name_the_function() {
    Tensor x = rnd({4, 3}), g3 = rnd({3}), g2 = rnd({2});
    expect_error([&] { batch_normalization(x, g2, g2); }, "batch_normalization");
    expect_error([&] { batch_normalization(x, g3, g2); }, "batch_normalization");
    expect_error([&] { batch_normalization(x, g3.astype(Dtype::Float32), g3); }, "batch_normalization");
    Tensor bad_running = rnd({2});
    expect_error([&] { batch_normalization(x, g3, g3, 2e-5, &bad_running); }, "batch_normalization");
    expect_error([&] { fixed_batch_normalization(x, g3, g3, g3, g2); }, "fixed_batch_normalization");
    expect_error([&] { layer_normalization(rnd({2, 3, 4}), g3, g3); }, "layer_normalization");
    expect_error([&] { layer_normalization(x, g2, g2); }, "layer_normalization");
    expect_error([&] { group_normalization(rnd({2, 3, 2}), 2, g3, g3); }, "group_normalization");
    expect_error([&] { local_response_normalization(rnd({3}), 5); }, "local_response_normalization");
    expect_error([&] { normalize(x, 1e-5, 2); }, "normalize");
    expect_error([&] { normalize(ops::zeros({2, 2}, Dtype::Int64)); }, "normalize");
    try {
      batch_normalization(x, g2, g2);
    } catch (const ShapeError& e) {
      QVERIFY(std::string(e.what()).find("(4, 3)") != std::string::npos);
    }
  }
};

QTEST_APPLESS_MAIN(TestNormalization)
#include "test_normalization.moc"

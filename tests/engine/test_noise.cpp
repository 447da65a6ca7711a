// Noise functions: dropout's mask, scale and train/test behaviour, the Gaussian sample, and
// their gradients (with a fixed seed so that every evaluation draws the same noise).
#include <QTest>

#include "engine/engine_test_support.h"
#include "kusari/autograd/config.h"
#include "kusari/functions/noise.h"
#include "kusari/functions/reduction.h"

using namespace kusari;
using namespace kusari::test_support;

namespace {
double flat(const Tensor& t, int64_t i) { return t.astype(Dtype::Float64).contiguous().data<double>()[i]; }

}  // namespace

using kusari::test_support::expect_error;

class TestNoise : public QObject {
  Q_OBJECT
 private slots:
  void dropout_train_data() {
    QTest::addColumn<double>("ratio");
    QTest::addColumn<bool>("float32");
    for (double r : {0.0, 0.3, 0.5, 0.9})
      for (bool f32 : {false, true})
        QTest::newRow((std::to_string(r) + (f32 ? " float32" : " float64")).c_str()) << r << f32;
  }
  void dropout_train() {
    QFETCH(double, ratio);
    QFETCH(bool, float32);
    const int64_t n = 20000;
    Tensor x = ops::uniform({100, n / 100}, 1, 2, float32 ? Dtype::Float32 : Dtype::Float64);
    Tensor y = dropout(x, ratio).data();
    QCOMPARE(y.dtype(), x.dtype());
    QCOMPARE(y.shape(), x.shape());
    const double scale = 1 / (1 - ratio);
    int64_t kept = 0;
    Tensor xd = x.astype(Dtype::Float64).contiguous(), yd = y.astype(Dtype::Float64).contiguous();
    for (int64_t i = 0; i < n; ++i) {
      const double xi = xd.data<double>()[i], yi = yd.data<double>()[i];
      if (yi == 0) continue;
      ++kept;
      QVERIFY2(std::abs(yi - xi * scale) <= 1e-5 * std::abs(xi * scale), "kept unit not scaled by 1/(1-ratio)");
    }
    // Binomial(n, 1 - ratio): the standard deviation of the fraction is below 0.004 here.
    const double fraction = static_cast<double>(kept) / n;
    QVERIFY2(std::abs(fraction - (1 - ratio)) < 0.02, std::to_string(fraction).c_str());
  }

  void dropout_is_identity_outside_training() {
    Variable x(ops::normal({3, 4}, 0, 1, Dtype::Float64), true);
    UsingConfig test_mode(&Config::train, false);
    Variable y = dropout(x, 0.5);
    QVERIFY(y.is(x));
  }

  void dropout_gradient_uses_the_forward_mask() {
    Variable x(ops::uniform({50, 40}, 1, 2, Dtype::Float64), true);
    const double ratio = 0.4;
    Variable y = dropout(x, ratio);
    sum(y).backward();
    Tensor g = x.grad().data();
    int64_t dropped = 0;
    for (int64_t i = 0; i < x.numel(); ++i) {
      const double mask = flat(y.data(), i) / flat(x.data(), i);  // 0 or 1 / (1 - ratio)
      QVERIFY(std::abs(flat(g, i) - mask) < 1e-12);
      dropped += flat(y.data(), i) == 0;
    }
    QVERIFY(dropped > 0 && dropped < x.numel());
  }

  void dropout_backward() {
    auto f = [](const std::vector<Variable>& v) {
      ops::seed(1234);  // the same mask at every evaluation
      return std::vector<Variable>{dropout(v[0], 0.3)};
    };
    for (const Shape& s : {Shape{3, 4}, Shape{5}, Shape{0, 2}}) {
      Tensor x = ops::normal(s, 0, 1, Dtype::Float64);
      KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
      KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
    }
  }

  void gaussian_train() {
    const int64_t n = 4000;
    Tensor mean = ops::uniform({n}, -1, 1, Dtype::Float64), ln_var = ops::uniform({n}, -1, 1, Dtype::Float64);
    ops::seed(99);
    Tensor y = gaussian(mean, ln_var).data();
    ops::seed(99);
    Tensor eps = ops::normal({n}, 0, 1, Dtype::Float64);  // the draw gaussian made
    Tensor ref = tensor_from({n}, [&](int64_t i) { return flat(mean, i) + std::exp(flat(ln_var, i) / 2) * flat(eps, i); });
    KUSARI_VERIFY_CLOSE(y, ref, 1e-12, 1e-12);
    // The standardized noise (y - mean) / sigma has mean 0 and variance 1.
    double s = 0, ss = 0;
    for (int64_t i = 0; i < n; ++i) {
      const double z = (flat(y, i) - flat(mean, i)) / std::exp(flat(ln_var, i) / 2);
      s += z;
      ss += z * z;
    }
    QVERIFY(std::abs(s / n) < 0.1);
    QVERIFY(std::abs(ss / n - 1) < 0.1);
  }

  void gaussian_is_mean_outside_training() {
    Variable mean(ops::normal({3}, 0, 1, Dtype::Float64), true), ln_var(ops::normal({3}, 0, 1, Dtype::Float64));
    UsingConfig test_mode(&Config::train, false);
    QVERIFY(gaussian(mean, ln_var).is(mean));
  }

  void gaussian_backward() {
    auto f = [](const std::vector<Variable>& v) {
      ops::seed(4321);
      return std::vector<Variable>{gaussian(v[0], v[1])};
    };
    for (const Shape& s : {Shape{3, 2}, Shape{4}, Shape{0, 3}}) {
      std::vector<Tensor> in{ops::normal(s, 0, 1, Dtype::Float64), ops::normal(s, 0, 1, Dtype::Float64)};
      KUSARI_VERIFY_NO_ERROR(backward_error(f, in));
      KUSARI_VERIFY_NO_ERROR(double_backward_error(f, in));
    }
  }

  void bad_inputs_name_the_function() {
    Tensor x = ops::zeros({2, 3});
    expect_error<ValueError>([&] { dropout(x, 1.0); }, "dropout");
    expect_error<ValueError>([&] { dropout(x, -0.1); }, "dropout");
    expect_error<DtypeError>([&] { dropout(ops::zeros({2}, Dtype::Int32), 0.5); }, "dropout");
    expect_error<ShapeError>([&] { gaussian(x, ops::zeros({3})); }, "gaussian");
    expect_error<DtypeError>([&] { gaussian(x, ops::zeros({2, 3}, Dtype::Float64)); }, "gaussian");
  }
};

QTEST_APPLESS_MAIN(TestNoise)
#include "test_noise.moc"

// Initializers: sample statistics on large arrays against the scale Chainer's formulas give
// (fans recomputed here by hand), exact constant fills, orthogonality, seeding, bad shapes.
#include <QTest>
#include <cmath>

#include "engine/engine_test_support.h"
#include "kusari/initializers/initializers.h"

using namespace kusari;
using namespace kusari::initializers;
using namespace kusari::test_support;

namespace {

struct Stats {
  double mean = 0, std = 0, max_abs = 0;
};

Stats stats_of(const Tensor& t) {
  Tensor c = t.astype(Dtype::Float64).contiguous();
  const double* p = c.data<double>();
  const int64_t n = c.numel();
  Stats s;
  for (int64_t i = 0; i < n; ++i) s.mean += p[i];
  s.mean /= static_cast<double>(n);
  for (int64_t i = 0; i < n; ++i) {
    s.std += (p[i] - s.mean) * (p[i] - s.mean);
    s.max_abs = std::max(s.max_abs, std::abs(p[i]));
  }
  s.std = std::sqrt(s.std / static_cast<double>(n));
  return s;
}

std::shared_ptr<Initializer> make(const QString& name, double scale) {
  if (name == "Normal") return std::make_shared<Normal>(scale);
  if (name == "LeCunNormal") return std::make_shared<LeCunNormal>(scale);
  if (name == "GlorotNormal") return std::make_shared<GlorotNormal>(scale);
  if (name == "HeNormal") return std::make_shared<HeNormal>(scale);
  if (name == "HeNormalFanOut") return std::make_shared<HeNormal>(scale, FanOption::FanOut);
  if (name == "Uniform") return std::make_shared<Uniform>(scale);
  return std::make_shared<GlorotUniform>(scale);
}

}  // namespace

class TestInitializers : public QObject {
  Q_OBJECT
 private slots:
  void statistics_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("scale");
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<int>("dtype");
    QTest::addColumn<double>("fan_in");
    QTest::addColumn<double>("fan_out");
    const QList<qint64> dense{400, 500}, conv{64, 32, 5, 5};
    for (const char* n : {"Normal", "LeCunNormal", "GlorotNormal", "HeNormal", "HeNormalFanOut", "Uniform", "GlorotUniform"}) {
      QTest::newRow((std::string(n) + " dense f32").c_str()) << n << 1.0 << dense << int(Dtype::Float32) << 500.0 << 400.0;
      QTest::newRow((std::string(n) + " conv f64 scale 2").c_str())
          << n << 2.0 << conv << int(Dtype::Float64) << 32.0 * 25 << 64.0 * 25;
    }
  }
  void statistics() {
    QFETCH(QString, name);
    QFETCH(double, scale);
    QFETCH(QList<qint64>, shape);
    QFETCH(int, dtype);
    QFETCH(double, fan_in);
    QFETCH(double, fan_out);
    ops::seed(7);
    Tensor t(Shape(shape.begin(), shape.end()), static_cast<Dtype>(dtype));
    (*make(name, scale))(t);
    QCOMPARE(t.dtype(), static_cast<Dtype>(dtype));
    double expected_std = 0, bound = 0;
    if (name == "Normal") expected_std = scale;
    if (name == "LeCunNormal") expected_std = scale * std::sqrt(1 / fan_in);
    if (name == "GlorotNormal") expected_std = scale * std::sqrt(2 / (fan_in + fan_out));
    if (name == "HeNormal") expected_std = scale * std::sqrt(2 / fan_in);
    if (name == "HeNormalFanOut") expected_std = scale * std::sqrt(2 / fan_out);
    if (name == "Uniform") bound = scale;
    if (name == "GlorotUniform") bound = scale * std::sqrt(6 / (fan_in + fan_out));
    if (bound > 0) expected_std = bound / std::sqrt(3.0);
    Stats s = stats_of(t);
    QVERIFY2(std::abs(s.mean) < 0.02 * expected_std, qPrintable(QString("mean %1").arg(s.mean)));
    QVERIFY2(std::abs(s.std - expected_std) < 0.02 * expected_std,
             qPrintable(QString("std %1 expected %2").arg(s.std).arg(expected_std)));
    if (bound > 0) {
      QVERIFY(s.max_abs <= bound);
      QVERIFY(s.max_abs > 0.99 * bound);
    }
  }

  void constants_fill_exactly() {
    for (Dtype d : {Dtype::Float32, Dtype::Float64}) {
      Tensor t({3, 4}, d);
      Constant(-2.5)(t);
      KUSARI_VERIFY_CLOSE(t, tensor_from({3, 4}, [](int64_t) { return -2.5; }), 0, 0);
      Zero()(t);
      KUSARI_VERIFY_CLOSE(t, tensor_from({3, 4}, [](int64_t) { return 0.0; }), 0, 0);
      One()(t);
      KUSARI_VERIFY_CLOSE(t, tensor_from({3, 4}, [](int64_t) { return 1.0; }), 0, 0);
    }
    Tensor scalar(Shape{}, Dtype::Float32);
    Constant(3)(scalar);
    QCOMPARE(scalar.item(), 3.0);
  }

  void orthogonal_data() {
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<double>("scale");
    QTest::newRow("wide") << QList<qint64>{30, 50} << 1.0;
    QTest::newRow("square default scale") << QList<qint64>{20, 20} << 1.1;
    QTest::newRow("tall") << QList<qint64>{50, 30} << 1.0;
    QTest::newRow("conv") << QList<qint64>{8, 2, 3, 3} << 1.0;
  }
  void orthogonal() {
    QFETCH(QList<qint64>, shape);
    QFETCH(double, scale);
    Tensor t(Shape(shape.begin(), shape.end()), Dtype::Float64);
    Orthogonal{scale}(t);
    const int64_t rows = shape[0], cols = t.numel() / rows;
    Tensor w = t.reshape({rows, cols}).contiguous();
    const double* p = w.data<double>();
    // W W^T = scale^2 I when rows <= cols, else W^T W = scale^2 I; dot products by hand.
    const bool by_rows = rows <= cols;
    const int64_t count = by_rows ? rows : cols, len = by_rows ? cols : rows;
    auto at = [&](int64_t vec, int64_t k) { return by_rows ? p[vec * cols + k] : p[k * cols + vec]; };
    for (int64_t i = 0; i < count; ++i)
      for (int64_t j = 0; j < count; ++j) {
        double dot = 0;
        for (int64_t k = 0; k < len; ++k) dot += at(i, k) * at(j, k);
        const double expected = i == j ? scale * scale : 0.0;
        QVERIFY2(std::abs(dot - expected) < 1e-10, qPrintable(QString("(%1, %2): %3").arg(i).arg(j).arg(dot)));
      }
  }

  void orthogonal_float32() {
    Tensor t({16, 32}, Dtype::Float32);
    Orthogonal(1.0)(t);
    Tensor w = t.astype(Dtype::Float64);
    Tensor wwt = ops::matmul(w, w, false, true);
    KUSARI_VERIFY_CLOSE(wwt, ops::eye(16, -1, 0, Dtype::Float64), 1e-5, 0);
  }

  void seeding_repeats_draws() {
    Tensor a(Shape{10, 10}, Dtype::Float32), b(Shape{10, 10}, Dtype::Float32);
    ops::seed(42);
    LeCunNormal()(a);
    ops::seed(42);
    LeCunNormal()(b);
    KUSARI_VERIFY_CLOSE(a, b, 0, 0);
    LeCunNormal()(b);
    QVERIFY(!allclose(a, b, 0, 0));
  }

  void fans() {
    auto [fi, fo] = get_fans({6, 4, 3, 2});
    QCOMPARE(fi, 24.0);
    QCOMPARE(fo, 36.0);
    Tensor v({5}, Dtype::Float32);
    try {
      LeCunNormal()(v);
      QFAIL("no error");
    } catch (const ValueError& e) {
      QVERIFY(std::string(e.what()).find("get_fans") != std::string::npos);
      QVERIFY(std::string(e.what()).find("(5,)") != std::string::npos);
    }
  }

  void generate_array_uses_dtype() {
    Tensor t = generate_array(Constant(1.5), {2, 3}, Dtype::Float64);
    QCOMPARE(t.dtype(), Dtype::Float64);
    QCOMPARE(t.shape(), (Shape{2, 3}));
    QCOMPARE(t.at({1, 2}), 1.5);
  }
};

QTEST_APPLESS_MAIN(TestInitializers)
#include "test_initializers.moc"

// Elementwise math functions: forward against std:: in float64 and float32, backward and
// double backward numerically in float64 on inputs inside each function's domain.
// Adding a function: one row in kUnaryCases (its kusari function, its std:: reference, and
// an input range where it is smooth).
#include <QTest>
#include <cmath>

#include "engine/engine_test_support.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/math.h"
#include "kusari/functions/reduction.h"

using namespace kusari;
using namespace kusari::test_support;

namespace {

struct UnaryCase {
  const char* name;
  Variable (*fn)(const Variable&);
  double (*ref)(double);
  double lo, hi;  // inputs are drawn from (lo, hi), or +-(lo, hi) when symmetric
  bool symmetric = false;
};

const UnaryCase kUnaryCases[] = {
    {"exp", kusari::exp, [](double v) { return std::exp(v); }, -2, 2},
    {"log", kusari::log, [](double v) { return std::log(v); }, 0.5, 2},
    {"log2", kusari::log2, [](double v) { return std::log2(v); }, 0.5, 2},
    {"log10", kusari::log10, [](double v) { return std::log10(v); }, 0.5, 2},
    {"log1p", kusari::log1p, [](double v) { return std::log1p(v); }, -0.5, 2},
    {"expm1", kusari::expm1, [](double v) { return std::expm1(v); }, -2, 2},
    {"sqrt", kusari::sqrt, [](double v) { return std::sqrt(v); }, 0.5, 2},
    {"rsqrt", kusari::rsqrt, [](double v) { return 1.0 / std::sqrt(v); }, 0.5, 2},
    {"square", kusari::square, [](double v) { return v * v; }, -2, 2},
    {"absolute", kusari::absolute, [](double v) { return std::abs(v); }, 0.2, 2, true},  // away from the kink
    {"sin", kusari::sin, [](double v) { return std::sin(v); }, -3, 3},
    {"cos", kusari::cos, [](double v) { return std::cos(v); }, -3, 3},
    {"tan", kusari::tan, [](double v) { return std::tan(v); }, -1.2, 1.2},
    {"tanh", kusari::tanh, [](double v) { return std::tanh(v); }, -2, 2},
    {"arctan", kusari::arctan, [](double v) { return std::atan(v); }, -3, 3},
    {"sinh", kusari::sinh, [](double v) { return std::sinh(v); }, -2, 2},
    {"cosh", kusari::cosh, [](double v) { return std::cosh(v); }, -2, 2},
    {"erf", kusari::erf, [](double v) { return std::erf(v); }, -2, 2},
};

const UnaryCase& unary_case(const QString& name) {
  for (const UnaryCase& c : kUnaryCases)
    if (name == c.name) return c;
  throw std::runtime_error("no case " + name.toStdString());
}

Tensor domain_input(const UnaryCase& c, const Shape& shape, Dtype dtype) {
  Tensor x = ops::uniform(shape, c.lo, c.hi, Dtype::Float64);
  if (c.symmetric) {
    const double* p = x.data<double>();
    x = tensor_from(shape, [&](int64_t i) { return i % 2 ? -p[i] : p[i]; });
  }
  return x.astype(dtype);
}

Shape to_shape(const QList<qint64>& l) { return Shape(l.begin(), l.end()); }

}  // namespace

class TestMathElementwise : public QObject {
  Q_OBJECT
 private slots:
  void forward_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("float32");
    for (const UnaryCase& c : kUnaryCases) {
      QTest::newRow((std::string(c.name) + " float64").c_str()) << c.name << false;
      QTest::newRow((std::string(c.name) + " float32").c_str()) << c.name << true;
    }
  }
  void forward() {
    QFETCH(QString, name);
    QFETCH(bool, float32);
    const UnaryCase& c = unary_case(name);
    Tensor x = domain_input(c, {3, 4}, float32 ? Dtype::Float32 : Dtype::Float64);
    Variable y = c.fn(Variable(x));
    QCOMPARE(y.dtype(), x.dtype());
    // Strided input too: the transposed view goes through the kernel's strided loop.
    Variable yt = c.fn(Variable(x.transpose()));
    if (float32) {
      KUSARI_VERIFY_CLOSE(y.data(), map_reference(x, c.ref), 1e-6, 1e-5);
      KUSARI_VERIFY_CLOSE(yt.data(), map_reference(x.transpose(), c.ref), 1e-6, 1e-5);
    } else {
      KUSARI_VERIFY_CLOSE(y.data(), map_reference(x, c.ref), 1e-14, 1e-13);
      KUSARI_VERIFY_CLOSE(yt.data(), map_reference(x.transpose(), c.ref), 1e-14, 1e-13);
    }
  }

  void backward_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QList<qint64>>("shape");
    for (const UnaryCase& c : kUnaryCases) {
      QTest::newRow((std::string(c.name) + " (2, 3)").c_str()) << c.name << QList<qint64>{2, 3};
      QTest::newRow((std::string(c.name) + " ()").c_str()) << c.name << QList<qint64>{};
      QTest::newRow((std::string(c.name) + " (0, 3)").c_str()) << c.name << QList<qint64>{0, 3};
    }
  }
  void backward() {
    QFETCH(QString, name);
    QFETCH(QList<qint64>, shape);
    const UnaryCase& c = unary_case(name);
    Tensor x = domain_input(c, to_shape(shape), Dtype::Float64);
    auto f = [&c](const std::vector<Variable>& in) { return std::vector<Variable>{c.fn(in[0])}; };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
  }

  void integer_input_is_a_dtype_error() {
    Variable xi(ops::ones({2}, Dtype::Int32));
    for (const UnaryCase& c : kUnaryCases) {
      try {
        (void)c.fn(xi);
        QFAIL((std::string(c.name) + ": no error").c_str());
      } catch (const DtypeError& e) {
        QVERIFY2(std::string(e.what()).find(c.name) != std::string::npos, e.what());
        QVERIFY2(std::string(e.what()).find("int32") != std::string::npos, e.what());
      }
    }
  }

  void absolute_gradient_at_zero_is_zero() {
    Variable x(ops::zeros({3}, Dtype::Float64), true);
    sum(absolute(x)).backward();
    KUSARI_VERIFY_CLOSE(x.grad().data(), ops::zeros({3}, Dtype::Float64), 0, 0);
  }

  void clip_forward() {
    for (Dtype d : {Dtype::Float32, Dtype::Float64}) {
      Tensor x = ops::uniform({4, 5}, -2, 2, Dtype::Float64).astype(d);
      Variable y = clip(Variable(x), -0.5, 1.25);
      QCOMPARE(y.dtype(), d);
      KUSARI_VERIFY_CLOSE(y.data(), map_reference(x, [](double v) { return v < -0.5 ? -0.5 : (v > 1.25 ? 1.25 : v); }),
                          0, 0);
    }
  }

  void clip_backward_data() {
    QTest::addColumn<QList<qint64>>("shape");
    QTest::newRow("(3, 5)") << QList<qint64>{3, 5};
    QTest::newRow("(7,)") << QList<qint64>{7};
    QTest::newRow("(0, 2)") << QList<qint64>{0, 2};
  }
  void clip_backward() {
    QFETCH(QList<qint64>, shape);
    // A grid that never comes within 0.01 of the bounds, so central differences stay on one side.
    Tensor x = tensor_from(to_shape(shape), [](int64_t i) { return -1.93 + 0.29 * static_cast<double>(i % 14); });
    auto f = [](const std::vector<Variable>& in) { return std::vector<Variable>{clip(in[0], -1.0, 1.0)}; };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
  }

  void clip_gradient_mask() {
    // Exactly on a bound the gradient is zero (x_min < x < x_max passes it, as in Chainer).
    Tensor x = ops::from_vector<double>({-2, -1, -0.5, 0, 0.5, 1, 2}, {7});
    Variable v(x, true);
    sum(clip(v, -1, 1)).backward();
    KUSARI_VERIFY_CLOSE(v.grad().data(), map_reference(x, [](double t) { return t > -1 && t < 1 ? 1.0 : 0.0; }), 0, 0);
  }

  void clip_bad_bounds() {
    Variable x(ops::zeros({2}));
    QVERIFY_THROWS_EXCEPTION(ValueError, clip(x, 1.0, -1.0));
    try {
      (void)clip(Variable(ops::zeros({2}, Dtype::Int64)), 0, 1);
      QFAIL("no error");
    } catch (const DtypeError& e) {
      QVERIFY(std::string(e.what()).find("clip") != std::string::npos);
    }
  }
};

QTEST_APPLESS_MAIN(TestMathElementwise)
#include "test_math_elementwise.moc"

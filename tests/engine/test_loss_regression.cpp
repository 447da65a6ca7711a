// Regression losses: mean_squared_error, mean_absolute_error, huber_loss. Forward against
// float64 loops, backward and double backward numerically. Inputs keep away from the kinks
// (diff = 0 for the absolute error, |diff| = delta for Huber) so central differences are valid.
#include <QTest>
#include <cmath>

#include "engine/loss_test_support.h"
#include "kusari/functions/loss.h"

using namespace kusari;
using namespace kusari::test_support;
using namespace kusari::loss_test;

namespace {

// x1 = x0 - d where |d| keeps at least `gap` away from every value in `kinks`.
Tensor shifted_away(const Tensor& x0, std::initializer_list<double> kinks, double gap) {
  Tensor d = ops::uniform(x0.shape(), -2, 2, Dtype::Float64).contiguous();
  double* p = d.data<double>();
  for (int64_t i = 0; i < d.numel(); ++i)
    for (double k : kinks)
      if (std::abs(std::abs(p[i]) - k) < gap) p[i] = p[i] < 0 ? -(k + 2 * gap) : k + 2 * gap;
  return ops::sub(x0, d);
}

void add_shape_rows() {
  QTest::addColumn<QList<qint64>>("shape");
  QTest::newRow("1d") << QList<qint64>{5};
  QTest::newRow("2d") << QList<qint64>{3, 4};
  QTest::newRow("3d") << QList<qint64>{2, 3, 2};
}

std::vector<Variable> one(const Variable& v) { return {v}; }

}  // namespace

class TestLossRegression : public QObject {
  Q_OBJECT
 private slots:
  void mean_squared_error_data() { add_shape_rows(); }
  void mean_squared_error() {
    QFETCH(QList<qint64>, shape);
    const Shape s = to_shape(shape);
    Tensor a = ops::normal(s, 0, 1, Dtype::Float64), b = ops::normal(s, 0, 1, Dtype::Float64);
    std::vector<double> av = values(a), bv = values(b);
    double ref = 0;
    for (size_t i = 0; i < av.size(); ++i) ref += (av[i] - bv[i]) * (av[i] - bv[i]);
    ref /= static_cast<double>(av.size());
    Variable y = kusari::mean_squared_error(Variable(a), Variable(b));
    QCOMPARE(y.shape(), Shape{});
    KUSARI_VERIFY_CLOSE(y.data(), ops::scalar(ref, Dtype::Float64), 1e-12, 1e-12);
    Variable y32 = kusari::mean_squared_error(Variable(a.astype(Dtype::Float32)), Variable(b.astype(Dtype::Float32)));
    QCOMPARE(y32.dtype(), Dtype::Float32);
    KUSARI_VERIFY_CLOSE(y32.data(), ops::scalar(ref, Dtype::Float64), 1e-5, 1e-5);
    auto f = [](const std::vector<Variable>& x) { return one(kusari::mean_squared_error(x[0], x[1])); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {a, b}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {a, b}));
  }

  void mean_absolute_error_data() { add_shape_rows(); }
  void mean_absolute_error() {
    QFETCH(QList<qint64>, shape);
    const Shape s = to_shape(shape);
    Tensor a = ops::normal(s, 0, 1, Dtype::Float64);
    Tensor b = shifted_away(a, {0.0}, 0.05);
    std::vector<double> av = values(a), bv = values(b);
    double ref = 0;
    for (size_t i = 0; i < av.size(); ++i) ref += std::abs(av[i] - bv[i]);
    ref /= static_cast<double>(av.size());
    Variable y = kusari::mean_absolute_error(Variable(a), Variable(b));
    KUSARI_VERIFY_CLOSE(y.data(), ops::scalar(ref, Dtype::Float64), 1e-12, 1e-12);
    auto f = [](const std::vector<Variable>& x) { return one(kusari::mean_absolute_error(x[0], x[1])); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {a, b}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {a, b}));
  }

  void huber_loss_data() {
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<double>("delta");
    QTest::addColumn<QString>("reduce");
    QTest::newRow("2d sum axis 1") << QList<qint64>{4, 3} << 1.0 << "sum_along_second_axis";
    QTest::newRow("3d sum axis 1") << QList<qint64>{2, 3, 2} << 0.5 << "sum_along_second_axis";
    QTest::newRow("2d no") << QList<qint64>{3, 4} << 1.0 << "no";
    QTest::newRow("1d no") << QList<qint64>{6} << 0.7 << "no";
    QTest::newRow("empty sum axis 1") << QList<qint64>{0, 3} << 1.0 << "sum_along_second_axis";
  }
  void huber_loss() {
    QFETCH(QList<qint64>, shape);
    QFETCH(double, delta);
    QFETCH(QString, reduce);
    const Shape s = to_shape(shape);
    const std::string red = reduce.toStdString();
    Tensor x = ops::normal(s, 0, 1, Dtype::Float64);
    Tensor t = shifted_away(x, {delta}, 0.05);
    std::vector<double> xv = values(x), tv = values(t);
    auto h = [&](int64_t i) {
      const double d = xv[i] - tv[i];
      return std::abs(d) <= delta ? 0.5 * d * d : delta * (std::abs(d) - 0.5 * delta);
    };
    Tensor ref;
    if (red == "no") {
      ref = tensor_from(s, h);
    } else {
      const int64_t N = s[0], K = s[1], R = N * K == 0 ? 1 : x.numel() / (N * K);
      Shape rs = s;
      rs.erase(rs.begin() + 1);
      ref = tensor_from(rs, [&](int64_t i) {
        double acc = 0;
        for (int64_t k = 0; k < K; ++k) acc += h(((i / R) * K + k) * R + i % R);
        return acc;
      });
    }
    Variable y = kusari::huber_loss(Variable(x), Variable(t), delta, red);
    KUSARI_VERIFY_CLOSE(y.data(), ref, 1e-12, 1e-12);
    auto f = [&](const std::vector<Variable>& in) { return one(kusari::huber_loss(in[0], in[1], delta, red)); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x, t}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x, t}));
  }

  void errors() {
    Variable a(ops::zeros({2, 3})), b(ops::zeros({3, 2}));
    KUSARI_VERIFY_THROWS(ShapeError, kusari::mean_squared_error(a, b), "mean_squared_error", "(2, 3)", "(3, 2)");
    KUSARI_VERIFY_THROWS(DtypeError, kusari::mean_squared_error(a, Variable(ops::zeros({2, 3}, Dtype::Float64))),
                         "mean_squared_error", "dtype");
    KUSARI_VERIFY_THROWS(ShapeError, kusari::mean_absolute_error(a, b), "mean_absolute_error", "(2, 3)", "(3, 2)");
    KUSARI_VERIFY_THROWS(ShapeError, kusari::huber_loss(a, b, 1.0), "huber_loss", "(2, 3)", "(3, 2)");
    KUSARI_VERIFY_THROWS(ShapeError, kusari::huber_loss(Variable(ops::zeros({3})), Variable(ops::zeros({3})), 1.0),
                         "huber_loss", "(3,)");
    KUSARI_VERIFY_THROWS(ValueError, kusari::huber_loss(a, a, 1.0, "mean"), "huber_loss", "reduce");
  }
};

QTEST_APPLESS_MAIN(TestLossRegression)
#include "test_loss_regression.moc"

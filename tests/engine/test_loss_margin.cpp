// Margin losses: hinge and contrastive. Forward against float64 loops, backward and double
// backward numerically; inputs are moved off the hinge points so central differences hold.
#include <QTest>
#include <cmath>

#include "engine/loss_test_support.h"
#include "kusari/functions/loss.h"

using namespace kusari;
using namespace kusari::test_support;
using namespace kusari::loss_test;

class TestLossMargin : public QObject {
  Q_OBJECT
 private slots:
  void hinge_data() {
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<QString>("norm");
    QTest::addColumn<QString>("reduce");
    QTest::newRow("L1 mean") << QList<qint64>{4, 3} << "L1" << "mean";
    QTest::newRow("L2 mean") << QList<qint64>{4, 3} << "L2" << "mean";
    QTest::newRow("L1 no") << QList<qint64>{5, 2} << "L1" << "no";
    QTest::newRow("L2 no") << QList<qint64>{3, 4} << "L2" << "no";
    QTest::newRow("L2 empty no") << QList<qint64>{0, 3} << "L2" << "no";
  }
  void hinge() {
    QFETCH(QList<qint64>, shape);
    QFETCH(QString, norm);
    QFETCH(QString, reduce);
    const Shape s = to_shape(shape);
    const int64_t N = s[0], K = s[1];
    const std::string nm = norm.toStdString(), red = reduce.toStdString();
    Tensor t = random_labels({N}, K, N % 2 ? Dtype::Int32 : Dtype::Int64);
    std::vector<double> tv = values(t);
    Tensor x = ops::uniform(s, -2, 2, Dtype::Float64).contiguous();
    double* xp = x.data<double>();
    auto sign = [&](int64_t i) { return static_cast<int64_t>(tv[i / K]) == i % K ? -1.0 : 1.0; };
    for (int64_t i = 0; i < x.numel(); ++i)
      if (std::abs(1 + sign(i) * xp[i]) < 0.05) xp[i] += sign(i) * 0.1;  // off the kink at margin 0
    double sum = 0;
    Tensor ref = tensor_from(s, [&](int64_t i) {
      const double b = std::max(0.0, 1 + sign(i) * xp[i]);
      const double l = nm == "L1" ? b : b * b;
      sum += l;
      return l;
    });
    Variable y = kusari::hinge(Variable(x), t, nm, red);
    if (red == "mean")
      KUSARI_VERIFY_CLOSE(y.data(), ops::scalar(sum / static_cast<double>(N), Dtype::Float64), 1e-12, 1e-12);
    else
      KUSARI_VERIFY_CLOSE(y.data(), ref, 1e-12, 1e-12);
    auto f = [&](const std::vector<Variable>& in) {
      return std::vector<Variable>{kusari::hinge(in[0], in[1].data(), nm, red)};
    };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x, t}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x, t}));
  }

  void hinge_errors() {
    Variable x(ops::zeros({3, 4}));
    KUSARI_VERIFY_THROWS(ShapeError, kusari::hinge(x, ops::zeros({2}, Dtype::Int32)), "hinge", "(3, 4)", "(2,)");
    KUSARI_VERIFY_THROWS(ShapeError, kusari::hinge(Variable(ops::zeros({3})), ops::zeros({3}, Dtype::Int32)), "hinge",
                         "(3,)");
    KUSARI_VERIFY_THROWS(ValueError, kusari::hinge(x, ops::from_vector<int32_t>({0, 1, 4}, {3})), "hinge", "found 4");
    KUSARI_VERIFY_THROWS(ValueError, kusari::hinge(x, ops::zeros({3}, Dtype::Int32), "L3"), "hinge", "norm");
    KUSARI_VERIFY_THROWS(DtypeError, kusari::hinge(x, ops::zeros({3})), "hinge");
  }

  void contrastive_data() {
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<QString>("reduce");
    QTest::newRow("mean") << QList<qint64>{6, 3} << "mean";
    QTest::newRow("no") << QList<qint64>{5, 2} << "no";
    QTest::newRow("one feature") << QList<qint64>{4, 1} << "mean";
  }
  void contrastive() {
    QFETCH(QList<qint64>, shape);
    QFETCH(QString, reduce);
    const Shape s = to_shape(shape);
    const int64_t N = s[0], K = s[1];
    const std::string red = reduce.toStdString();
    Tensor x0 = ops::uniform(s, -1, 1, Dtype::Float64), x1 = ops::uniform(s, -1, 1, Dtype::Float64);
    Tensor y = random_labels({N}, 2, Dtype::Int32);
    std::vector<double> a = values(x0), b = values(x1), yv = values(y), dist(N);
    for (int64_t n = 0; n < N; ++n) {
      double d2 = 0;
      for (int64_t k = 0; k < K; ++k) d2 += (a[n * K + k] - b[n * K + k]) * (a[n * K + k] - b[n * K + k]);
      dist[n] = std::sqrt(d2);
    }
    double margin = 1.0;  // keep every distance off the hinge point d = margin
    for (bool near = true; near;) {
      near = false;
      for (double d : dist) near = near || std::abs(margin - d) < 0.05;
      if (near) margin += 0.1;
    }
    double sum = 0;
    Tensor ref = tensor_from({N}, [&](int64_t n) {
      const double md = std::max(margin - dist[n], 0.0);
      const double l = 0.5 * (yv[n] * dist[n] * dist[n] + (1 - yv[n]) * md * md);
      sum += l;
      return l;
    });
    Variable out = kusari::contrastive(Variable(x0), Variable(x1), y, margin, red);
    if (red == "mean")
      KUSARI_VERIFY_CLOSE(out.data(), ops::scalar(sum / static_cast<double>(N), Dtype::Float64), 1e-12, 1e-12);
    else
      KUSARI_VERIFY_CLOSE(out.data(), ref, 1e-12, 1e-12);
    auto f = [&](const std::vector<Variable>& in) {
      return std::vector<Variable>{kusari::contrastive(in[0], in[1], in[2].data(), margin, red)};
    };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x0, x1, y}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x0, x1, y}));
  }

  void contrastive_identical_pairs_have_finite_gradient() {
    Tensor x = ops::uniform({3, 2}, -1, 1, Dtype::Float64);
    Variable x0(x, true), x1(x.clone(), true);
    kusari::contrastive(x0, x1, ops::from_vector<int32_t>({0, 1, 0}, {3})).backward();
    QVERIFY(ops::all_finite(x0.grad().data()));
    KUSARI_VERIFY_CLOSE(x0.grad().data(), ops::zeros({3, 2}, Dtype::Float64), 1e-12, 0);
  }

  void contrastive_errors() {
    Variable a(ops::zeros({3, 2})), b(ops::zeros({3, 3}));
    Tensor y = ops::zeros({3}, Dtype::Int32);
    KUSARI_VERIFY_THROWS(ShapeError, kusari::contrastive(a, b, y), "contrastive", "(3, 2)", "(3, 3)");
    KUSARI_VERIFY_THROWS(ShapeError, kusari::contrastive(a, a, ops::zeros({2}, Dtype::Int32)), "contrastive", "(2,)");
    KUSARI_VERIFY_THROWS(ValueError, kusari::contrastive(a, a, y, -1.0), "contrastive", "margin");
    KUSARI_VERIFY_THROWS(ValueError, kusari::contrastive(a, a, y, 1.0, "sum"), "contrastive", "reduce");
  }
};

QTEST_APPLESS_MAIN(TestLossMargin)
#include "test_loss_margin.moc"

// Cross-entropy losses: softmax_cross_entropy and sigmoid_cross_entropy. Forward against
// float64 loops written here, backward and double backward numerically with int labels.
#include <QTest>
#include <cmath>

#include "engine/loss_test_support.h"
#include "kusari/functions/loss.h"

using namespace kusari;
using namespace kusari::test_support;
using namespace kusari::loss_test;

namespace {

// Per-(n, r) loss of softmax cross entropy on x (N, C, r...), 0 where t == ignore.
std::vector<double> softmax_ce_reference(const Tensor& x, const Tensor& t, int64_t ignore, const Tensor& weight) {
  const int64_t N = x.shape()[0], C = x.shape()[1];
  const int64_t R = N * C == 0 ? 0 : x.numel() / (N * C);
  std::vector<double> xs = values(x), ts = values(t), ws = weight.defined() ? values(weight) : std::vector<double>();
  std::vector<double> loss(t.numel(), 0.0);
  for (int64_t n = 0; n < N; ++n)
    for (int64_t r = 0; r < R; ++r) {
      const int64_t label = static_cast<int64_t>(ts[n * R + r]);
      if (label == ignore) continue;
      double m = -INFINITY;
      for (int64_t c = 0; c < C; ++c) m = std::max(m, xs[(n * C + c) * R + r]);
      double s = 0;
      for (int64_t c = 0; c < C; ++c) s += std::exp(xs[(n * C + c) * R + r] - m);
      const double log_p = xs[(n * C + label) * R + r] - m - std::log(s);
      loss[n * R + r] = -(ws.empty() ? 1.0 : ws[label]) * log_p;
    }
  return loss;
}

double reduce_mean(const std::vector<double>& loss, const Tensor& t, int64_t ignore, bool normalize, int64_t n) {
  double sum = 0, count = 0;
  std::vector<double> ts = values(t);
  for (size_t i = 0; i < loss.size(); ++i) {
    sum += loss[i];
    count += ts[i] != static_cast<double>(ignore);
  }
  if (!normalize) count = static_cast<double>(n);
  return sum / std::max(count, 1.0);
}

}  // namespace

class TestLoss : public QObject {
  Q_OBJECT
 private slots:
  void softmax_cross_entropy_data() {
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<bool>("int64_labels");
    QTest::addColumn<double>("ignore_fraction");
    QTest::addColumn<qint64>("ignore_label");
    QTest::addColumn<bool>("weighted");
    QTest::addColumn<bool>("normalize");
    QTest::addColumn<QString>("reduce");
    QTest::newRow("2d") << QList<qint64>{4, 3} << false << 0.0 << qint64(-1) << false << true << "mean";
    QTest::newRow("2d ignored") << QList<qint64>{6, 3} << true << 0.4 << qint64(-1) << false << true << "mean";
    QTest::newRow("2d ignored unnormalized") << QList<qint64>{6, 3} << false << 0.4 << qint64(-1) << false << false << "mean";
    QTest::newRow("ignore label is a class") << QList<qint64>{6, 3} << true << 0.0 << qint64(1) << false << true << "mean";
    QTest::newRow("4d weighted") << QList<qint64>{2, 3, 2, 2} << false << 0.3 << qint64(-1) << true << true << "mean";
    QTest::newRow("3d no") << QList<qint64>{2, 4, 3} << true << 0.3 << qint64(-1) << false << true << "no";
    QTest::newRow("2d weighted no") << QList<qint64>{3, 4} << false << 0.3 << qint64(-1) << true << true << "no";
    QTest::newRow("all ignored") << QList<qint64>{3, 2} << false << 1.0 << qint64(-1) << false << true << "mean";
    QTest::newRow("empty batch") << QList<qint64>{0, 3} << false << 0.0 << qint64(-1) << false << true << "mean";
    QTest::newRow("empty batch no") << QList<qint64>{0, 3, 2} << true << 0.0 << qint64(-1) << false << true << "no";
  }
  void softmax_cross_entropy() {
    QFETCH(QList<qint64>, shape);
    QFETCH(bool, int64_labels);
    QFETCH(double, ignore_fraction);
    QFETCH(qint64, ignore_label);
    QFETCH(bool, weighted);
    QFETCH(bool, normalize);
    QFETCH(QString, reduce);
    const Shape xs = to_shape(shape);
    Shape ts = xs;
    ts.erase(ts.begin() + 1);
    const int64_t C = xs[1];
    Tensor x = ops::normal(xs, 0, 2, Dtype::Float64);
    Tensor t = random_labels(ts, C, int64_labels ? Dtype::Int64 : Dtype::Int32, ignore_fraction, ignore_label);
    Tensor w = weighted ? ops::uniform({C}, 0.5, 2.0, Dtype::Float64) : Tensor();
    const std::string red = reduce.toStdString();

    std::vector<double> ref = softmax_ce_reference(x, t, ignore_label, w);
    for (Dtype d : {Dtype::Float64, Dtype::Float32}) {
      Tensor xd = x.astype(d);
      Variable y = kusari::softmax_cross_entropy(Variable(xd), t, normalize, ignore_label, w, red);
      QCOMPARE(y.dtype(), d);
      const double tol = d == Dtype::Float64 ? 1e-12 : 1e-5;
      if (red == "mean") {
        QCOMPARE(y.shape(), Shape{});
        Tensor expect = ops::scalar(reduce_mean(ref, t, ignore_label, normalize, xs[0]), Dtype::Float64);
        KUSARI_VERIFY_CLOSE(y.data(), expect, tol, tol);
      } else {
        KUSARI_VERIFY_CLOSE(y.data(), tensor_from(ts, [&](int64_t i) { return ref[i]; }), tol, tol);
      }
    }

    auto f = [&](const std::vector<Variable>& in) {
      return std::vector<Variable>{kusari::softmax_cross_entropy(in[0], in[1].data(), normalize, ignore_label, w, red)};
    };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x, t}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x, t}));
  }

  void softmax_cross_entropy_large_logits_stay_finite() {
    Tensor x = ops::normal({4, 5}, 0, 1000, Dtype::Float32);
    Tensor t = random_labels({4}, 5, Dtype::Int32);
    Variable y = kusari::softmax_cross_entropy(Variable(x), t, true, -1, {}, "no");
    QVERIFY(ops::all_finite(y.data()));
    std::vector<double> ref = softmax_ce_reference(x, t, -1, {});
    KUSARI_VERIFY_CLOSE(y.data(), tensor_from({4}, [&](int64_t i) { return ref[i]; }), 1e-3, 1e-5);
    Variable xv(x, true);
    kusari::softmax_cross_entropy(xv, t).backward();
    QVERIFY(ops::all_finite(xv.grad().data()));
  }

  void softmax_cross_entropy_gradient_is_softmax_minus_onehot() {
    // Independent of the numerical check: (softmax - onehot) / N for an unweighted mean.
    Tensor x = ops::normal({3, 4}, 0, 1, Dtype::Float64);
    Tensor t = ops::from_vector<int32_t>({2, 0, 3}, {3});
    Variable xv(x, true);
    kusari::softmax_cross_entropy(xv, t).backward();
    std::vector<double> xs = values(x);
    Tensor expect = tensor_from({3, 4}, [&](int64_t i) {
      const int64_t n = i / 4, c = i % 4;
      double s = 0;
      for (int64_t k = 0; k < 4; ++k) s += std::exp(xs[n * 4 + k]);
      return (std::exp(xs[i]) / s - (c == t.at({n}) ? 1.0 : 0.0)) / 3.0;
    });
    KUSARI_VERIFY_CLOSE(xv.grad().data(), expect, 1e-12, 1e-10);
  }

  void softmax_cross_entropy_strided_input() {
    // A transposed view must give the same loss and gradient as its contiguous copy.
    Tensor base = ops::normal({4, 3}, 0, 1, Dtype::Float64);
    Tensor x = base.transpose();  // (3, 4), not contiguous
    Tensor t = random_labels({3}, 4, Dtype::Int64);
    Variable a(x, true), b(x.clone(), true);
    kusari::softmax_cross_entropy(a, t).backward();
    kusari::softmax_cross_entropy(b, t).backward();
    KUSARI_VERIFY_CLOSE(kusari::softmax_cross_entropy(Variable(x), t).data(),
                        kusari::softmax_cross_entropy(Variable(x.clone()), t).data(), 1e-14, 0);
    KUSARI_VERIFY_CLOSE(a.grad().data(), b.grad().data(), 1e-14, 0);
  }

  void softmax_cross_entropy_errors() {
    Variable x(ops::zeros({3, 4}));
    KUSARI_VERIFY_THROWS(ShapeError, kusari::softmax_cross_entropy(x, ops::zeros({4}, Dtype::Int32)), "softmax_cross_entropy",
                         "(3, 4)", "(4,)");
    KUSARI_VERIFY_THROWS(ValueError, kusari::softmax_cross_entropy(x, ops::from_vector<int32_t>({0, 4, 1}, {3})),
                         "softmax_cross_entropy", "found 4", "(3, 4)");
    KUSARI_VERIFY_THROWS(ValueError, kusari::softmax_cross_entropy(x, ops::from_vector<int64_t>({0, -2, 1}, {3})),
                         "softmax_cross_entropy", "found -2");
    KUSARI_VERIFY_THROWS(DtypeError, kusari::softmax_cross_entropy(x, ops::zeros({3}, Dtype::Float32)), "softmax_cross_entropy",
                         "int32");
    KUSARI_VERIFY_THROWS(ShapeError, kusari::softmax_cross_entropy(x, ops::zeros({3}, Dtype::Int32), true, -1, ops::ones({3})),
                         "softmax_cross_entropy", "class_weight", "(4,)");
    KUSARI_VERIFY_THROWS(ValueError, kusari::softmax_cross_entropy(x, ops::zeros({3}, Dtype::Int32), true, -1, {}, "sum"),
                         "softmax_cross_entropy", "reduce");
  }

  void sigmoid_cross_entropy_data() {
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<double>("ignore_fraction");
    QTest::addColumn<bool>("normalize");
    QTest::addColumn<QString>("reduce");
    QTest::newRow("2d") << QList<qint64>{4, 3} << 0.0 << true << "mean";
    QTest::newRow("2d ignored") << QList<qint64>{4, 3} << 0.4 << true << "mean";
    QTest::newRow("3d ignored unnormalized") << QList<qint64>{2, 3, 2} << 0.4 << false << "mean";
    QTest::newRow("1d no") << QList<qint64>{5} << 0.3 << true << "no";
    QTest::newRow("all ignored") << QList<qint64>{2, 2} << 1.0 << true << "mean";
    QTest::newRow("empty") << QList<qint64>{0, 3} << 0.0 << true << "mean";
  }
  void sigmoid_cross_entropy() {
    QFETCH(QList<qint64>, shape);
    QFETCH(double, ignore_fraction);
    QFETCH(bool, normalize);
    QFETCH(QString, reduce);
    const Shape s = to_shape(shape);
    const std::string red = reduce.toStdString();
    Tensor x = ops::normal(s, 0, 2, Dtype::Float64);
    Tensor t = random_labels(s, 2, Dtype::Int32, ignore_fraction, -1);
    std::vector<double> xs = values(x), ts = values(t);
    double sum = 0, count = 0;
    Tensor ref = tensor_from(s, [&](int64_t i) {
      if (ts[i] == -1) return 0.0;
      const double p = 1 / (1 + std::exp(-xs[i]));
      const double l = -(ts[i] * std::log(p) + (1 - ts[i]) * std::log(1 - p));
      sum += l;
      count += 1;
      return l;
    });
    if (!normalize) count = static_cast<double>(s[0]);
    Variable y = kusari::sigmoid_cross_entropy(Variable(x), t, normalize, red);
    if (red == "mean")
      KUSARI_VERIFY_CLOSE(y.data(), ops::scalar(sum / std::max(count, 1.0), Dtype::Float64), 1e-12, 1e-10);
    else
      KUSARI_VERIFY_CLOSE(y.data(), ref, 1e-12, 1e-10);

    auto f = [&](const std::vector<Variable>& in) {
      return std::vector<Variable>{kusari::sigmoid_cross_entropy(in[0], in[1].data(), normalize, red)};
    };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x, t}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x, t}));
  }

  void sigmoid_cross_entropy_large_logits_stay_finite() {
    Tensor x = ops::from_vector<float>({-200.f, 200.f, -200.f, 200.f}, {4});
    Tensor t = ops::from_vector<int32_t>({1, 0, 0, 1}, {4});
    Variable y = kusari::sigmoid_cross_entropy(Variable(x), t, true, "no");
    // Softplus form of the loss: max(x, 0) - x t + log(1 + exp(-|x|)).
    KUSARI_VERIFY_CLOSE(y.data(), ops::from_vector<double>({200, 200, 0, 0}, {4}), 1e-4, 1e-6);
  }

  void sigmoid_cross_entropy_errors() {
    Variable x(ops::zeros({3, 2}));
    KUSARI_VERIFY_THROWS(ShapeError, kusari::sigmoid_cross_entropy(x, ops::zeros({3}, Dtype::Int32)), "sigmoid_cross_entropy",
                         "(3, 2)", "(3,)");
    KUSARI_VERIFY_THROWS(DtypeError, kusari::sigmoid_cross_entropy(x, ops::zeros({3, 2})), "sigmoid_cross_entropy");
    KUSARI_VERIFY_THROWS(ValueError, kusari::sigmoid_cross_entropy(x, ops::zeros({3, 2}, Dtype::Int32), true, "sum"),
                         "sigmoid_cross_entropy", "reduce");
  }
};

QTEST_APPLESS_MAIN(TestLoss)
#include "test_loss.moc"

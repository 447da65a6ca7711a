// VAE likelihood losses: gaussian_kl_divergence, bernoulli_nll, gaussian_nll. Forward against
// float64 loops for reduce "sum", "mean" and "no"; backward and double backward numerically.
#include <QTest>
#include <cmath>
#include <functional>

#include "engine/loss_test_support.h"
#include "kusari/functions/loss.h"

using namespace kusari;
using namespace kusari::test_support;
using namespace kusari::loss_test;

namespace {

void add_rows() {
  QTest::addColumn<QList<qint64>>("shape");
  QTest::addColumn<QString>("reduce");
  QTest::newRow("2d sum") << QList<qint64>{3, 4} << "sum";
  QTest::newRow("3d mean") << QList<qint64>{2, 3, 2} << "mean";
  QTest::newRow("1d no") << QList<qint64>{5} << "no";
  QTest::newRow("empty sum") << QList<qint64>{0, 2} << "sum";
}

// The reduced reference of per-element losses ref(i).
Tensor reduced(const Shape& s, const std::string& reduce, const std::function<double(int64_t)>& ref) {
  Tensor each = tensor_from(s, ref);
  if (reduce == "no") return each;
  double sum = 0;
  for (int64_t i = 0; i < each.numel(); ++i) sum += each.data<double>()[i];
  return ops::scalar(reduce == "mean" ? sum / static_cast<double>(each.numel()) : sum, Dtype::Float64);
}

}  // namespace

class TestLossVae : public QObject {
  Q_OBJECT
 private slots:
  void gaussian_kl_divergence_data() { add_rows(); }
  void gaussian_kl_divergence() {
    QFETCH(QList<qint64>, shape);
    QFETCH(QString, reduce);
    const Shape s = to_shape(shape);
    const std::string red = reduce.toStdString();
    Tensor m = ops::normal(s, 0, 1, Dtype::Float64), v = ops::normal(s, 0, 1, Dtype::Float64);
    std::vector<double> mv = values(m), vv = values(v);
    // KL(N(m, e^v) || N(0, 1)) = (m^2 + e^v - v - 1) / 2.
    Tensor ref = reduced(s, red, [&](int64_t i) { return 0.5 * (mv[i] * mv[i] + std::exp(vv[i]) - vv[i] - 1); });
    KUSARI_VERIFY_CLOSE(kusari::gaussian_kl_divergence(Variable(m), Variable(v), red).data(), ref, 1e-12, 1e-12);
    auto f = [&](const std::vector<Variable>& in) {
      return std::vector<Variable>{kusari::gaussian_kl_divergence(in[0], in[1], red)};
    };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {m, v}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {m, v}));
  }

  void bernoulli_nll_data() { add_rows(); }
  void bernoulli_nll() {
    QFETCH(QList<qint64>, shape);
    QFETCH(QString, reduce);
    const Shape s = to_shape(shape);
    const std::string red = reduce.toStdString();
    Tensor x = ops::uniform(s, 0, 1, Dtype::Float64), y = ops::normal(s, 0, 2, Dtype::Float64);
    std::vector<double> xv = values(x), yv = values(y);
    // -(x log p + (1 - x) log(1 - p)) with p = sigmoid(y).
    Tensor ref = reduced(s, red, [&](int64_t i) {
      const double p = 1 / (1 + std::exp(-yv[i]));
      return -(xv[i] * std::log(p) + (1 - xv[i]) * std::log(1 - p));
    });
    KUSARI_VERIFY_CLOSE(kusari::bernoulli_nll(Variable(x), Variable(y), red).data(), ref, 1e-12, 1e-10);
    auto f = [&](const std::vector<Variable>& in) {
      return std::vector<Variable>{kusari::bernoulli_nll(in[0], in[1], red)};
    };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x, y}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x, y}));
  }

  void gaussian_nll_data() { add_rows(); }
  void gaussian_nll() {
    QFETCH(QList<qint64>, shape);
    QFETCH(QString, reduce);
    const Shape s = to_shape(shape);
    const std::string red = reduce.toStdString();
    Tensor x = ops::normal(s, 0, 1, Dtype::Float64), m = ops::normal(s, 0, 1, Dtype::Float64);
    Tensor v = ops::normal(s, 0, 0.5, Dtype::Float64);
    std::vector<double> xv = values(x), mv = values(m), vv = values(v);
    // -log N(x; m, sigma^2) with sigma^2 = e^v.
    Tensor ref = reduced(s, red, [&](int64_t i) {
      const double var = std::exp(vv[i]);
      return 0.5 * std::log(2 * M_PI * var) + (xv[i] - mv[i]) * (xv[i] - mv[i]) / (2 * var);
    });
    KUSARI_VERIFY_CLOSE(kusari::gaussian_nll(Variable(x), Variable(m), Variable(v), red).data(), ref, 1e-12, 1e-10);
    auto f = [&](const std::vector<Variable>& in) {
      return std::vector<Variable>{kusari::gaussian_nll(in[0], in[1], in[2], red)};
    };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x, m, v}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x, m, v}));
  }

  void bernoulli_nll_large_logits_stay_finite() {
    Tensor x = ops::from_vector<float>({1.f, 0.f}, {2});
    Tensor y = ops::from_vector<float>({-500.f, 500.f}, {2});
    Variable out = kusari::bernoulli_nll(Variable(x), Variable(y), "no");
    KUSARI_VERIFY_CLOSE(out.data(), ops::from_vector<double>({500, 500}, {2}), 1e-3, 1e-6);
  }

  void errors() {
    Variable a(ops::zeros({2, 3})), b(ops::zeros({3, 2}));
    KUSARI_VERIFY_THROWS(ShapeError, kusari::gaussian_kl_divergence(a, b), "gaussian_kl_divergence", "(2, 3)", "(3, 2)");
    KUSARI_VERIFY_THROWS(ShapeError, kusari::bernoulli_nll(a, b), "bernoulli_nll", "(2, 3)", "(3, 2)");
    KUSARI_VERIFY_THROWS(ShapeError, kusari::gaussian_nll(a, a, b), "gaussian_nll", "(2, 3)", "(3, 2)");
    KUSARI_VERIFY_THROWS(ValueError, kusari::gaussian_nll(a, a, a, "avg"), "gaussian_nll", "reduce");
    KUSARI_VERIFY_THROWS(DtypeError, kusari::bernoulli_nll(Variable(ops::zeros({2}, Dtype::Int32)), Variable(ops::zeros({2}))),
                         "bernoulli_nll");
  }
};

QTEST_APPLESS_MAIN(TestLossVae)
#include "test_loss_vae.moc"

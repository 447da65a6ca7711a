// Evaluation functions: accuracy and binary_accuracy against loops written here.
#include <QTest>
#include <optional>

#include "engine/loss_test_support.h"
#include "kusari/functions/evaluation.h"

using namespace kusari;
using namespace kusari::test_support;
using namespace kusari::loss_test;

class TestEvaluation : public QObject {
  Q_OBJECT
 private slots:
  void accuracy_data() {
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<bool>("int64_labels");
    QTest::addColumn<bool>("has_ignore");
    QTest::addColumn<qint64>("ignore_label");
    QTest::addColumn<double>("ignore_fraction");
    QTest::newRow("2d") << QList<qint64>{8, 3} << false << false << qint64(-1) << 0.0;
    QTest::newRow("2d ignore -1") << QList<qint64>{10, 4} << true << true << qint64(-1) << 0.3;
    QTest::newRow("3d ignore -1") << QList<qint64>{3, 4, 5} << false << true << qint64(-1) << 0.3;
    QTest::newRow("ignore label is a class") << QList<qint64>{12, 3} << true << true << qint64(2) << 0.0;
    QTest::newRow("all ignored") << QList<qint64>{4, 3} << false << true << qint64(-1) << 1.0;
  }
  void accuracy() {
    QFETCH(QList<qint64>, shape);
    QFETCH(bool, int64_labels);
    QFETCH(bool, has_ignore);
    QFETCH(qint64, ignore_label);
    QFETCH(double, ignore_fraction);
    const Shape s = to_shape(shape);
    const int64_t N = s[0], C = s[1], R = s.size() > 2 ? s[2] : 1;
    Shape ts = s;
    ts.erase(ts.begin() + 1);
    Tensor y = ops::normal(s, 0, 1, Dtype::Float64);
    Tensor t = random_labels(ts, C, int64_labels ? Dtype::Int64 : Dtype::Int32, ignore_fraction, ignore_label);
    std::vector<double> yv = values(y), tv = values(t);
    double hits = 0, total = 0;
    for (int64_t n = 0; n < N; ++n)
      for (int64_t r = 0; r < R; ++r) {
        const double label = tv[n * R + r];
        if (has_ignore && label == static_cast<double>(ignore_label)) continue;
        int64_t best = 0;
        for (int64_t c = 1; c < C; ++c)
          if (yv[(n * C + c) * R + r] > yv[(n * C + best) * R + r]) best = c;
        hits += static_cast<double>(best) == label;
        total += 1;
      }
    const double expect = total > 0 ? hits / total : 0.0;
    Variable yvar(y, true);
    Variable acc = kusari::accuracy(yvar, t, has_ignore ? std::optional<int64_t>(ignore_label) : std::nullopt);
    QCOMPARE(acc.dtype(), Dtype::Float32);
    QCOMPARE(acc.shape(), Shape{});
    QVERIFY(!acc.requires_grad());
    KUSARI_VERIFY_CLOSE(acc.data(), ops::scalar(expect, Dtype::Float64), 1e-6, 1e-6);
  }

  void accuracy_counts_known_predictions() {
    // Rows predict classes 1, 0, 2, 2; labels 1, 2, 2, -1 (ignored): 2 hits out of 3.
    Tensor y = ops::from_vector<float>({0, 1, 0, 5, 1, 2, 0, 0, 3, 1, 2, 9}, {4, 3});
    Tensor t = ops::from_vector<int32_t>({1, 2, 2, -1}, {4});
    QCOMPARE(static_cast<float>(kusari::accuracy(Variable(y), t, -1).data().item()), 2.0f / 3.0f);
    QCOMPARE(kusari::accuracy(Variable(y), t).data().item(), 0.5);
  }

  void binary_accuracy_data() {
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<double>("ignore_fraction");
    QTest::newRow("1d") << QList<qint64>{9} << 0.0;
    QTest::newRow("2d ignored") << QList<qint64>{4, 5} << 0.3;
    QTest::newRow("all ignored") << QList<qint64>{3, 2} << 1.0;
  }
  void binary_accuracy() {
    QFETCH(QList<qint64>, shape);
    QFETCH(double, ignore_fraction);
    const Shape s = to_shape(shape);
    Tensor y = ops::normal(s, 0, 1, Dtype::Float32).contiguous();
    y.data<float>()[0] = 0.0f;  // the boundary: y >= 0 predicts 1
    Tensor t = random_labels(s, 2, Dtype::Int32, ignore_fraction, -1);
    if (ignore_fraction < 1) t.data<int32_t>()[0] = 1;  // and it is labelled 1
    std::vector<double> yv = values(y), tv = values(t);
    double hits = 0, count = 0;
    for (size_t i = 0; i < yv.size(); ++i) {
      if (tv[i] == -1) continue;
      count += 1;
      hits += (yv[i] >= 0 ? 1.0 : 0.0) == tv[i];
    }
    Variable acc = kusari::binary_accuracy(Variable(y), t);
    QCOMPARE(acc.dtype(), Dtype::Float32);
    QCOMPARE(acc.shape(), Shape{});
    KUSARI_VERIFY_CLOSE(acc.data(), ops::scalar(hits / std::max(count, 1.0), Dtype::Float64), 1e-6, 1e-6);
  }

  void errors() {
    Variable y(ops::zeros({3, 4}));
    KUSARI_VERIFY_THROWS(ShapeError, kusari::accuracy(y, ops::zeros({4}, Dtype::Int32)), "accuracy", "(3, 4)", "(4,)");
    KUSARI_VERIFY_THROWS(DtypeError, kusari::accuracy(y, ops::zeros({3})), "accuracy");
    KUSARI_VERIFY_THROWS(ShapeError, kusari::binary_accuracy(y, ops::zeros({3}, Dtype::Int32)), "binary_accuracy",
                         "(3, 4)", "(3,)");
  }
};

QTEST_APPLESS_MAIN(TestEvaluation)
#include "test_evaluation.moc"

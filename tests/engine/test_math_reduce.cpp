// prod, logsumexp and cumsum: forward against plain loops, backward and double backward
// numerically; prod's gradient with zeros against the product of the other elements.
#include <QTest>
#include <cmath>
#include <limits>

#include "engine/math_test_support.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/math.h"
#include "kusari/functions/reduction.h"

using namespace kusari;
using namespace kusari::test_support;

namespace {

// Reference d prod / dx_i for a 1-D x: the product of the other elements.
Tensor prod_others(const std::vector<double>& x) {
  return tensor_from({static_cast<int64_t>(x.size())}, [&](int64_t i) {
    double p = 1;
    for (size_t j = 0; j < x.size(); ++j)
      if (static_cast<int64_t>(j) != i) p *= x[j];
    return p;
  });
}

}  // namespace

class TestMathReduce : public QObject {
  Q_OBJECT
 private slots:
  void prod_forward_data() {
    add_reduce_columns();
    add_reduce_rows();
    QTest::newRow("(2, 0) axis 1 (empty product)") << QList<qint64>{2, 0} << QList<qint64>{1} << false;
  }
  void prod_forward() {
    QFETCH(QList<qint64>, shape);
    QFETCH(QList<qint64>, axes);
    QFETCH(bool, keepdims);
    for (Dtype d : {Dtype::Float64, Dtype::Float32}) {
      Tensor x = ops::uniform(to_shape(shape), 0.5, 1.5, Dtype::Float64).astype(d);
      Variable y = prod(Variable(x), Axes(axes.begin(), axes.end()), keepdims);
      QCOMPARE(y.dtype(), d);
      Tensor ref = reference_reduce(x, normalized(axes, x.ndim()), keepdims, 1.0, [](double a, double v) { return a * v; });
      KUSARI_VERIFY_CLOSE(y.data(), ref, 1e-6, d == Dtype::Float32 ? 1e-5 : 1e-13);
    }
  }

  void prod_backward_data() { prod_forward_data(); }
  void prod_backward() {
    QFETCH(QList<qint64>, shape);
    QFETCH(QList<qint64>, axes);
    QFETCH(bool, keepdims);
    Tensor x = ops::uniform(to_shape(shape), 0.5, 1.5, Dtype::Float64);
    auto f = [&](const std::vector<Variable>& in) {
      return std::vector<Variable>{prod(in[0], Axes(axes.begin(), axes.end()), keepdims)};
    };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
  }

  void prod_gradient_with_zeros_data() {
    QTest::addColumn<QList<double>>("values");
    QTest::newRow("no zero") << QList<double>{1.5, -2, 0.5, 3};
    QTest::newRow("one zero") << QList<double>{1.5, 0, 0.5, 3};
    QTest::newRow("zero first") << QList<double>{0, -2, 0.5, 3};
    QTest::newRow("two zeros") << QList<double>{1.5, 0, 0.5, 0};
    QTest::newRow("all zeros") << QList<double>{0, 0, 0};
    QTest::newRow("single element zero") << QList<double>{0};
  }
  void prod_gradient_with_zeros() {
    QFETCH(QList<double>, values);
    std::vector<double> v(values.begin(), values.end());
    const int64_t n = static_cast<int64_t>(v.size());
    Variable x(ops::from_vector<double>(v, {n}), true);
    prod(x).backward();
    KUSARI_VERIFY_CLOSE(x.grad().data(), prod_others(v), 1e-15, 1e-14);
    // Grouped: two rows reduced along axis 1, the same row twice with the second scaled.
    std::vector<double> two = v;
    for (double t : v) two.push_back(2 * t);
    Variable x2(ops::from_vector<double>(two, {2, n}), true);
    sum(prod(x2, {1})).backward();
    std::vector<double> second(two.begin() + n, two.end());
    KUSARI_VERIFY_CLOSE(x2.grad().data().select(0, 0), prod_others(v), 1e-15, 1e-14);
    KUSARI_VERIFY_CLOSE(x2.grad().data().select(0, 1), prod_others(second), 1e-15, 1e-14);
    // prod is multilinear, so central differences are exact even at zeros.
    auto f = [](const std::vector<Variable>& in) { return std::vector<Variable>{prod(in[0], {1})}; };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x2.data()}));
  }

  void logsumexp_forward_data() {
    add_reduce_columns();
    add_reduce_rows();
  }
  void logsumexp_forward() {
    QFETCH(QList<qint64>, shape);
    QFETCH(QList<qint64>, axes);
    QFETCH(bool, keepdims);
    for (Dtype d : {Dtype::Float64, Dtype::Float32}) {
      Tensor x = ops::normal(to_shape(shape), 0, 2, Dtype::Float64).astype(d);
      Variable y = logsumexp(Variable(x), Axes(axes.begin(), axes.end()), keepdims);
      QCOMPARE(y.dtype(), d);
      Tensor ref = map_reference(reference_reduce(x, normalized(axes, x.ndim()), keepdims, 0.0,
                                                  [](double a, double v) { return a + std::exp(v); }),
                                 [](double s) { return std::log(s); });
      KUSARI_VERIFY_CLOSE(y.data(), ref, 1e-6, d == Dtype::Float32 ? 1e-5 : 1e-13);
    }
  }

  void logsumexp_is_stable() {
    // exp(1000) overflows: the answer is 1000 + log(1 + e^-1), and -inf rows stay -inf.
    Tensor x = ops::from_vector<double>({1000, 999, -INFINITY, -INFINITY, -1000, -1001}, {3, 2});
    for (Dtype d : {Dtype::Float64, Dtype::Float32}) {
      Variable y = logsumexp(Variable(x.astype(d)), {1});
      const double tail = std::log1p(std::exp(-1.0));
      QCOMPARE(y.data().at({1}), -INFINITY);
      const double tol = d == Dtype::Float32 ? 1e-3 : 1e-12;  // float32 spacing at 1000 is 6e-5
      QVERIFY(std::abs(y.data().at({0}) - (1000 + tail)) < tol);
      QVERIFY(std::abs(y.data().at({2}) - (-1000 + tail)) < tol);
    }
    Variable big(ops::from_vector<double>({800, 800}, {2}), true);
    logsumexp(big).backward();
    KUSARI_VERIFY_CLOSE(big.grad().data(), ops::full({2}, 0.5, Dtype::Float64), 1e-12, 0);  // y near 800 carries 1e-13 of rounding
  }

  void logsumexp_backward_data() {
    add_reduce_columns();
    add_reduce_rows();
  }
  void logsumexp_backward() {
    QFETCH(QList<qint64>, shape);
    QFETCH(QList<qint64>, axes);
    QFETCH(bool, keepdims);
    Tensor x = ops::normal(to_shape(shape), 0, 1, Dtype::Float64);
    auto f = [&](const std::vector<Variable>& in) {
      return std::vector<Variable>{logsumexp(in[0], Axes(axes.begin(), axes.end()), keepdims)};
    };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
  }

  void logsumexp_empty_reduction_is_an_error() {
    try {
      (void)logsumexp(Variable(ops::zeros({2, 0})), {1});
      QFAIL("no error");
    } catch (const ValueError& e) {
      QVERIFY2(std::string(e.what()).find("logsumexp") != std::string::npos, e.what());
    }
  }

  void cumsum_forward_data() {
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<qint64>("axis");
    QTest::newRow("(2, 3, 4) axis 0") << QList<qint64>{2, 3, 4} << qint64{0};
    QTest::newRow("(2, 3, 4) axis 1") << QList<qint64>{2, 3, 4} << qint64{1};
    QTest::newRow("(2, 3, 4) axis -1") << QList<qint64>{2, 3, 4} << qint64{-1};
    QTest::newRow("(5,) axis 0") << QList<qint64>{5} << qint64{0};
    QTest::newRow("(0, 3) axis 1") << QList<qint64>{0, 3} << qint64{1};
    QTest::newRow("(3, 0) axis 1") << QList<qint64>{3, 0} << qint64{1};
  }
  void cumsum_forward() {
    QFETCH(QList<qint64>, shape);
    QFETCH(qint64, axis);
    for (Dtype d : {Dtype::Float64, Dtype::Float32}) {
      Shape s = to_shape(shape);
      Tensor x = ops::normal(s, 0, 1, Dtype::Float64).astype(d);
      Variable y = cumsum(Variable(x), axis);
      QCOMPARE(y.dtype(), d);
      QCOMPARE(y.shape(), s);
      const int64_t ax = axis < 0 ? axis + x.ndim() : axis;
      int64_t inner = 1;
      for (int64_t i = ax + 1; i < x.ndim(); ++i) inner *= s[i];
      Tensor xc = x.astype(Dtype::Float64).contiguous();
      const double* xp = xc.data<double>();
      // y[i] = x[i] + y[i - inner] unless i is the first along the axis.
      std::vector<double> ref(xc.numel());
      for (int64_t i = 0; i < xc.numel(); ++i) {
        const bool first = (i / inner) % s[ax] == 0;
        ref[i] = xp[i] + (first ? 0.0 : ref[i - inner]);
      }
      KUSARI_VERIFY_CLOSE(y.data(), tensor_from(s, [&](int64_t i) { return ref[i]; }), 1e-6,
                          d == Dtype::Float32 ? 1e-5 : 1e-13);
    }
    // A strided (transposed) input gives the same result as its contiguous copy.
    Tensor x = ops::normal({4, 3}, 0, 1, Dtype::Float64);
    KUSARI_VERIFY_CLOSE(cumsum(Variable(x.transpose()), 1).data(), cumsum(Variable(x.transpose().clone()), 1).data(), 0, 0);
  }

  void cumsum_backward_data() { cumsum_forward_data(); }
  void cumsum_backward() {
    QFETCH(QList<qint64>, shape);
    QFETCH(qint64, axis);
    Tensor x = ops::normal(to_shape(shape), 0, 1, Dtype::Float64);
    auto f = [axis](const std::vector<Variable>& in) { return std::vector<Variable>{cumsum(in[0], axis)}; };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
  }

  void cumsum_errors() {
    QVERIFY_THROWS_EXCEPTION(IndexError, cumsum(Variable(ops::zeros({2, 3})), 2));
    try {
      (void)cumsum(Variable(ops::zeros({3}, Dtype::Int64)));
      QFAIL("no error");
    } catch (const DtypeError& e) {
      QVERIFY2(std::string(e.what()).find("cumsum") != std::string::npos, e.what());
    }
  }
};

QTEST_APPLESS_MAIN(TestMathReduce)
#include "test_math_reduce.moc"

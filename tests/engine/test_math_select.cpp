// Selections: maximum/minimum (broadcasting), max/min reductions, argmax/argmin. Forward
// against plain loops; backward and double backward numerically on inputs without ties.
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

Variable pair_op(const QString& op, const Variable& a, const Variable& b) {
  return op == "maximum" ? maximum(a, b) : minimum(a, b);
}

Variable reduce_op(const QString& op, const Variable& x, const Axes& axes, bool keepdims) {
  return op == "max" ? kusari::max(x, axes, keepdims) : kusari::min(x, axes, keepdims);
}

// Two grids whose differences are odd multiples of 0.1: never within 0.1 of a tie.
Tensor grid_a(const Shape& s) { return tensor_from(s, [](int64_t i) { return 0.2 * static_cast<double>((i * 7) % 11) - 1.0; }); }
Tensor grid_b(const Shape& s) { return tensor_from(s, [](int64_t i) { return 0.2 * static_cast<double>((i * 5) % 9) - 0.9; }); }

}  // namespace

class TestMathSelect : public QObject {
  Q_OBJECT
 private slots:
  void pair_forward_data() {
    QTest::addColumn<QString>("op");
    QTest::addColumn<bool>("float32");
    for (const char* op : {"maximum", "minimum"})
      for (bool f32 : {false, true}) QTest::newRow((std::string(op) + (f32 ? " float32" : " float64")).c_str()) << op << f32;
  }
  void pair_forward() {
    QFETCH(QString, op);
    QFETCH(bool, float32);
    Dtype d = float32 ? Dtype::Float32 : Dtype::Float64;
    Tensor a = ops::normal({2, 3}, 0, 1, Dtype::Float64).astype(d);
    Tensor b = ops::normal({3}, 0, 1, Dtype::Float64).astype(d);
    Variable y = pair_op(op, Variable(a), Variable(b));
    QCOMPARE(y.dtype(), d);
    Tensor ref = tensor_from({2, 3}, [&](int64_t i) {
      double av = a.at({i / 3, i % 3}), bv = b.at({i % 3});
      return op == "maximum" ? (av > bv ? av : bv) : (av < bv ? av : bv);
    });
    KUSARI_VERIFY_CLOSE(y.data(), ref, 0, 0);
  }

  void pair_backward_data() {
    QTest::addColumn<QString>("op");
    QTest::addColumn<QList<qint64>>("shape_a");
    QTest::addColumn<QList<qint64>>("shape_b");
    for (const char* op : {"maximum", "minimum"}) {
      std::string o(op);
      QTest::newRow((o + " same").c_str()) << op << QList<qint64>{2, 3} << QList<qint64>{2, 3};
      QTest::newRow((o + " broadcast").c_str()) << op << QList<qint64>{4, 1, 3} << QList<qint64>{2, 1};
      QTest::newRow((o + " broadcast a").c_str()) << op << QList<qint64>{3} << QList<qint64>{2, 3};
      QTest::newRow((o + " empty").c_str()) << op << QList<qint64>{0, 3} << QList<qint64>{3};
    }
  }
  void pair_backward() {
    QFETCH(QString, op);
    QFETCH(QList<qint64>, shape_a);
    QFETCH(QList<qint64>, shape_b);
    auto f = [op](const std::vector<Variable>& x) { return std::vector<Variable>{pair_op(op, x[0], x[1])}; };
    std::vector<Tensor> in{grid_a(to_shape(shape_a)), grid_b(to_shape(shape_b))};
    KUSARI_VERIFY_NO_ERROR(backward_error(f, in));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, in));
  }

  void pair_tie_goes_to_first_operand() {
    for (const char* op : {"maximum", "minimum"}) {
      Variable a(ops::ones({3}, Dtype::Float64), true), b(ops::ones({3}, Dtype::Float64), true);
      sum(pair_op(op, a, b)).backward();
      KUSARI_VERIFY_CLOSE(a.grad().data(), ops::ones({3}, Dtype::Float64), 0, 0);
      KUSARI_VERIFY_CLOSE(b.grad().data(), ops::zeros({3}, Dtype::Float64), 0, 0);
    }
  }

  void pair_errors_name_the_function() {
    for (const char* op : {"maximum", "minimum"}) {
      try {
        (void)pair_op(op, Variable(ops::zeros({2, 3})), Variable(ops::zeros({4})));
        QFAIL("no shape error");
      } catch (const ShapeError& e) {
        std::string w = e.what();
        QVERIFY2(w.find(op) != std::string::npos && w.find("(2, 3)") != std::string::npos, e.what());
      }
      try {
        (void)pair_op(op, Variable(ops::zeros({3})), Variable(ops::zeros({3}, Dtype::Float64)));
        QFAIL("no dtype error");
      } catch (const DtypeError& e) {
        QVERIFY2(std::string(e.what()).find(op) != std::string::npos, e.what());
      }
    }
  }

  void reduce_forward_data() {
    add_reduce_columns();
    QTest::addColumn<QString>("op");
    QTest::addColumn<bool>("float32");
    for (const char* op : {"max", "min"})
      for (bool f32 : {false, true}) {
        std::string suffix = std::string(" ") + op + (f32 ? " float32" : "");
        QTest::newRow(("(2, 3, 4) axis 1" + suffix).c_str()) << QList<qint64>{2, 3, 4} << QList<qint64>{1} << false << op << f32;
        QTest::newRow(("(2, 3, 4) all" + suffix).c_str()) << QList<qint64>{2, 3, 4} << QList<qint64>{} << false << op << f32;
        QTest::newRow(("(2, 3, 4) 0, 2 keep" + suffix).c_str()) << QList<qint64>{2, 3, 4} << QList<qint64>{0, 2} << true << op << f32;
        QTest::newRow(("(0, 3) axis 1" + suffix).c_str()) << QList<qint64>{0, 3} << QList<qint64>{1} << false << op << f32;
      }
  }
  void reduce_forward() {
    QFETCH(QList<qint64>, shape);
    QFETCH(QList<qint64>, axes);
    QFETCH(bool, keepdims);
    QFETCH(QString, op);
    QFETCH(bool, float32);
    Tensor x = ops::normal(to_shape(shape), 0, 1, Dtype::Float64).astype(float32 ? Dtype::Float32 : Dtype::Float64);
    Variable y = reduce_op(op, Variable(x), Axes(axes.begin(), axes.end()), keepdims);
    const bool is_max = op == "max";
    Tensor ref = reference_reduce(x, normalized(axes, x.ndim()), keepdims,
                                  is_max ? -INFINITY : INFINITY,
                                  [is_max](double a, double v) { return is_max ? std::fmax(a, v) : std::fmin(a, v); });
    KUSARI_VERIFY_CLOSE(y.data(), ref, 0, 0);
  }

  void reduce_backward_data() {
    add_reduce_columns();
    add_reduce_rows();
  }
  void reduce_backward() {
    QFETCH(QList<qint64>, shape);
    QFETCH(QList<qint64>, axes);
    QFETCH(bool, keepdims);
    Tensor x = distinct_values(to_shape(shape));
    for (const char* op : {"max", "min"}) {
      auto f = [&](const std::vector<Variable>& in) {
        return std::vector<Variable>{reduce_op(op, in[0], Axes(axes.begin(), axes.end()), keepdims)};
      };
      KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
      KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
    }
  }

  void reduce_ties_share_the_gradient() {
    Variable x(ops::from_vector<double>({1, 3, 3, 2, -1, -1}, {6}), true);
    sum(kusari::max(x) + kusari::min(x)).backward();
    KUSARI_VERIFY_CLOSE(x.grad().data(), ops::from_vector<double>({0, 1, 1, 0, 1, 1}, {6}), 0, 0);
  }

  void reduce_errors() {
    QVERIFY_THROWS_EXCEPTION(ValueError, kusari::max(Variable(ops::zeros({3, 0})), {1}));
    QVERIFY_THROWS_EXCEPTION(IndexError, kusari::min(Variable(ops::zeros({3, 2})), {2}));
    try {
      (void)kusari::max(Variable(ops::zeros({3}, Dtype::Int32)));
      QFAIL("no error");
    } catch (const DtypeError& e) {
      QVERIFY2(std::string(e.what()).find("max") != std::string::npos, e.what());
    }
  }

  void arg_data() {
    QTest::addColumn<QString>("op");
    QTest::addColumn<qint64>("axis");
    QTest::addColumn<bool>("flatten");
    for (const char* op : {"argmax", "argmin"}) {
      std::string o(op);
      QTest::newRow((o + " axis 0").c_str()) << op << qint64{0} << false;
      QTest::newRow((o + " axis 1").c_str()) << op << qint64{1} << false;
      QTest::newRow((o + " axis -1").c_str()) << op << qint64{-1} << false;
      QTest::newRow((o + " flatten").c_str()) << op << qint64{0} << true;
    }
  }
  void arg() {
    QFETCH(QString, op);
    QFETCH(qint64, axis);
    QFETCH(bool, flatten);
    const bool is_max = op == "argmax";
    Tensor x = ops::normal({3, 4}, 0, 1, Dtype::Float32);
    Variable xv(x, true);
    Variable y = is_max ? argmax(xv, axis, flatten) : argmin(xv, axis, flatten);
    QCOMPARE(y.dtype(), Dtype::Int64);
    QVERIFY(!y.requires_grad());
    auto better = [is_max](double v, double best) { return is_max ? v > best : v < best; };
    if (flatten) {
      QCOMPARE(y.shape(), Shape{});
      int64_t best = 0;
      for (int64_t i = 1; i < 12; ++i)
        if (better(x.at({i / 4, i % 4}), x.at({best / 4, best % 4}))) best = i;
      QCOMPARE(static_cast<int64_t>(y.data().item()), best);
      return;
    }
    const int64_t ax = axis < 0 ? axis + 2 : axis;
    const int64_t len = x.shape()[ax], other = x.shape()[1 - ax];
    QCOMPARE(y.shape(), Shape{other});
    for (int64_t o = 0; o < other; ++o) {
      auto at = [&](int64_t k) { return ax == 0 ? x.at({k, o}) : x.at({o, k}); };
      int64_t best = 0;
      for (int64_t k = 1; k < len; ++k)
        if (better(at(k), at(best))) best = k;
      QCOMPARE(static_cast<int64_t>(y.data().at({o})), best);
    }
  }

  void arg_errors() {
    QVERIFY_THROWS_EXCEPTION(IndexError, argmax(Variable(ops::zeros({2, 3})), 2));
    QVERIFY_THROWS_EXCEPTION(ValueError, argmin(Variable(ops::zeros({2, 0})), 1));
  }
};

QTEST_APPLESS_MAIN(TestMathSelect)
#include "test_math_select.moc"

// Arithmetic functions: forward against an elementwise reference, backward numerically.
#include <QTest>

#include "engine/engine_test_support.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/reduction.h"

using namespace kusari;
using namespace kusari::test_support;

class TestArithmetic : public QObject {
  Q_OBJECT
 private slots:
  void forward_broadcast() {
    Tensor a = ops::normal({2, 3}, 0, 1, Dtype::Float64);
    Tensor b = ops::normal({3}, 0, 1, Dtype::Float64);
    Variable y = Variable(a) * Variable(b) + 1.5;
    Tensor ac = a.contiguous();
    Tensor ref = tensor_from({2, 3}, [&](int64_t i) { return a.data<double>()[i] * b.data<double>()[i % 3] + 1.5; });
    KUSARI_VERIFY_CLOSE(y.data(), ref, 1e-12, 1e-12);
  }

  void backward_data() {
    QTest::addColumn<QString>("op");
    QTest::addColumn<QList<qint64>>("shape_a");
    QTest::addColumn<QList<qint64>>("shape_b");
    for (const char* op : {"add", "sub", "mul", "div", "pow"}) {
      QTest::newRow((std::string(op) + " same").c_str()) << op << QList<qint64>{2, 3} << QList<qint64>{2, 3};
      QTest::newRow((std::string(op) + " broadcast").c_str()) << op << QList<qint64>{4, 1, 3} << QList<qint64>{2, 1};
      QTest::newRow((std::string(op) + " empty").c_str()) << op << QList<qint64>{0, 3} << QList<qint64>{3};
    }
  }
  void backward() {
    QFETCH(QString, op);
    QFETCH(QList<qint64>, shape_a);
    QFETCH(QList<qint64>, shape_b);
    Shape sa(shape_a.begin(), shape_a.end()), sb(shape_b.begin(), shape_b.end());
    Tensor a = ops::uniform(sa, 0.5, 2.0, Dtype::Float64);
    Tensor b = ops::uniform(sb, 0.5, 2.0, Dtype::Float64);
    std::string name = op.toStdString();
    auto f = [name](const std::vector<Variable>& x) {
      if (name == "add") return std::vector<Variable>{x[0] + x[1]};
      if (name == "sub") return std::vector<Variable>{x[0] - x[1]};
      if (name == "mul") return std::vector<Variable>{x[0] * x[1]};
      if (name == "div") return std::vector<Variable>{x[0] / x[1]};
      return std::vector<Variable>{pow(x[0], x[1])};
    };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {a, b}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {a, b}));
  }

  void matmul_forward_and_backward() {
    Tensor a = ops::normal({2, 3, 4}, 0, 1, Dtype::Float64);
    Tensor b = ops::normal({4, 5}, 0, 1, Dtype::Float64);
    Variable y = matmul(Variable(a), Variable(b));
    QCOMPARE(y.shape(), (Shape{2, 3, 5}));
    for (int64_t n = 0; n < 2; ++n)
      for (int64_t i = 0; i < 3; ++i)
        for (int64_t j = 0; j < 5; ++j) {
          double s = 0;
          for (int64_t k = 0; k < 4; ++k) s += a.at({n, i, k}) * b.at({k, j});
          QVERIFY(std::abs(y.data().at({n, i, j}) - s) < 1e-12);
        }
    for (bool ta : {false, true})
      for (bool tb : {false, true}) {
        Tensor a2 = ops::normal(ta ? Shape{4, 3} : Shape{3, 4}, 0, 1, Dtype::Float64);
        Tensor b2 = ops::normal(tb ? Shape{5, 4} : Shape{4, 5}, 0, 1, Dtype::Float64);
        auto f = [ta, tb](const std::vector<Variable>& x) { return std::vector<Variable>{matmul(x[0], x[1], ta, tb)}; };
        KUSARI_VERIFY_NO_ERROR(backward_error(f, {a2, b2}));
        KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {a2, b2}));
      }
  }

  void backward_accumulates_into_leaves() {
    Variable x(ops::full({3}, 2.0, Dtype::Float64), true);
    Variable y = sum(x * x * x);  // dy/dx = 3 x^2 = 12
    y.backward();
    KUSARI_VERIFY_CLOSE(x.grad().data(), ops::full({3}, 12.0, Dtype::Float64), 1e-12, 0);
    sum(x * 2.0).backward();  // accumulates
    KUSARI_VERIFY_CLOSE(x.grad().data(), ops::full({3}, 14.0, Dtype::Float64), 1e-12, 0);
  }

  void broadcast_error_names_shapes() {
    Variable a(ops::zeros({2, 3}));
    Variable b(ops::zeros({4}));
    try {
      (void)(a + b);
      QFAIL("no error");
    } catch (const ShapeError& e) {
      QVERIFY(std::string(e.what()).find("(2, 3)") != std::string::npos);
      QVERIFY(std::string(e.what()).find("(4,)") != std::string::npos);
    }
  }
};

QTEST_APPLESS_MAIN(TestArithmetic)
#include "test_arithmetic.moc"

// Activation family: forward against plain float64 loops written here, float32 forward,
// backward and double backward numerically in float64, extreme inputs and bad input.
// Inputs of the piecewise functions are sampled at least `margin` away from their kinks,
// where the derivative jumps and central differences mean nothing.
#include <QTest>
#include <cmath>
#include <map>
#include <random>

#include "engine/engine_test_support.h"
#include "kusari/functions/activation.h"
#include "kusari/functions/arithmetic.h"

using namespace kusari;
using namespace kusari::test_support;

namespace {

using Fn1 = std::function<Variable(const Variable&)>;
using Ref1 = std::function<double(double)>;

double ref_sigmoid(double x) { return 1 / (1 + std::exp(-x)); }
double ref_elu(double x, double alpha) { return x > 0 ? x : alpha * (std::exp(x) - 1); }
double ref_softplus(double x, double beta) { return std::log(1 + std::exp(beta * x)) / beta; }
double ref_gelu(double x) { return 0.5 * x * (1 + std::erf(x / std::sqrt(2.0))); }

// Uniform values in [lo, hi) at least `margin` away from every kink; seeded, so repeatable.
Tensor sample(const Shape& shape, double lo, double hi, const std::vector<double>& kinks = {},
              double margin = 0.1, uint64_t seed = 7) {
  std::mt19937_64 gen(seed);
  std::uniform_real_distribution<double> u(lo, hi);
  return tensor_from(shape, [&](int64_t) {
    while (true) {
      double v = u(gen);
      bool near = false;
      for (double k : kinks) near = near || std::abs(v - k) < margin;
      if (!near) return v;
    }
  });
}

struct Elementwise {
  Fn1 f;
  Ref1 ref;
  double lo, hi;
  std::vector<double> kinks;
};

const std::map<std::string, Elementwise>& elementwise_table() {
  static const std::map<std::string, Elementwise> table = {
      {"relu", {[](const Variable& x) { return relu(x); }, [](double x) { return x > 0 ? x : 0.0; }, -1, 1, {0}}},
      {"leaky_relu",
       {[](const Variable& x) { return leaky_relu(x, 0.3); }, [](double x) { return x > 0 ? x : 0.3 * x; }, -1, 1, {0}}},
      {"elu", {[](const Variable& x) { return elu(x, 1.5); }, [](double x) { return ref_elu(x, 1.5); }, -2, 2, {0}}},
      {"selu",
       {[](const Variable& x) { return selu(x); },
        [](double x) { return 1.0507009873554805 * ref_elu(x, 1.6732632423543772); }, -2, 2, {0}}},
      {"gelu", {[](const Variable& x) { return gelu(x); }, ref_gelu, -3, 3, {}}},
      {"sigmoid", {[](const Variable& x) { return sigmoid(x); }, ref_sigmoid, -4, 4, {}}},
      {"hard_sigmoid",
       {[](const Variable& x) { return hard_sigmoid(x); },
        [](double x) { return std::min(1.0, std::max(0.0, 0.2 * x + 0.5)); }, -4, 4, {-2.5, 2.5}}},
      {"softplus", {[](const Variable& x) { return softplus(x); }, [](double x) { return ref_softplus(x, 1); }, -4, 4, {}}},
      {"softplus beta=2",
       {[](const Variable& x) { return softplus(x, 2.0); }, [](double x) { return ref_softplus(x, 2); }, -3, 3, {}}},
      {"clipped_relu",
       {[](const Variable& x) { return clipped_relu(x, 0.5); }, [](double x) { return std::min(0.5, std::max(0.0, x)); },
        -1, 1, {0, 0.5}}},
      {"clipped_relu z=20", {[](const Variable& x) { return clipped_relu(x); },
                             [](double x) { return std::min(20.0, std::max(0.0, x)); }, -30, 30, {0, 20}}},
  };
  return table;
}

std::vector<Variable> one(const Variable& v) { return {v}; }

// softmax over `axis` of x (any layout) with plain loops in float64: (outer, n, inner) view.
Tensor ref_softmax(const Tensor& x_in, int64_t axis, bool log) {
  Tensor x = x_in.astype(Dtype::Float64).contiguous();
  int64_t outer = 1, inner = 1, n = x.shape()[axis];
  for (int64_t d = 0; d < axis; ++d) outer *= x.shape()[d];
  for (int64_t d = axis + 1; d < x.ndim(); ++d) inner *= x.shape()[d];
  const double* p = x.data<double>();
  Tensor y(x.shape(), Dtype::Float64);
  double* q = y.data<double>();
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t k = 0; k < inner; ++k) {
      auto at = [&](int64_t j) { return o * n * inner + j * inner + k; };
      double m = -INFINITY, s = 0;
      for (int64_t j = 0; j < n; ++j) m = std::max(m, p[at(j)]);
      for (int64_t j = 0; j < n; ++j) s += std::exp(p[at(j)] - m);
      for (int64_t j = 0; j < n; ++j) q[at(j)] = log ? p[at(j)] - m - std::log(s) : std::exp(p[at(j)] - m) / s;
    }
  return y;
}

// Channel index of flat element i of `shape` for a parameter broadcast along axes [1, 1 + pshape.size()).
int64_t channel_of(const Shape& shape, const Shape& pshape, int64_t i) {
  int64_t inner = 1;
  for (size_t d = 1 + pshape.size(); d < shape.size(); ++d) inner *= shape[d];
  return (i / inner) % std::max<int64_t>(shape_numel(pshape), 1);
}

template <typename E>
std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

class TestActivation : public QObject {
  Q_OBJECT
 private slots:
  void elementwise_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QList<qint64>>("shape");
    for (const auto& [name, e] : elementwise_table()) {
      QString n = QString::fromStdString(name);
      for (const QList<qint64>& s : {QList<qint64>{2, 3}, QList<qint64>{2, 3, 4}, QList<qint64>{}, QList<qint64>{2, 0, 3}})
        QTest::newRow(qPrintable(n + " " + QString::fromStdString(shape_to_string(Shape(s.begin(), s.end()))))) << n << s;
    }
  }
  void elementwise() {
    QFETCH(QString, name);
    QFETCH(QList<qint64>, shape);
    const Elementwise& e = elementwise_table().at(name.toStdString());
    Shape s(shape.begin(), shape.end());
    Tensor x = sample(s, e.lo, e.hi, e.kinks);
    // float64 forward, then float32 forward against the reference on the rounded inputs.
    KUSARI_VERIFY_CLOSE(e.f(Variable(x)).data(), map_reference(x, e.ref), 1e-14, 1e-13);
    Tensor x32 = x.astype(Dtype::Float32);
    Variable y32 = e.f(Variable(x32));
    QCOMPARE(y32.dtype(), Dtype::Float32);
    KUSARI_VERIFY_CLOSE(y32.data(), map_reference(x32, e.ref), 1e-6, 1e-5);
    auto f = [&e](const std::vector<Variable>& v) { return one(e.f(v[0])); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
  }

  // A transposed (strided) input and a large one (the parallel relu path) against the reference.
  void elementwise_strided_and_large() {
    for (const auto& [name, e] : elementwise_table()) {
      Tensor x = sample({5, 7}, e.lo, e.hi, e.kinks).transpose();
      QVERIFY(!x.is_contiguous());
      KUSARI_VERIFY_CLOSE(e.f(Variable(x)).data(), map_reference(x, e.ref), 1e-14, 1e-13);
    }
    Tensor big = sample({300, 200}, -1, 1, {}, 0, 11).astype(Dtype::Float32);
    KUSARI_VERIFY_CLOSE(relu(Variable(big)).data(), map_reference(big, [](double v) { return v > 0 ? v : 0.0; }), 0, 0);
  }

  void relu_propagates_nan() {
    Tensor x = ops::from_vector<float>({NAN, -1.f, 2.f}, {3});
    Tensor y = relu(Variable(x)).data();
    QVERIFY(std::isnan(y.at({0})));
    QCOMPARE(y.at({1}), 0.0);
    QCOMPARE(y.at({2}), 2.0);
  }

  // Stable forms: no overflow to Inf/NaN, and the tiny tails keep their value.
  void extreme_inputs() {
    Tensor x = ops::from_vector<double>({-800, -40, 0, 40, 800}, {5});
    Tensor sg = sigmoid(Variable(x)).data();
    QCOMPARE(sg.at({0}), 0.0);
    QVERIFY(std::abs(sg.at({1}) - std::exp(-40.0)) <= 1e-15 * std::exp(-40.0) * 10);
    QCOMPARE(sg.at({4}), 1.0);
    Tensor sp = softplus(Variable(x)).data();
    QCOMPARE(sp.at({4}), 800.0);
    QCOMPARE(sp.at({0}), 0.0);
    QVERIFY(std::abs(sp.at({1}) - std::exp(-40.0)) <= 1e-14 * std::exp(-40.0));
    Tensor sp2 = softplus(Variable(x), 10.0).data();  // beta x = 8000
    QCOMPARE(sp2.at({4}), 800.0);
    QVERIFY(std::abs(sp2.at({2}) - std::log(2.0) / 10) < 1e-15);
    // Phi(-10) = 7.6198530241605260e-24 (tables of the normal distribution): the erf form would give 0.
    Tensor g = gelu(Variable(ops::from_vector<double>({-10}, {1}))).data();
    QVERIFY(std::abs(g.at({0}) - (-10 * 7.6198530241605260e-24)) < 1e-9 * 7.6e-23);
    Tensor ls = log_softmax(Variable(ops::from_vector<double>({1000, 0, -1000}, {1, 3})), 1).data();
    QVERIFY(std::abs(ls.at({0, 0})) < 1e-15);
    QCOMPARE(ls.at({0, 1}), -1000.0);
    QCOMPARE(ls.at({0, 2}), -2000.0);
    Tensor sm = softmax(Variable(ops::from_vector<float>({1000, 1000}, {2})), 0).data();
    QCOMPARE(sm.at({0}), 0.5);
  }

  void softmax_axis_data() {
    QTest::addColumn<bool>("log");
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<qint64>("axis");
    for (bool log : {false, true}) {
      QString n = log ? "log_softmax " : "softmax ";
      auto row = [&](const char* what, QList<qint64> s, qint64 a) { QTest::newRow(qPrintable(n + what)) << log << s << a; };
      row("(3, 4) axis 1", {3, 4}, 1);
      row("(3, 4) axis -1", {3, 4}, -1);
      row("(3, 4) axis 0", {3, 4}, 0);
      row("(5,) axis 0", {5}, 0);
      row("(2, 3, 4) axis 1", {2, 3, 4}, 1);
      row("(2, 3, 4) axis 2", {2, 3, 4}, 2);
      row("(2, 3, 4) axis 0", {2, 3, 4}, 0);
      row("(2, 3, 130) axis 1 (two inner blocks)", {2, 3, 130}, 1);
      row("(2, 0, 3) size-0 axis", {2, 0, 3}, 1);
      row("(0, 3) axis 1", {0, 3}, 1);
      row("(3, 1) axis 1", {3, 1}, 1);
    }
  }
  void softmax_axis() {
    QFETCH(bool, log);
    QFETCH(QList<qint64>, shape);
    QFETCH(qint64, axis);
    Shape s(shape.begin(), shape.end());
    Tensor x = sample(s, -3, 3);
    auto fn = [log, axis](const Variable& v) { return log ? log_softmax(v, axis) : softmax(v, axis); };
    const int64_t ax = axis < 0 ? axis + static_cast<int64_t>(s.size()) : axis;
    KUSARI_VERIFY_CLOSE(fn(Variable(x)).data(), ref_softmax(x, ax, log), 1e-14, 1e-12);
    Tensor x32 = x.astype(Dtype::Float32);
    Variable y32 = fn(Variable(x32));
    QCOMPARE(y32.dtype(), Dtype::Float32);
    KUSARI_VERIFY_CLOSE(y32.data(), ref_softmax(x32, ax, log), 1e-6, 1e-5);
    auto f = [&fn](const std::vector<Variable>& v) { return one(fn(v[0])); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
  }

  // Strided inputs and sizes large enough for the parallel loops.
  void softmax_strided_and_large() {
    Tensor t = sample({4, 6, 5}, -3, 3).permute({2, 0, 1});  // (5, 4, 6), not contiguous
    QVERIFY(!t.is_contiguous());
    for (int64_t axis : {0, 1, 2})
      for (bool log : {false, true}) {
        Variable y = log ? log_softmax(Variable(t), axis) : softmax(Variable(t), axis);
        KUSARI_VERIFY_CLOSE(y.data(), ref_softmax(t, axis, log), 1e-14, 1e-12);
      }
    Tensor rows = sample({64, 1000}, -5, 5, {}, 0, 3).astype(Dtype::Float32);
    KUSARI_VERIFY_CLOSE(softmax(Variable(rows), 1).data(), ref_softmax(rows, 1, false), 1e-7, 1e-4);
    Tensor maps = sample({2, 10, 2000}, -5, 5, {}, 0, 5).astype(Dtype::Float32);
    KUSARI_VERIFY_CLOSE(log_softmax(Variable(maps), 1).data(), ref_softmax(maps, 1, true), 1e-5, 1e-5);
  }

  void parametric_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QList<qint64>>("x_shape");
    QTest::addColumn<QList<qint64>>("p_shape");
    for (QString n : {"prelu", "swish"}) {
      QTest::newRow(qPrintable(n + " (3, 4) by (4,)")) << n << QList<qint64>{3, 4} << QList<qint64>{4};
      QTest::newRow(qPrintable(n + " (2, 3, 4) by (3,)")) << n << QList<qint64>{2, 3, 4} << QList<qint64>{3};
      QTest::newRow(qPrintable(n + " (2, 3, 4) by (3, 4)")) << n << QList<qint64>{2, 3, 4} << QList<qint64>{3, 4};
      QTest::newRow(qPrintable(n + " (2, 3) by ()")) << n << QList<qint64>{2, 3} << QList<qint64>{};
      QTest::newRow(qPrintable(n + " (0, 3) by (3,)")) << n << QList<qint64>{0, 3} << QList<qint64>{3};
      QTest::newRow(qPrintable(n + " (2, 0, 3) by (0,)")) << n << QList<qint64>{2, 0, 3} << QList<qint64>{0};
    }
  }
  void parametric() {
    QFETCH(QString, name);
    QFETCH(QList<qint64>, x_shape);
    QFETCH(QList<qint64>, p_shape);
    Shape xs(x_shape.begin(), x_shape.end()), ps(p_shape.begin(), p_shape.end());
    const bool is_prelu = name == "prelu";
    Tensor x = sample(xs, -2, 2, {0}, 0.1, 3);
    Tensor p = sample(ps, -1.5, 1.5, {}, 0, 9);
    auto fn = [is_prelu](const Variable& v, const Variable& w) { return is_prelu ? prelu(v, w) : swish(v, w); };
    auto ref = [&](const Tensor& xt, const Tensor& pt) {
      Tensor xc = xt.astype(Dtype::Float64).contiguous(), pc = pt.astype(Dtype::Float64).contiguous();
      return tensor_from(xs, [&](int64_t i) {
        double v = xc.data<double>()[i], w = pc.data<double>()[channel_of(xs, ps, i)];
        return is_prelu ? (v > 0 ? v : w * v) : v * ref_sigmoid(w * v);
      });
    };
    KUSARI_VERIFY_CLOSE(fn(Variable(x), Variable(p)).data(), ref(x, p), 1e-14, 1e-13);
    Tensor x32 = x.astype(Dtype::Float32), p32 = p.astype(Dtype::Float32);
    KUSARI_VERIFY_CLOSE(fn(Variable(x32), Variable(p32)).data(), ref(x32, p32), 1e-6, 1e-5);
    auto f = [&fn](const std::vector<Variable>& v) { return one(fn(v[0], v[1])); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x, p}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x, p}));
  }

  void bad_input_names_the_function() {
    Variable ints(ops::zeros({2, 3}, Dtype::Int32));
    for (const auto& [name, e] : elementwise_table()) {
      std::string fn = name.substr(0, name.find(' '));
      std::string msg = error_of<DtypeError>([&] { e.f(ints); });
      QVERIFY2(msg.find(fn) != std::string::npos && msg.find("int32") != std::string::npos, msg.c_str());
    }
    Variable x(ops::zeros({2, 3}, Dtype::Float64));
    std::string msg = error_of<DtypeError>([&] { softmax(ints, 1); });
    QVERIFY2(msg.find("softmax") != std::string::npos, msg.c_str());
    msg = error_of<IndexError>([&] { log_softmax(x, 2); });
    QVERIFY2(msg.find("log_softmax") != std::string::npos, msg.c_str());
    msg = error_of<ShapeError>([&] { softmax(Variable(ops::scalar(1.0, Dtype::Float64)), 0); });
    QVERIFY2(msg.find("softmax") != std::string::npos, msg.c_str());
    msg = error_of<ShapeError>([&] { prelu(x, Variable(ops::zeros({4}, Dtype::Float64))); });
    QVERIFY2(msg.find("prelu") != std::string::npos && msg.find("(4,)") != std::string::npos &&
                 msg.find("(2, 3)") != std::string::npos,
             msg.c_str());
    msg = error_of<ShapeError>([&] { swish(x, Variable(ops::zeros({3, 1}, Dtype::Float64))); });
    QVERIFY2(msg.find("swish") != std::string::npos && msg.find("(3, 1)") != std::string::npos, msg.c_str());
    msg = error_of<DtypeError>([&] { prelu(x, Variable(ops::zeros({3}, Dtype::Float32))); });
    QVERIFY2(msg.find("prelu") != std::string::npos, msg.c_str());
    msg = error_of<ValueError>([&] { softplus(x, 0.0); });
    QVERIFY2(msg.find("softplus") != std::string::npos, msg.c_str());
  }
};

QTEST_APPLESS_MAIN(TestActivation)
#include "test_activation.moc"

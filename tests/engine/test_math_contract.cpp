// tensordot, bias and scale: forward against index-by-index loops, backward and double
// backward numerically for both operands, shape errors naming the function.
#include <QTest>

#include "engine/math_test_support.h"
#include "kusari/functions/math.h"

using namespace kusari;
using namespace kusari::test_support;

namespace {

std::vector<int64_t> unravel(int64_t flat, const Shape& s) {
  std::vector<int64_t> idx(s.size());
  for (int64_t d = static_cast<int64_t>(s.size()) - 1; d >= 0; --d) {
    idx[d] = flat % s[d];
    flat /= s[d];
  }
  return idx;
}

int64_t ravel(const std::vector<int64_t>& idx, const Shape& s) {
  int64_t flat = 0;
  for (size_t d = 0; d < s.size(); ++d) flat = flat * s[d] + idx[d];
  return flat;
}

bool contains(const Axes& axes, int64_t a) { return std::find(axes.begin(), axes.end(), a) != axes.end(); }

// Every pair of elements whose contracted indices agree adds a*b to the output element
// named by the free indices of a then of b (the definition of numpy.tensordot).
Tensor reference_tensordot(const Tensor& a, const Tensor& b, Axes ca, Axes cb) {
  for (auto& v : ca) v = v < 0 ? v + a.ndim() : v;
  for (auto& v : cb) v = v < 0 ? v + b.ndim() : v;
  Shape out;
  for (int64_t d = 0; d < a.ndim(); ++d)
    if (!contains(ca, d)) out.push_back(a.shape()[d]);
  for (int64_t d = 0; d < b.ndim(); ++d)
    if (!contains(cb, d)) out.push_back(b.shape()[d]);
  std::vector<double> y(shape_numel(out), 0.0);
  for (int64_t i = 0; i < a.numel(); ++i) {
    auto ia = unravel(i, a.shape());
    for (int64_t j = 0; j < b.numel(); ++j) {
      auto ib = unravel(j, b.shape());
      bool match = true;
      for (size_t t = 0; t < ca.size(); ++t) match = match && ia[ca[t]] == ib[cb[t]];
      if (!match) continue;
      std::vector<int64_t> io;
      for (int64_t d = 0; d < a.ndim(); ++d)
        if (!contains(ca, d)) io.push_back(ia[d]);
      for (int64_t d = 0; d < b.ndim(); ++d)
        if (!contains(cb, d)) io.push_back(ib[d]);
      y[ravel(io, out)] += a.at(ia) * b.at(ib);
    }
  }
  return tensor_from(out, [&](int64_t i) { return y[i]; });
}

// Chainer's bias/scale reference: b's index is x's index over axes [axis, axis + b.ndim).
Tensor reference_axis_op(const Tensor& x, const Tensor& b, int64_t axis, bool multiply) {
  const int64_t first = axis < 0 ? axis + x.ndim() : axis;
  return tensor_from(x.shape(), [&](int64_t i) {
    auto ix = unravel(i, x.shape());
    std::vector<int64_t> ib(ix.begin() + first, ix.begin() + first + b.ndim());
    return multiply ? x.at(ix) * b.at(ib) : x.at(ix) + b.at(ib);
  });
}

template <typename F>
void expect_shape_error(const char* name, F&& f) {
  try {
    f();
    QFAIL((std::string(name) + ": no error").c_str());
  } catch (const ShapeError& e) {
    QVERIFY2(std::string(e.what()).find(name) != std::string::npos, e.what());
  }
}

}  // namespace

class TestMathContract : public QObject {
  Q_OBJECT
 private slots:
  void tensordot_data() {
    QTest::addColumn<QList<qint64>>("shape_a");
    QTest::addColumn<QList<qint64>>("shape_b");
    QTest::addColumn<QList<qint64>>("a_axes");
    QTest::addColumn<QList<qint64>>("b_axes");
    QTest::addColumn<qint64>("n_axes");  // >= 0: use the n_axes overload instead of the lists
    QTest::newRow("crossed pairs") << QList<qint64>{2, 3, 4} << QList<qint64>{4, 3, 5} << QList<qint64>{1, 2}
                                   << QList<qint64>{1, 0} << qint64{-1};
    QTest::newRow("negative axes") << QList<qint64>{2, 3} << QList<qint64>{3} << QList<qint64>{-1}
                                   << QList<qint64>{-1} << qint64{-1};
    QTest::newRow("middle axes") << QList<qint64>{2, 3, 2} << QList<qint64>{2, 3, 4} << QList<qint64>{1}
                                 << QList<qint64>{1} << qint64{-1};
    QTest::newRow("n=2") << QList<qint64>{2, 3, 4} << QList<qint64>{3, 4, 2} << QList<qint64>{} << QList<qint64>{}
                         << qint64{2};
    QTest::newRow("n=1 matrix product") << QList<qint64>{2, 3} << QList<qint64>{3, 4} << QList<qint64>{}
                                        << QList<qint64>{} << qint64{1};
    QTest::newRow("n=0 outer product") << QList<qint64>{2} << QList<qint64>{3} << QList<qint64>{} << QList<qint64>{}
                                       << qint64{0};
    QTest::newRow("full contraction") << QList<qint64>{2, 3} << QList<qint64>{2, 3} << QList<qint64>{} << QList<qint64>{}
                                      << qint64{2};
    QTest::newRow("empty free axis") << QList<qint64>{0, 3} << QList<qint64>{3, 2} << QList<qint64>{} << QList<qint64>{}
                                     << qint64{1};
    QTest::newRow("empty contracted axis") << QList<qint64>{2, 0} << QList<qint64>{0, 3} << QList<qint64>{}
                                           << QList<qint64>{} << qint64{1};
  }
  void tensordot() {
    QFETCH(QList<qint64>, shape_a);
    QFETCH(QList<qint64>, shape_b);
    QFETCH(QList<qint64>, a_axes);
    QFETCH(QList<qint64>, b_axes);
    QFETCH(qint64, n_axes);
    Tensor a = ops::normal(to_shape(shape_a), 0, 1, Dtype::Float64);
    Tensor b = ops::normal(to_shape(shape_b), 0, 1, Dtype::Float64);
    Axes ca(a_axes.begin(), a_axes.end()), cb(b_axes.begin(), b_axes.end());
    if (n_axes >= 0) {
      ca.clear();
      cb.clear();
      for (int64_t i = 0; i < n_axes; ++i) {
        ca.push_back(a.ndim() - n_axes + i);
        cb.push_back(i);
      }
    }
    auto f = [&](const std::vector<Variable>& in) {
      return std::vector<Variable>{n_axes >= 0 ? kusari::tensordot(in[0], in[1], n_axes)
                                               : kusari::tensordot(in[0], in[1], ca, cb)};
    };
    KUSARI_VERIFY_CLOSE(f({Variable(a), Variable(b)})[0].data(), reference_tensordot(a, b, ca, cb), 1e-13, 1e-13);
    Tensor y32 = f({Variable(a.astype(Dtype::Float32)), Variable(b.astype(Dtype::Float32))})[0].data();
    QCOMPARE(y32.dtype(), Dtype::Float32);
    KUSARI_VERIFY_CLOSE(y32, reference_tensordot(a, b, ca, cb), 1e-5, 1e-5);
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {a, b}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {a, b}));
  }

  void tensordot_errors() {
    Variable a(ops::zeros({2, 3})), b(ops::zeros({3, 4}));
    expect_shape_error("tensordot", [&] { (void)kusari::tensordot(a, b, {0}, {0}); });      // 2 != 3
    expect_shape_error("tensordot", [&] { (void)kusari::tensordot(a, b, {1}, {0, 1}); });   // lengths
    expect_shape_error("tensordot", [&] { (void)kusari::tensordot(a, a, {0, 0}, {0, 0}); });  // repeated
    expect_shape_error("tensordot", [&] { (void)kusari::tensordot(a, b, 3); });
    QVERIFY_THROWS_EXCEPTION(IndexError, kusari::tensordot(a, b, {2}, {0}));
    QVERIFY_THROWS_EXCEPTION(DtypeError, kusari::tensordot(a, Variable(ops::zeros({3, 4}, Dtype::Float64)), 1));
  }

  void axis_ops_data() {
    QTest::addColumn<QString>("op");
    QTest::addColumn<QList<qint64>>("shape_x");
    QTest::addColumn<QList<qint64>>("shape_b");
    QTest::addColumn<qint64>("axis");
    for (const char* op : {"bias", "scale"}) {
      std::string o(op);
      QTest::newRow((o + " channels").c_str()) << op << QList<qint64>{2, 3, 4} << QList<qint64>{3} << qint64{1};
      QTest::newRow((o + " two axes").c_str()) << op << QList<qint64>{2, 3, 4} << QList<qint64>{3, 4} << qint64{1};
      QTest::newRow((o + " axis 0").c_str()) << op << QList<qint64>{2, 3, 4} << QList<qint64>{2} << qint64{0};
      QTest::newRow((o + " last axis").c_str()) << op << QList<qint64>{2, 3, 4} << QList<qint64>{4} << qint64{2};
      QTest::newRow((o + " axis -1").c_str()) << op << QList<qint64>{2, 3} << QList<qint64>{3} << qint64{-1};
      QTest::newRow((o + " empty batch").c_str()) << op << QList<qint64>{0, 3} << QList<qint64>{3} << qint64{1};
    }
  }
  void axis_ops() {
    QFETCH(QString, op);
    QFETCH(QList<qint64>, shape_x);
    QFETCH(QList<qint64>, shape_b);
    QFETCH(qint64, axis);
    const bool multiply = op == "scale";
    Tensor x = ops::normal(to_shape(shape_x), 0, 1, Dtype::Float64);
    Tensor b = ops::normal(to_shape(shape_b), 0, 1, Dtype::Float64);
    auto f = [&](const std::vector<Variable>& in) {
      return std::vector<Variable>{multiply ? scale(in[0], in[1], axis) : bias(in[0], in[1], axis)};
    };
    KUSARI_VERIFY_CLOSE(f({Variable(x), Variable(b)})[0].data(), reference_axis_op(x, b, axis, multiply), 1e-15, 1e-15);
    Tensor y32 = f({Variable(x.astype(Dtype::Float32)), Variable(b.astype(Dtype::Float32))})[0].data();
    QCOMPARE(y32.dtype(), Dtype::Float32);
    KUSARI_VERIFY_CLOSE(y32, reference_axis_op(x, b, axis, multiply), 1e-6, 1e-6);
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x, b}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x, b}));
  }

  void axis_ops_errors() {
    Variable x(ops::zeros({2, 3, 4}));
    expect_shape_error("bias", [&] { (void)bias(x, Variable(ops::zeros({4})), 1); });
    expect_shape_error("scale", [&] { (void)scale(x, Variable(ops::zeros({3, 4})), 2); });
    expect_shape_error("scale", [&] { (void)scale(x, Variable(ops::zeros({3})), -5); });
    QVERIFY_THROWS_EXCEPTION(DtypeError, bias(x, Variable(ops::zeros({3}, Dtype::Float64)), 1));
  }
};

QTEST_APPLESS_MAIN(TestMathContract)
#include "test_math_contract.moc"

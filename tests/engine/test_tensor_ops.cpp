// Core Tensor routines: reductions (sum, prod, max, min, argmax, argmin) over axes with and
// without keepdims, matmul, concat and stack — each against plain loops.
#include <QTest>
#include <cmath>
#include <limits>

#include "engine/array_test_helpers.h"

using namespace kusari;
using namespace kusari::test_support;
using namespace kusari::array_test;

namespace {
// Loop reference of a reduction of x over `axes` (sorted, normalized).
Tensor reduce_reference(const Tensor& x, const Axes& axes, bool keepdims, double init,
                        const std::function<double(double, double)>& step) {
  Shape keep = x.shape();
  for (int64_t a : axes) keep[a] = 1;
  Tensor acc = tensor_from(keep, [&](int64_t) { return init; });
  double* ap = acc.data<double>();
  Strides ks = contiguous_strides(keep);
  for (int64_t i = 0; i < x.numel(); ++i) {
    std::vector<int64_t> m = unravel(i, x.shape());
    int64_t o = 0;
    for (size_t d = 0; d < m.size(); ++d) o += (keep[d] == 1 ? 0 : m[d]) * ks[d];
    ap[o] = step(ap[o], x.at(m));
  }
  if (keepdims) return acc;
  Shape out;
  for (size_t d = 0; d < keep.size(); ++d)
    if (std::find(axes.begin(), axes.end(), static_cast<int64_t>(d)) == axes.end()) out.push_back(keep[d]);
  return acc.reshape(out);
}

std::vector<Tensor> inputs_3d() {
  Tensor x = ops::uniform({2, 3, 4}, -2, 2, Dtype::Float64);
  return {x, x.transpose().contiguous().transpose(), ops::uniform({4, 3, 2}, -2, 2, Dtype::Float64).transpose(),
          ops::uniform({2, 3, 4}, -3, 3, Dtype::Float64).astype(Dtype::Int32)};  // products fit int32
}
}  // namespace

class TestTensorOps : public QObject {
  Q_OBJECT
 private slots:
  void reductions_data() {
    QTest::addColumn<QList<qint64>>("axes");
    QTest::addColumn<bool>("keepdims");
    QTest::newRow("all") << QList<qint64>{} << false;
    QTest::newRow("all keepdims") << QList<qint64>{} << true;
    QTest::newRow("0") << QList<qint64>{0} << false;
    QTest::newRow("1 keepdims") << QList<qint64>{1} << true;
    QTest::newRow("-1") << QList<qint64>{-1} << false;
    QTest::newRow("0,2") << QList<qint64>{0, 2} << false;
    QTest::newRow("0,1 keepdims") << QList<qint64>{0, 1} << true;
    QTest::newRow("2,0,1") << QList<qint64>{2, 0, 1} << false;
  }
  void reductions() {
    QFETCH(QList<qint64>, axes);
    QFETCH(bool, keepdims);
    Axes ax(axes.begin(), axes.end()), norm;
    for (int64_t a : ax) norm.push_back(a < 0 ? a + 3 : a);
    if (norm.empty()) norm = {0, 1, 2};
    std::sort(norm.begin(), norm.end());
    const double inf = std::numeric_limits<double>::infinity();
    for (const Tensor& x : inputs_3d()) {
      Tensor s = ops::sum(x, ax, keepdims);
      QCOMPARE(s.dtype(), x.dtype() == Dtype::Int32 ? Dtype::Int32 : Dtype::Float64);
      KUSARI_VERIFY_CLOSE(s, reduce_reference(x, norm, keepdims, 0, [](double a, double v) { return a + v; }), 1e-12, 1e-12);
      KUSARI_VERIFY_CLOSE(ops::prod(x, ax, keepdims),
                          reduce_reference(x, norm, keepdims, 1, [](double a, double v) { return a * v; }), 1e-12, 1e-12);
      KUSARI_VERIFY_CLOSE(ops::max(x, ax, keepdims),
                          reduce_reference(x, norm, keepdims, -inf, [](double a, double v) { return std::max(a, v); }), 0, 0);
      KUSARI_VERIFY_CLOSE(ops::min(x, ax, keepdims),
                          reduce_reference(x, norm, keepdims, inf, [](double a, double v) { return std::min(a, v); }), 0, 0);
      Tensor mean = ops::mean(x, ax, keepdims);
      double count = 1;
      for (int64_t a : norm) count *= static_cast<double>(x.shape()[a]);
      KUSARI_VERIFY_CLOSE(mean, map_reference(reduce_reference(x, norm, keepdims, 0, [](double a, double v) { return a + v; }),
                                              [&](double v) { return v / count; }),
                          1e-12, 1e-12);
    }
  }

  void reductions_edge_cases() {
    Tensor b = ops::from_vector<bool>({true, false, true, true}, {2, 2});
    Tensor bs = ops::sum(b, {1});
    QCOMPARE(bs.dtype(), Dtype::Int64);  // NumPy sums booleans as integers
    KUSARI_VERIFY_CLOSE(bs, ops::from_vector<double>({1, 2}, {2}), 0, 0);
    Tensor e = ops::zeros({0, 3}, Dtype::Float64);
    KUSARI_VERIFY_CLOSE(ops::sum(e, {0}), ops::zeros({3}, Dtype::Float64), 0, 0);
    KUSARI_VERIFY_CLOSE(ops::prod(e, {0}), ops::ones({3}, Dtype::Float64), 0, 0);
    QCOMPARE(ops::sum(e, {1}).shape(), (Shape{0}));
    QVERIFY(contains(error_of<ValueError>([&] { ops::max(e, {0}); }), "max"));
    QVERIFY(contains(error_of<IndexError>([&] { ops::sum(e, {2}); }), "sum"));
    QVERIFY(contains(error_of<ValueError>([&] { ops::sum(e, {0, -2}); }), "repeated"));
    Tensor nan = ops::from_vector<double>({1, std::nan(""), 3}, {3});
    QVERIFY(std::isnan(ops::max(nan).item()) && std::isnan(ops::min(nan).item()));
    QCOMPARE(ops::sum(ops::scalar(2.5, Dtype::Float64)).item(), 2.5);
  }

  void argmax_argmin_data() {
    QTest::addColumn<qint64>("axis");
    QTest::newRow("0") << qint64(0);
    QTest::newRow("1") << qint64(1);
    QTest::newRow("-1") << qint64(-1);
  }
  void argmax_argmin() {
    QFETCH(qint64, axis);
    const int64_t ax = axis < 0 ? axis + 3 : axis;
    for (const Tensor& x : inputs_3d()) {
      Shape out = x.shape();
      out.erase(out.begin() + ax);
      for (bool is_max : {true, false}) {
        Tensor r = is_max ? ops::argmax(x, axis) : ops::argmin(x, axis);
        QCOMPARE(r.dtype(), Dtype::Int64);
        KUSARI_VERIFY_CLOSE(r, reference(out, [&](auto m) {
                              m.insert(m.begin() + ax, 0);
                              int64_t best = 0;
                              double bv = x.at(m);
                              for (int64_t k = 1; k < x.shape()[ax]; ++k) {  // first occurrence wins
                                m[ax] = k;
                                double v = x.at(m);
                                if (is_max ? v > bv : v < bv) { bv = v; best = k; }
                              }
                              return static_cast<double>(best);
                            }), 0, 0);
      }
      Tensor flat = x.contiguous().reshape({x.numel()});
      int64_t best = 0;
      for (int64_t i = 1; i < x.numel(); ++i)
        if (flat.at({i}) > flat.at({best})) best = i;
      QCOMPARE(ops::argmax(x, 0, true).item(), static_cast<double>(best));
    }
    QCOMPARE(ops::argmax(ops::from_vector<double>({1, 5, 5, 2}, {4})).item(), 1.0);
    QVERIFY(contains(error_of<ValueError>([] { ops::argmax(ops::zeros({2, 0}), 1); }), "argmax"));
  }

  void matmul_data() {
    QTest::addColumn<QList<qint64>>("a");
    QTest::addColumn<QList<qint64>>("b");
    QTest::addColumn<bool>("ta");
    QTest::addColumn<bool>("tb");
    QTest::newRow("2d") << QList<qint64>{3, 4} << QList<qint64>{4, 5} << false << false;
    QTest::newRow("trans a") << QList<qint64>{4, 3} << QList<qint64>{4, 5} << true << false;
    QTest::newRow("trans b") << QList<qint64>{3, 4} << QList<qint64>{5, 4} << false << true;
    QTest::newRow("trans both") << QList<qint64>{4, 3} << QList<qint64>{5, 4} << true << true;
    QTest::newRow("batch broadcast") << QList<qint64>{2, 1, 3, 4} << QList<qint64>{5, 4, 2} << false << false;
    QTest::newRow("vector left") << QList<qint64>{4} << QList<qint64>{2, 4, 3} << false << false;
    QTest::newRow("vector right") << QList<qint64>{2, 3, 4} << QList<qint64>{4} << false << false;
    QTest::newRow("dot") << QList<qint64>{4} << QList<qint64>{4} << false << false;
    QTest::newRow("k = 0") << QList<qint64>{3, 0} << QList<qint64>{0, 2} << false << false;
  }
  void matmul() {
    QFETCH(QList<qint64>, a);
    QFETCH(QList<qint64>, b);
    QFETCH(bool, ta);
    QFETCH(bool, tb);
    Tensor x = random64(to_shape(a)), y = random64(to_shape(b));
    // The reference works on 2-D-or-more operands with explicit transposes, then drops 1-D axes.
    Tensor x2 = x.ndim() == 1 ? x.reshape({1, x.numel()}) : (ta ? x.swapaxes(-1, -2) : x);
    Tensor y2 = y.ndim() == 1 ? y.reshape({y.numel(), 1}) : (tb ? y.swapaxes(-1, -2) : y);
    const int64_t m = x2.shape()[x2.ndim() - 2], k = x2.shape()[x2.ndim() - 1], n = y2.shape()[y2.ndim() - 1];
    Shape xb(x2.shape().begin(), x2.shape().end() - 2), yb(y2.shape().begin(), y2.shape().end() - 2);
    Shape batch = broadcast_shapes(xb, yb);
    Shape full = batch;
    full.insert(full.end(), {m, n});
    Tensor xf = x2.broadcast_to([&] { Shape s = batch; s.insert(s.end(), {m, k}); return s; }());
    Tensor yf = y2.broadcast_to([&] { Shape s = batch; s.insert(s.end(), {k, n}); return s; }());
    Tensor ref = reference(full, [&](const auto& idx) {
      double s = 0;
      std::vector<int64_t> ia = idx, ib = idx;
      for (int64_t j = 0; j < k; ++j) {
        ia[ia.size() - 1] = j;
        ib[ib.size() - 2] = j;
        s += xf.at(ia) * yf.at(ib);
      }
      return s;
    });
    Shape out = batch;
    if (x.ndim() != 1) out.push_back(m);
    if (y.ndim() != 1) out.push_back(n);
    Tensor r = ops::matmul(x, y, ta, tb);
    QCOMPARE(r.shape(), out);
    KUSARI_VERIFY_CLOSE(r, ref.reshape(out), 1e-12, 1e-12);
  }

  void matmul_dtypes_and_errors() {
    Tensor i = ops::arange(0, 6, 1, Dtype::Int32).reshape({2, 3});
    Tensor r = ops::matmul(i, i, false, true);
    QCOMPARE(r.dtype(), Dtype::Float32);
    KUSARI_VERIFY_CLOSE(r, ops::from_vector<double>({5, 14, 14, 50}, {2, 2}), 0, 0);
    QCOMPARE(ops::matmul(ops::ones({2, 2}), ops::ones({2, 2}, Dtype::Float64)).dtype(), Dtype::Float64);
    std::string e = error_of<ShapeError>([] { ops::matmul(ops::zeros({2, 3}), ops::zeros({4, 2})); });
    QVERIFY(contains(e, "matmul") && contains(e, "(2, 3)") && contains(e, "(4, 2)"));
    e = error_of<ShapeError>([] { ops::matmul(ops::zeros({2, 2, 3}), ops::zeros({3, 3, 1})); });
    QVERIFY(contains(e, "(2,)") && contains(e, "(3,)"));
    QVERIFY(contains(error_of<ShapeError>([] { ops::matmul(ops::scalar(1), ops::zeros({2})); }), "matmul"));
  }

  void concat_and_stack() {
    Tensor a = random64({2, 3}), b = random64({2, 1}).astype(Dtype::Float32), c = random64({4, 3}).transpose();
    Tensor y = ops::concat({a, b, c.transpose().slice(0, 0, 2)}, -1);
    QCOMPARE(y.dtype(), Dtype::Float64);
    QCOMPARE(y.shape(), (Shape{2, 7}));
    Tensor bd = b.astype(Dtype::Float64), cd = c.transpose();
    KUSARI_VERIFY_CLOSE(y, reference({2, 7}, [&](const auto& m) {
                          if (m[1] < 3) return a.at(m);
                          if (m[1] < 4) return bd.at({m[0], 0});
                          return cd.at({m[0], m[1] - 4});
                        }), 0, 0);
    Tensor s = ops::stack({a, a.transpose().transpose(), ops::zeros({2, 3}, Dtype::Int32)}, 1);
    QCOMPARE(s.shape(), (Shape{2, 3, 3}));
    KUSARI_VERIFY_CLOSE(s, reference({2, 3, 3}, [&](const auto& m) { return m[1] == 2 ? 0.0 : a.at({m[0], m[2]}); }), 0, 0);
    Tensor scalars = ops::stack({ops::scalar(1, Dtype::Float64), ops::scalar(2, Dtype::Float64)}, 0);
    KUSARI_VERIFY_CLOSE(scalars, ops::from_vector<double>({1, 2}, {2}), 0, 0);
    std::string e = error_of<ShapeError>([&] { ops::concat({a, random64({3, 3})}, 1); });
    QVERIFY(contains(e, "concat") && contains(e, "(2, 3)") && contains(e, "(3, 3)"));
    QVERIFY(contains(error_of<ShapeError>([&] { ops::concat({a, random64({6})}, 0); }), "concat"));
    QVERIFY(contains(error_of<ShapeError>([&] { ops::concat({ops::scalar(1), ops::scalar(2)}, 0); }), "concat"));
    QVERIFY(contains(error_of<ValueError>([&] { ops::concat({}, 0); }), "concat"));
    QVERIFY(contains(error_of<ShapeError>([&] { ops::stack({a, b}, 0); }), "stack"));
  }

  void add_in_place() {
    // acc += b in acc's own buffer for b of acc's shape or one that broadcasts to it (a bias row, a
    // column); refused (acc untouched) for any other shape, dtype, a strided acc or shared memory.
    for (const Shape& bs : {Shape{3, 4}, Shape{4}, Shape{3, 1}, Shape{1, 4}, Shape{}}) {
      Tensor acc = random64({3, 4}), b = random64(bs);
      Tensor expected = ops::add(acc, b);
      const void* buffer = acc.raw_data();
      QVERIFY(ops::add_in_place(acc, b));
      QCOMPARE(acc.raw_data(), buffer);
      KUSARI_VERIFY_CLOSE(acc, expected, 0, 0);
    }
    Tensor acc = random64({3, 4});
    const Tensor before = ops::add(acc, 0.0);  // a copy
    QVERIFY(!ops::add_in_place(acc, random64({3})));                          // does not broadcast
    QVERIFY(!ops::add_in_place(acc, random64({2, 3, 4})));                    // would grow acc
    QVERIFY(!ops::add_in_place(acc, random64({4}).astype(Dtype::Float32)));  // another dtype
    QVERIFY(!ops::add_in_place(acc, acc.slice(0, 0, 1)));                    // reads what it writes
    QVERIFY(!ops::add_in_place(acc.transpose(), random64({3})));             // acc strided
    KUSARI_VERIFY_CLOSE(acc, before, 0, 0);
  }
};

QTEST_APPLESS_MAIN(TestTensorOps)
#include "test_tensor_ops.moc"

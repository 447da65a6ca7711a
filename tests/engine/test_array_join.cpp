// Array family, joining and splitting: concat, stack, hstack, vstack, split_axis, separate.
#include <QTest>

#include "engine/array_test_helpers.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/array.h"
#include "kusari/functions/reduction.h"

using namespace kusari;
using namespace kusari::test_support;
using namespace kusari::array_test;

namespace {
// Reference concatenation of xs along axis (plain loops over each input's positions).
Tensor concat_reference(const std::vector<Tensor>& xs, int64_t axis) {
  Shape out = xs[0].shape();
  out[axis] = 0;
  for (const Tensor& x : xs) out[axis] += x.shape()[axis];
  return reference(out, [&](auto m) {
    for (const Tensor& x : xs) {
      if (m[axis] < x.shape()[axis]) return x.at(m);
      m[axis] -= x.shape()[axis];
    }
    return 0.0 / 0.0;
  });
}
std::vector<Variable> vars(const std::vector<Tensor>& ts) { return std::vector<Variable>(ts.begin(), ts.end()); }
}  // namespace

class TestArrayJoin : public QObject {
  Q_OBJECT
 private slots:
  void concat_data() {
    QTest::addColumn<QList<qint64>>("sizes");  // along the axis, one per input
    QTest::addColumn<qint64>("axis");
    QTest::newRow("axis 0") << QList<qint64>{1, 2, 3} << qint64(0);
    QTest::newRow("axis 1") << QList<qint64>{2, 1} << qint64(1);
    QTest::newRow("axis -1") << QList<qint64>{3, 2} << qint64(-1);
    QTest::newRow("one input") << QList<qint64>{2} << qint64(1);
    QTest::newRow("size 0 part") << QList<qint64>{2, 0, 1} << qint64(1);
  }
  void concat() {
    QFETCH(QList<qint64>, sizes);
    QFETCH(qint64, axis);
    const int64_t ax = axis < 0 ? axis + 3 : axis;
    std::vector<Tensor> xs;
    for (qint64 n : sizes) {
      Shape s{2, 3, 2};
      s[ax] = n;
      xs.push_back(random64(s));
    }
    Variable y = kusari::concat(vars(xs), axis);
    KUSARI_VERIFY_CLOSE(y.data(), concat_reference(xs, ax), 0, 0);
    auto f = [axis](const std::vector<Variable>& v) { return one(kusari::concat(v, axis)); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, xs));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, xs));
  }

  void concat_mixed_dtypes() {
    Variable a(ops::ones({2}, Dtype::Float32), true), b(ops::ones({3}, Dtype::Float64), true);
    Variable y = kusari::concat({a, b}, 0);
    QCOMPARE(y.dtype(), Dtype::Float64);
    sum(y * Variable(ops::arange(0, 5, 1, Dtype::Float64))).backward();
    QCOMPARE(a.grad().dtype(), Dtype::Float32);
    KUSARI_VERIFY_CLOSE(a.grad().data(), ops::arange(0, 2, 1, Dtype::Float64), 0, 0);
    KUSARI_VERIFY_CLOSE(b.grad().data(), ops::arange(2, 5, 1, Dtype::Float64), 0, 0);
  }

  void concat_errors() {
    Variable a(ops::zeros({2, 3})), b(ops::zeros({2, 4}));
    std::string e = error_of<ShapeError>([&] { kusari::concat({a, b}, 0); });
    QVERIFY(contains(e, "concat") && contains(e, "(2, 3)") && contains(e, "(2, 4)"));
    QVERIFY(contains(error_of<ValueError>([&] { kusari::concat({}, 0); }), "concat"));
    QVERIFY(contains(error_of<IndexError>([&] { kusari::concat({a, a}, 2); }), "concat"));
  }

  void stack_data() {
    QTest::addColumn<qint64>("axis");
    QTest::newRow("0") << qint64(0);
    QTest::newRow("1") << qint64(1);
    QTest::newRow("-1") << qint64(-1);
  }
  void stack() {
    QFETCH(qint64, axis);
    std::vector<Tensor> xs{random64({2, 3}), random64({2, 3}), random64({2, 3})};
    Variable y = kusari::stack(vars(xs), axis);
    const int64_t ax = axis < 0 ? axis + 3 : axis;
    Shape out{2, 3};
    out.insert(out.begin() + ax, 3);
    KUSARI_VERIFY_CLOSE(y.data(), reference(out, [&](auto m) {
                          int64_t k = m[ax];
                          m.erase(m.begin() + ax);
                          return xs[k].at(m);
                        }), 0, 0);
    auto f = [axis](const std::vector<Variable>& v) { return one(kusari::stack(v, axis)); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, xs));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, xs));
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {random64({0, 2}), random64({0, 2})}));
  }

  void stack_error_names_shapes() {
    std::string e = error_of<ShapeError>([] { kusari::stack({Variable(ops::zeros({2})), Variable(ops::zeros({3}))}); });
    QVERIFY(contains(e, "stack") && contains(e, "(2,)") && contains(e, "(3,)"));
  }

  void hstack_and_vstack() {
    Tensor a = random64({2}), b = random64({3});
    KUSARI_VERIFY_CLOSE(hstack({Variable(a), Variable(b)}).data(), concat_reference({a, b}, 0), 0, 0);
    Tensor p = random64({2, 1}), q = random64({2, 3});
    KUSARI_VERIFY_CLOSE(hstack({Variable(p), Variable(q)}).data(), concat_reference({p, q}, 1), 0, 0);
    Tensor s = ops::full({}, 4.0, Dtype::Float64);
    KUSARI_VERIFY_CLOSE(hstack({Variable(s), Variable(a)}).data(), concat_reference({s.reshape({1}), a}, 0), 0, 0);
    // vstack: 1-D inputs become rows.
    Tensor r1 = random64({3}), r2 = random64({3});
    Variable v = vstack({Variable(r1), Variable(r2), Variable(q)});
    QCOMPARE(v.shape(), (Shape{4, 3}));
    KUSARI_VERIFY_CLOSE(v.data(), reference({4, 3}, [&](const auto& m) {
                          return m[0] == 0 ? r1.at({m[1]}) : m[0] == 1 ? r2.at({m[1]}) : q.at({m[0] - 2, m[1]});
                        }), 0, 0);
    auto fh = [](const std::vector<Variable>& x) { return one(hstack(x)); };
    KUSARI_VERIFY_NO_ERROR(backward_error(fh, {p, q}));
    auto fv = [](const std::vector<Variable>& x) { return one(vstack(x)); };
    KUSARI_VERIFY_NO_ERROR(backward_error(fv, {r1, q}));
    QVERIFY(contains(error_of<ValueError>([] { hstack({}); }), "hstack"));
    QVERIFY(contains(error_of<ShapeError>([&] { vstack({Variable(a), Variable(b)}); }), "concat"));
  }

  void split_sections() {
    Tensor x = random64({2, 6});
    std::vector<Variable> ys = split_axis(Variable(x), 3, 1);
    QCOMPARE(ys.size(), size_t(3));
    for (int64_t k = 0; k < 3; ++k) {
      QCOMPARE(ys[k].shape(), (Shape{2, 2}));
      QVERIFY(ys[k].data().shares_storage(x));
      KUSARI_VERIFY_CLOSE(ys[k].data(), reference({2, 2}, [&](const auto& m) { return x.at({m[0], 2 * k + m[1]}); }), 0, 0);
    }
    auto f = [](const std::vector<Variable>& v) { return split_axis(v[0], 3, -1); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
    auto f0 = [](const std::vector<Variable>& v) { return split_axis(v[0], 2, 0); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f0, {random64({0, 3})}));
    std::string e = error_of<ValueError>([&] { split_axis(Variable(x), 4, 1); });
    QVERIFY(contains(e, "split_axis") && contains(e, "equal division"));
    QVERIFY(contains(error_of<ValueError>([&] { split_axis(Variable(x), 0, 1); }), "split_axis"));
  }

  void split_indices_data() {
    QTest::addColumn<QList<qint64>>("indices");
    QTest::newRow("increasing") << QList<qint64>{1, 3};
    QTest::newRow("empty piece") << QList<qint64>{2, 2, 4};
    QTest::newRow("negative") << QList<qint64>{-3, -1};
    QTest::newRow("past the end") << QList<qint64>{2, 9};
    QTest::newRow("overlapping") << QList<qint64>{4, 1};
    QTest::newRow("none") << QList<qint64>{};
  }
  void split_indices() {
    QFETCH(QList<qint64>, indices);
    std::vector<int64_t> idx(indices.begin(), indices.end());
    const int64_t n = 5;
    Tensor x = random64({n, 2});
    std::vector<Variable> ys = split_axis(Variable(x), idx, 0);
    QCOMPARE(ys.size(), idx.size() + 1);
    // Python slicing: x[b[k]:b[k+1]] with b = [0] + indices + [n].
    std::vector<int64_t> b{0};
    for (int64_t i : idx) b.push_back(std::min(std::max(i < 0 ? i + n : i, int64_t(0)), n));
    b.push_back(n);
    for (size_t k = 0; k < ys.size(); ++k) {
      int64_t len = std::max<int64_t>(0, b[k + 1] - b[k]);
      QCOMPARE(ys[k].shape(), (Shape{len, 2}));
      KUSARI_VERIFY_CLOSE(ys[k].data(), reference({len, 2}, [&](const auto& m) { return x.at({b[k] + m[0], m[1]}); }), 0, 0);
    }
    auto f = [idx](const std::vector<Variable>& v) { return split_axis(v[0], idx, 0); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
  }

  void split_unused_outputs_get_zero_gradient() {
    Variable x(random64({4, 3}), true);
    std::vector<Variable> ys = split_axis(x, 2, 0);
    sum(ys[1]).backward();
    KUSARI_VERIFY_CLOSE(x.grad().data(), reference({4, 3}, [](const auto& m) { return m[0] >= 2 ? 1.0 : 0.0; }), 0, 0);
  }

  void separate_data() {
    QTest::addColumn<qint64>("axis");
    QTest::newRow("0") << qint64(0);
    QTest::newRow("1") << qint64(1);
    QTest::newRow("-1") << qint64(-1);
  }
  void separate() {
    QFETCH(qint64, axis);
    Tensor x = random64({2, 3, 4});
    const int64_t ax = axis < 0 ? axis + 3 : axis;
    std::vector<Variable> ys = kusari::separate(Variable(x), axis);
    QCOMPARE(static_cast<int64_t>(ys.size()), x.shape()[ax]);
    Shape part = x.shape();
    part.erase(part.begin() + ax);
    for (size_t k = 0; k < ys.size(); ++k)
      KUSARI_VERIFY_CLOSE(ys[k].data(), reference(part, [&](auto m) {
                            m.insert(m.begin() + ax, static_cast<int64_t>(k));
                            return x.at(m);
                          }), 0, 0);
    auto f = [axis](const std::vector<Variable>& v) { return kusari::separate(v[0], axis); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
    QVERIFY(kusari::separate(Variable(ops::zeros({0, 2})), 0).empty());
  }
};

QTEST_APPLESS_MAIN(TestArrayJoin)
#include "test_array_join.moc"

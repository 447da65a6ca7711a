// Array family, shape routines and misc: swapaxes, moveaxis, expand_dims, squeeze, flatten,
// flip, tile, repeat, where, pad, cast, copy. Forward against loops, backward numerically.
#include <QTest>

#include "engine/array_test_helpers.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/array.h"
#include "kusari/functions/reduction.h"

using namespace kusari;
using namespace kusari::test_support;
using namespace kusari::array_test;

class TestArray : public QObject {
  Q_OBJECT
 private slots:
  void swapaxes_forward() {
    Tensor x = random64({2, 3, 4});
    Variable y = swapaxes(Variable(x), 0, -1);
    QCOMPARE(y.shape(), (Shape{4, 3, 2}));
    QVERIFY(y.data().shares_storage(x));
    KUSARI_VERIFY_CLOSE(y.data(), reference({4, 3, 2}, [&](const auto& m) { return x.at({m[2], m[1], m[0]}); }), 0, 0);
  }

  void swapaxes_backward_data() {
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<qint64>("a");
    QTest::addColumn<qint64>("b");
    QTest::newRow("2d") << QList<qint64>{3, 4} << qint64(0) << qint64(1);
    QTest::newRow("3d negative") << QList<qint64>{2, 3, 4} << qint64(-1) << qint64(1);
    QTest::newRow("same axis") << QList<qint64>{2, 3} << qint64(1) << qint64(1);
    QTest::newRow("size 0") << QList<qint64>{2, 0, 3} << qint64(0) << qint64(1);
  }
  void swapaxes_backward() {
    QFETCH(QList<qint64>, shape);
    QFETCH(qint64, a);
    QFETCH(qint64, b);
    auto f = [a, b](const std::vector<Variable>& x) { return one(swapaxes(x[0], a, b)); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {random64(to_shape(shape))}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {random64(to_shape(shape))}));
  }

  void moveaxis_forward() {
    Tensor x = random64({2, 3, 4});
    // NumPy: moveaxis(x, [0, 2], [1, 0]) has axes (2, 0, 1) of x.
    Variable y = moveaxis(Variable(x), {0, 2}, {1, 0});
    QCOMPARE(y.shape(), (Shape{4, 2, 3}));
    KUSARI_VERIFY_CLOSE(y.data(), reference({4, 2, 3}, [&](const auto& m) { return x.at({m[1], m[2], m[0]}); }), 0, 0);
    Variable z = moveaxis(Variable(x), {0}, {-1});
    KUSARI_VERIFY_CLOSE(z.data(), reference({3, 4, 2}, [&](const auto& m) { return x.at({m[2], m[0], m[1]}); }), 0, 0);
    auto f = [](const std::vector<Variable>& v) { return one(moveaxis(v[0], {0, 2}, {1, 0})); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    QVERIFY(contains(error_of<ValueError>([&] { moveaxis(Variable(x), {0, 1}, {1}); }), "moveaxis"));
    QVERIFY(contains(error_of<ValueError>([&] { moveaxis(Variable(x), {0, 0}, {1, 2}); }), "moveaxis"));
    QVERIFY(contains(error_of<IndexError>([&] { moveaxis(Variable(x), {3}, {0}); }), "moveaxis"));
  }

  void expand_dims_and_squeeze() {
    Tensor x = random64({2, 3});
    Variable e = expand_dims(Variable(x), 1);
    QCOMPARE(e.shape(), (Shape{2, 1, 3}));
    QVERIFY(e.data().shares_storage(x));
    KUSARI_VERIFY_CLOSE(e.data(), reference({2, 1, 3}, [&](const auto& m) { return x.at({m[0], m[2]}); }), 0, 0);
    QCOMPARE(expand_dims(Variable(x), -1).shape(), (Shape{2, 3, 1}));
    Variable s = squeeze(e);
    QCOMPARE(s.shape(), (Shape{2, 3}));
    KUSARI_VERIFY_CLOSE(s.data(), x, 0, 0);
    QCOMPARE(squeeze(Variable(ops::zeros({1, 2, 1})), {-1}).shape(), (Shape{1, 2}));
    QVERIFY(contains(error_of<ValueError>([&] { squeeze(Variable(x), {0}); }), "squeeze"));
    QVERIFY(contains(error_of<IndexError>([&] { expand_dims(Variable(x), 3); }), "expand_dims"));
    for (Shape shape : {Shape{2, 3}, Shape{0, 3}}) {
      auto fe = [](const std::vector<Variable>& v) { return one(expand_dims(v[0], 0)); };
      KUSARI_VERIFY_NO_ERROR(backward_error(fe, {random64(shape)}));
      KUSARI_VERIFY_NO_ERROR(double_backward_error(fe, {random64(shape)}));
      Shape with_one = shape;
      with_one.insert(with_one.begin() + 1, 1);
      auto fs = [](const std::vector<Variable>& v) { return one(squeeze(v[0])); };
      KUSARI_VERIFY_NO_ERROR(backward_error(fs, {random64(with_one)}));
      KUSARI_VERIFY_NO_ERROR(double_backward_error(fs, {random64(with_one)}));
    }
  }

  void flatten_non_contiguous() {
    Tensor x = random64({3, 4});
    Variable y = flatten(Variable(x.transpose()));
    QCOMPARE(y.shape(), (Shape{12}));
    KUSARI_VERIFY_CLOSE(y.data(), reference({12}, [&](const auto& m) { return x.at({m[0] % 3, m[0] / 3}); }), 0, 0);
    auto f = [](const std::vector<Variable>& v) { return one(flatten(swapaxes(v[0], 0, 1))); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
  }

  void flip_data() {
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<qint64>("axis");
    QTest::newRow("1d") << QList<qint64>{5} << qint64(0);
    QTest::newRow("axis 0") << QList<qint64>{3, 4} << qint64(0);
    QTest::newRow("axis -1") << QList<qint64>{2, 3, 4} << qint64(-1);
    QTest::newRow("middle") << QList<qint64>{2, 3, 4} << qint64(1);
    QTest::newRow("size 0") << QList<qint64>{2, 0} << qint64(1);
  }
  void flip() {
    QFETCH(QList<qint64>, shape);
    QFETCH(qint64, axis);
    Shape s = to_shape(shape);
    Tensor x = random64(s);
    int64_t ax = axis < 0 ? axis + static_cast<int64_t>(s.size()) : axis;
    Variable y = kusari::flip(Variable(x), axis);
    KUSARI_VERIFY_CLOSE(y.data(), reference(s, [&](auto m) {
                          m[ax] = s[ax] - 1 - m[ax];
                          return x.at(m);
                        }), 0, 0);
    auto f = [axis](const std::vector<Variable>& v) { return one(kusari::flip(v[0], axis)); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
  }

  void tile_data() {
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<QList<qint64>>("reps");
    QTest::addColumn<QList<qint64>>("expected");
    QTest::newRow("1d") << QList<qint64>{3} << QList<qint64>{2} << QList<qint64>{6};
    QTest::newRow("2d") << QList<qint64>{2, 3} << QList<qint64>{2, 3} << QList<qint64>{4, 9};
    QTest::newRow("more reps") << QList<qint64>{3} << QList<qint64>{2, 1, 2} << QList<qint64>{2, 1, 6};
    QTest::newRow("fewer reps") << QList<qint64>{2, 3} << QList<qint64>{2} << QList<qint64>{2, 6};
    QTest::newRow("zero rep") << QList<qint64>{2, 3} << QList<qint64>{0, 2} << QList<qint64>{0, 6};
    QTest::newRow("5d") << QList<qint64>{1, 2, 1, 2, 1} << QList<qint64>{2, 1, 2, 1, 2} << QList<qint64>{2, 2, 2, 2, 2};
  }
  void tile() {
    QFETCH(QList<qint64>, shape);
    QFETCH(QList<qint64>, reps);
    QFETCH(QList<qint64>, expected);
    Shape s = to_shape(shape), out = to_shape(expected);
    Tensor x = random64(s);
    Variable y = kusari::tile(Variable(x), to_shape(reps));
    QCOMPARE(y.shape(), out);
    KUSARI_VERIFY_CLOSE(y.data(), reference(out, [&](const auto& m) {
                          std::vector<int64_t> src(s.size());
                          size_t lead = m.size() - s.size();
                          for (size_t d = 0; d < s.size(); ++d) src[d] = m[lead + d] % s[d];
                          return x.at(src);
                        }), 0, 0);
    Shape r = to_shape(reps);
    auto f = [r](const std::vector<Variable>& v) { return one(kusari::tile(v[0], r)); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
  }

  void repeat_data() {
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<qint64>("repeats");
    QTest::addColumn<qint64>("axis");  // 99: no axis (flattened)
    QTest::newRow("flattened") << QList<qint64>{2, 3} << qint64(2) << qint64(99);
    QTest::newRow("axis 0") << QList<qint64>{2, 3} << qint64(3) << qint64(0);
    QTest::newRow("axis -1") << QList<qint64>{2, 3} << qint64(2) << qint64(-1);
    QTest::newRow("middle") << QList<qint64>{2, 3, 2} << qint64(2) << qint64(1);
    QTest::newRow("zero") << QList<qint64>{2, 3} << qint64(0) << qint64(1);
  }
  void repeat() {
    QFETCH(QList<qint64>, shape);
    QFETCH(qint64, repeats);
    QFETCH(qint64, axis);
    Shape s = to_shape(shape);
    Tensor x = random64(s);
    std::optional<int64_t> ax = axis == 99 ? std::nullopt : std::optional<int64_t>(axis);
    Variable y = kusari::repeat(Variable(x), repeats, ax);
    Tensor src = ax ? x : x.reshape({x.numel()});
    int64_t a = ax ? (*ax < 0 ? *ax + x.ndim() : *ax) : 0;
    Shape out = src.shape();
    out[a] *= repeats;
    QCOMPARE(y.shape(), out);
    KUSARI_VERIFY_CLOSE(y.data(), reference(out, [&](auto m) {
                          m[a] /= repeats;
                          return src.at(m);
                        }), 0, 0);
    auto f = [repeats, ax](const std::vector<Variable>& v) { return one(kusari::repeat(v[0], repeats, ax)); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
  }

  void tile_repeat_errors() {
    Variable x(ops::zeros({2}));
    QVERIFY(contains(error_of<ValueError>([&] { kusari::tile(x, {-1}); }), "tile"));
    QVERIFY(contains(error_of<ValueError>([&] { kusari::repeat(x, -2, 0); }), "repeat"));
    QVERIFY(contains(error_of<ShapeError>([&] { kusari::tile(x, Shape(9, 1)); }), "tile"));
  }

  void where_forward_and_backward() {
    Tensor cond = ops::bernoulli({2, 3}, 0.5, Dtype::Bool);
    Tensor a = random64({2, 3}), b = random64({3});
    Variable y = kusari::where(cond, Variable(a), Variable(b));
    KUSARI_VERIFY_CLOSE(y.data(), reference({2, 3}, [&](const auto& m) {
                          return cond.at(m) != 0 ? a.at(m) : b.at({m[1]});
                        }), 0, 0);
    auto f = [cond](const std::vector<Variable>& v) { return one(kusari::where(cond, v[0], v[1])); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {a, b}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {a, b}));
    Tensor cond0 = ops::zeros({0, 3}, Dtype::Bool);
    auto f0 = [cond0](const std::vector<Variable>& v) { return one(kusari::where(cond0, v[0], v[1])); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f0, {random64({0, 3}), random64({1, 3})}));
    // Mixed dtypes promote forward; each gradient comes back in its input's dtype.
    Variable af(ops::ones({3}, Dtype::Float32), true), bd(ops::zeros({3}, Dtype::Float64), true);
    Variable mixed = kusari::where(ops::ones({3}, Dtype::Bool), af, bd);
    QCOMPARE(mixed.dtype(), Dtype::Float64);
    sum(mixed).backward();
    QCOMPARE(af.grad().dtype(), Dtype::Float32);
    KUSARI_VERIFY_CLOSE(af.grad().data(), ops::ones({3}), 0, 0);
    KUSARI_VERIFY_CLOSE(bd.grad().data(), ops::zeros({3}), 0, 0);
    QVERIFY(contains(error_of<DtypeError>([&] { kusari::where(ops::ones({3}), af, bd); }), "where"));
    QVERIFY(contains(error_of<ShapeError>([&] { kusari::where(ops::ones({4}, Dtype::Bool), af, bd); }), "where"));
  }

  void pad_data() {
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<QList<qint64>>("widths");  // before0, after0, before1, ...
    QTest::newRow("1d") << QList<qint64>{3} << QList<qint64>{2, 1};
    QTest::newRow("2d") << QList<qint64>{2, 3} << QList<qint64>{1, 0, 2, 2};
    QTest::newRow("none") << QList<qint64>{2, 3} << QList<qint64>{0, 0, 0, 0};
    QTest::newRow("size 0") << QList<qint64>{0, 2} << QList<qint64>{1, 1, 0, 1};
  }
  void pad() {
    QFETCH(QList<qint64>, shape);
    QFETCH(QList<qint64>, widths);
    Shape s = to_shape(shape), out = s;
    std::vector<std::pair<int64_t, int64_t>> w;
    for (size_t i = 0; i < s.size(); ++i) {
      w.emplace_back(widths[2 * i], widths[2 * i + 1]);
      out[i] += widths[2 * i] + widths[2 * i + 1];
    }
    Tensor x = random64(s);
    Variable y = kusari::pad(Variable(x), w, 7.5);
    QCOMPARE(y.shape(), out);
    KUSARI_VERIFY_CLOSE(y.data(), reference(out, [&](auto m) {
                          for (size_t d = 0; d < m.size(); ++d) {
                            m[d] -= w[d].first;
                            if (m[d] < 0 || m[d] >= s[d]) return 7.5;
                          }
                          return x.at(m);
                        }), 0, 0);
    auto f = [w](const std::vector<Variable>& v) { return one(kusari::pad(v[0], w, 1.0)); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
  }

  void pad_errors() {
    Variable x(ops::zeros({2, 3}));
    QVERIFY(contains(error_of<ValueError>([&] { kusari::pad(x, {{1, 1}}); }), "pad"));
    QVERIFY(contains(error_of<ValueError>([&] { kusari::pad(x, {{1, 1}, {-1, 0}}); }), "pad"));
  }

  void cast_and_copy() {
    Tensor x = ops::from_vector<double>({1.25, -2.5, 3.75}, {3});
    Variable f32 = cast(Variable(x), Dtype::Float32);
    QCOMPARE(f32.dtype(), Dtype::Float32);
    KUSARI_VERIFY_CLOSE(f32.data(), x, 0, 0);
    Variable i32 = cast(Variable(x), Dtype::Int32);
    QCOMPARE(i32.dtype(), Dtype::Int32);
    KUSARI_VERIFY_CLOSE(i32.data(), map_reference(x, [](double v) { return std::trunc(v); }), 0, 0);
    Variable leaf(x, true);
    QVERIFY(cast(leaf, Dtype::Float64).is(leaf));
    QVERIFY(!cast(leaf, Dtype::Int64).requires_grad());  // integer results are constants
    Variable c = copy(leaf);
    QVERIFY(!c.data().shares_storage(x));
    KUSARI_VERIFY_CLOSE(c.data(), x, 0, 0);
    // Gradient through float32 and back: it arrives in float64.
    sum(cast(cast(leaf, Dtype::Float32), Dtype::Float64) * 3.0).backward();
    QCOMPARE(leaf.grad().dtype(), Dtype::Float64);
    KUSARI_VERIFY_CLOSE(leaf.grad().data(), ops::full({3}, 3.0, Dtype::Float64), 0, 0);
    for (Shape s : {Shape{2, 3}, Shape{0}}) {
      auto fc = [](const std::vector<Variable>& v) { return one(cast(cast(v[0], Dtype::Float32), Dtype::Float64)); };
      KUSARI_VERIFY_NO_ERROR(backward_error(fc, {random64(s)}, {1e-3, 1e-5, 1e-3}));
      auto fk = [](const std::vector<Variable>& v) { return one(copy(v[0])); };
      KUSARI_VERIFY_NO_ERROR(backward_error(fk, {random64(s)}));
      KUSARI_VERIFY_NO_ERROR(double_backward_error(fk, {random64(s)}));
    }
  }
};

QTEST_APPLESS_MAIN(TestArray)
#include "test_array.moc"

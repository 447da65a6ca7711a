// Core Tensor: views and storage sharing, contiguity, NumPy type promotion, broadcasting
// errors, creation routines, the 8-dimension limit, item/at/to_string.
#include <QTest>
#include <cmath>

#include "engine/array_test_helpers.h"

using namespace kusari;
using namespace kusari::test_support;
using namespace kusari::array_test;

namespace {
// 0, 1, 2, ... as float64 in `shape`, so each element names its own flat position.
Tensor iota(const Shape& shape) { return tensor_from(shape, [](int64_t i) { return static_cast<double>(i); }); }
constexpr Dtype kAll[] = {Dtype::Bool, Dtype::Int32, Dtype::Int64, Dtype::Float32, Dtype::Float64};
}  // namespace

class TestTensor : public QObject {
  Q_OBJECT
 private slots:
  // ---- views ----
  void reshape_is_a_view_when_possible() {
    Tensor x = iota({2, 3, 4});
    Tensor r = x.reshape({6, 4});
    QVERIFY(r.shares_storage(x));
    KUSARI_VERIFY_CLOSE(r, iota({6, 4}), 0, 0);
    QCOMPARE(x.reshape({-1, 2}).shape(), (Shape{12, 2}));
    // A slice of contiguous rows still reshapes without a copy.
    Tensor rows = x.slice(0, 1, 2);
    QVERIFY(rows.reshape({12}).shares_storage(x));
    // Splitting one axis of a transposed tensor needs no copy either.
    Tensor t = x.transpose();  // (4, 3, 2)
    Tensor split = t.reshape({2, 2, 3, 2});
    QVERIFY(split.shares_storage(x));
    KUSARI_VERIFY_CLOSE(split, reference({2, 2, 3, 2}, [&](const auto& m) { return x.at({m[3], m[2], 2 * m[0] + m[1]}); }), 0, 0);
  }

  void reshape_copies_when_needed() {
    Tensor x = iota({2, 3});
    Tensor flat = x.transpose().reshape({6});
    QVERIFY(!flat.shares_storage(x));
    KUSARI_VERIFY_CLOSE(flat, reference({6}, [](const auto& m) { return static_cast<double>((m[0] % 2) * 3 + m[0] / 2); }), 0, 0);
    QVERIFY(contains(error_of<ShapeError>([&] { x.reshape({4}); }), "(2, 3)"));
    QVERIFY(contains(error_of<ShapeError>([&] { x.reshape({-1, -1}); }), "reshape"));
    QVERIFY(contains(error_of<ShapeError>([&] { x.transpose().view({6}); }), "view"));
  }

  void transpose_and_swapaxes() {
    Tensor x = iota({2, 3, 4});
    Tensor t = x.transpose();
    QCOMPARE(t.shape(), (Shape{4, 3, 2}));
    QVERIFY(t.shares_storage(x));
    QVERIFY(!t.is_contiguous());
    KUSARI_VERIFY_CLOSE(t, reference({4, 3, 2}, [&](const auto& m) { return x.at({m[2], m[1], m[0]}); }), 0, 0);
    Tensor s = x.swapaxes(0, -1);
    QVERIFY(s.shares_storage(x));
    KUSARI_VERIFY_CLOSE(s, t, 0, 0);
    Tensor p = x.permute({1, 2, 0});
    KUSARI_VERIFY_CLOSE(p, reference({3, 4, 2}, [&](const auto& m) { return x.at({m[2], m[0], m[1]}); }), 0, 0);
    QVERIFY(contains(error_of<ValueError>([&] { x.permute({0, 0, 1}); }), "repeated"));
    QVERIFY(contains(error_of<IndexError>([&] { x.swapaxes(0, 3); }), "swapaxes"));
  }

  void slicing_data() {
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("stop");
    QTest::addColumn<qint64>("step");
    QTest::addColumn<bool>("has_start");
    QTest::addColumn<bool>("has_stop");
    QTest::newRow("1:5:2") << qint64(1) << qint64(5) << qint64(2) << true << true;
    QTest::newRow("::3") << qint64(0) << qint64(0) << qint64(3) << false << false;
    QTest::newRow("-4:-1") << qint64(-4) << qint64(-1) << qint64(1) << true << true;
    QTest::newRow("::-1") << qint64(0) << qint64(0) << qint64(-1) << false << false;
    QTest::newRow("5:1:-2") << qint64(5) << qint64(1) << qint64(-2) << true << true;
    QTest::newRow("-2::-3") << qint64(-2) << qint64(0) << qint64(-3) << true << false;
    QTest::newRow("out of range") << qint64(-20) << qint64(20) << qint64(1) << true << true;
    QTest::newRow("empty") << qint64(4) << qint64(2) << qint64(1) << true << true;
  }
  void slicing() {
    QFETCH(qint64, start);
    QFETCH(qint64, stop);
    QFETCH(qint64, step);
    QFETCH(bool, has_start);
    QFETCH(bool, has_stop);
    const int64_t n = 7;
    Tensor x = iota({3, n});
    Slice sl = Slice::range(start, stop, step);
    sl.has_start = has_start;
    sl.has_stop = has_stop;
    Tensor y = x.index({Slice::all(), sl});
    QVERIFY(y.shares_storage(x));
    // Python's slice.indices(n), written out.
    int64_t b = has_start ? start : (step > 0 ? 0 : n - 1);
    int64_t e = has_stop ? stop : (step > 0 ? n : -n - 1);
    auto clip = [&](int64_t v) {
      if (v < 0) v += n;
      return step > 0 ? std::clamp<int64_t>(v, 0, n) : std::clamp<int64_t>(v, -1, n - 1);
    };
    b = clip(b);
    e = has_stop ? clip(e) : (step > 0 ? n : -1);
    std::vector<int64_t> picked;
    for (int64_t i = b; step > 0 ? i < e : i > e; i += step) picked.push_back(i);
    const int64_t len = static_cast<int64_t>(picked.size());
    QCOMPARE(y.shape(), (Shape{3, len}));
    KUSARI_VERIFY_CLOSE(y, reference({3, len}, [&](const auto& m) { return x.at({m[0], picked[m[1]]}); }), 0, 0);
  }

  void index_integers_new_axis_ellipsis() {
    Tensor x = iota({2, 3, 4});
    Tensor y = x.index({Slice::at(-1), Slice::ellipsis(), Slice::new_axis(), Slice::at(-2)});
    QCOMPARE(y.shape(), (Shape{3, 1}));
    QVERIFY(y.shares_storage(x));
    KUSARI_VERIFY_CLOSE(y, reference({3, 1}, [&](const auto& m) { return x.at({1, m[0], 2}); }), 0, 0);
    std::string e = error_of<IndexError>([&] { x.index({Slice::at(0), Slice::at(3)}); });
    QVERIFY(contains(e, "index 3") && contains(e, "axis 1"));
    QVERIFY(contains(error_of<IndexError>([&] { x.index({Slice::ellipsis(), Slice::ellipsis()}); }), "ellipsis"));
    QVERIFY(contains(error_of<IndexError>([&] { x.index(std::vector<Slice>(4, Slice::at(0))); }), "too many"));
    QVERIFY(contains(error_of<ValueError>([&] { x.index({Slice::range(0, 2, 0)}); }), "step"));
  }

  void broadcast_expand_squeeze_are_views() {
    Tensor x = iota({3, 1});
    Tensor b = x.broadcast_to({2, 3, 4});
    QVERIFY(b.shares_storage(x));
    KUSARI_VERIFY_CLOSE(b, reference({2, 3, 4}, [&](const auto& m) { return x.at({m[1], 0}); }), 0, 0);
    std::string e = error_of<ShapeError>([&] { x.broadcast_to({2, 2}); });
    QVERIFY(contains(e, "(3, 1)") && contains(e, "(2, 2)"));
    Tensor ex = x.expand_dims(0);
    QCOMPARE(ex.shape(), (Shape{1, 3, 1}));
    QVERIFY(ex.shares_storage(x));
    Tensor sq = ex.squeeze();
    QCOMPARE(sq.shape(), (Shape{3}));
    QVERIFY(sq.shares_storage(x));
    KUSARI_VERIFY_CLOSE(sq, iota({3}), 0, 0);
    QCOMPARE(ex.squeeze({0}).shape(), (Shape{3, 1}));
    QVERIFY(contains(error_of<ValueError>([&] { ex.squeeze({1}); }), "squeeze"));
  }

  void contiguous_copies_only_when_needed() {
    Tensor x = iota({3, 4});
    QVERIFY(x.is_contiguous());
    Tensor same = x.contiguous();
    QVERIFY(same.shares_storage(x) && same.offset() == x.offset());
    Tensor rows = x.slice(0, 1, 3);  // a contiguous block with an offset
    QVERIFY(rows.is_contiguous());
    QVERIFY(rows.contiguous().shares_storage(x));
    for (Tensor v : {x.transpose(), x.slice(1, 0, 4, 2), x.index({Slice::all(), Slice::new_axis(), Slice::all()})
                                                                .broadcast_to({3, 2, 4})}) {
      QVERIFY(!v.is_contiguous());
      Tensor c = v.contiguous();
      QVERIFY(c.is_contiguous());
      QVERIFY(!c.shares_storage(x));
      KUSARI_VERIFY_CLOSE(c, v, 0, 0);
    }
    QVERIFY(!x.clone().shares_storage(x));
    QVERIFY(x.astype(Dtype::Float64).shares_storage(x));
    QVERIFY(!x.astype(Dtype::Float32).shares_storage(x));
  }

  // ---- dtypes ----
  void promote_types_matches_numpy() {
    // numpy.promote_types over bool, int32, int64, float32, float64 (row, column order).
    const Dtype B = Dtype::Bool, I = Dtype::Int32, L = Dtype::Int64, F = Dtype::Float32, D = Dtype::Float64;
    const Dtype table[5][5] = {{B, I, L, F, D}, {I, I, L, D, D}, {L, L, L, D, D}, {F, D, D, F, D}, {D, D, D, D, D}};
    for (int i = 0; i < 5; ++i)
      for (int j = 0; j < 5; ++j) {
        Dtype got = promote_types(kAll[i], kAll[j]);
        if (got != table[i][j])
          QFAIL(("promote_types(" + std::string(dtype_name(kAll[i])) + ", " + std::string(dtype_name(kAll[j])) + ") = " +
                 std::string(dtype_name(got)) + ", NumPy gives " + std::string(dtype_name(table[i][j])))
                    .c_str());
      }
  }

  void binary_ops_on_mixed_dtypes() {
    Tensor base = ops::from_vector<double>({0, 1, 2, 3}, {4});
    Tensor other = ops::from_vector<double>({1, 1, 0, 2}, {4});
    for (Dtype a : kAll)
      for (Dtype b : kAll) {
        Tensor x = base.astype(a), y = other.astype(b);
        Tensor s = ops::add(x, y), p = ops::mul(x, y);
        QCOMPARE(s.dtype(), promote_types(a, b));
        QCOMPARE(p.dtype(), promote_types(a, b));
        Tensor xs = x.astype(Dtype::Float64), ys = y.astype(Dtype::Float64);
        bool logical = promote_types(a, b) == Dtype::Bool;  // bool + bool is "or", bool * bool "and"
        KUSARI_VERIFY_CLOSE(s, reference({4}, [&](const auto& m) {
                              double u = xs.at(m), v = ys.at(m);
                              return logical ? double(u != 0 || v != 0) : u + v;
                            }), 0, 0);
        KUSARI_VERIFY_CLOSE(p, reference({4}, [&](const auto& m) { return xs.at(m) * ys.at(m); }), 0, 0);
        Tensor c = ops::compare("less", x, y);
        QCOMPARE(c.dtype(), Dtype::Bool);
        KUSARI_VERIFY_CLOSE(c, reference({4}, [&](const auto& m) { return double(xs.at(m) < ys.at(m)); }), 0, 0);
      }
    Tensor f = ops::add(ops::full({2}, 0.5, Dtype::Float32), ops::full({2}, 16777217.0, Dtype::Int32));
    QCOMPARE(f.dtype(), Dtype::Float64);  // NumPy: float32 cannot hold every int32
    QCOMPARE(f.at({0}), 16777217.5);
  }

  void broadcasting_errors_name_both_shapes() {
    std::string e = error_of<ShapeError>([] { ops::add(ops::zeros({2, 3}), ops::zeros({4})); });
    QVERIFY(contains(e, "(2, 3)") && contains(e, "(4,)"));
    e = error_of<ShapeError>([] { ops::where(ops::ones({2}, Dtype::Bool), ops::zeros({5, 3}), ops::zeros({3})); });
    QVERIFY(contains(e, "(2,)") && contains(e, "(5, 3)"));
    Tensor ok = ops::add(ops::zeros({4, 1, 3}), ops::zeros({2, 1}));
    QCOMPARE(ok.shape(), (Shape{4, 2, 3}));
  }

  // ---- creation ----
  void creation() {
    for (Dtype d : kAll) {
      Tensor z = ops::zeros({2, 3}, d), o = ops::ones({2, 3}, d), f = ops::full({3}, 2, d);
      QCOMPARE(z.dtype(), d);
      QVERIFY(z.is_contiguous());
      KUSARI_VERIFY_CLOSE(z, tensor_from({2, 3}, [](int64_t) { return 0.0; }), 0, 0);
      KUSARI_VERIFY_CLOSE(o, tensor_from({2, 3}, [](int64_t) { return 1.0; }), 0, 0);
      KUSARI_VERIFY_CLOSE(f, tensor_from({3}, [&](int64_t) { return d == Dtype::Bool ? 1.0 : 2.0; }), 0, 0);
    }
    QCOMPARE(ops::scalar(3.5, Dtype::Float64).shape(), Shape{});
    QCOMPARE(ops::zeros_like(ops::ones({2, 2}, Dtype::Int32)).dtype(), Dtype::Int32);
    Tensor a = ops::arange(1, 2, 0.25, Dtype::Float64);
    KUSARI_VERIFY_CLOSE(a, tensor_from({4}, [](int64_t i) { return 1 + 0.25 * i; }), 0, 0);
    KUSARI_VERIFY_CLOSE(ops::arange(5, 0, -2, Dtype::Int64), tensor_from({3}, [](int64_t i) { return 5.0 - 2 * i; }), 0, 0);
    QCOMPARE(ops::arange(3, 1).numel(), int64_t(0));
    QVERIFY(contains(error_of<ValueError>([] { ops::arange(0, 1, 0); }), "arange"));
    Tensor l = ops::linspace(-1, 2, 7, Dtype::Float64);
    KUSARI_VERIFY_CLOSE(l, tensor_from({7}, [](int64_t i) { return -1 + 0.5 * i; }), 1e-15, 0);
    QCOMPARE(l.at({6}), 2.0);
    QCOMPARE(ops::linspace(3, 5, 1).at({0}), 3.0);
    QCOMPARE(ops::linspace(3, 5, 0).numel(), int64_t(0));
    for (int64_t k : {-1, 0, 2}) {
      Tensor e = ops::eye(3, 4, k, Dtype::Int32);
      QCOMPARE(e.dtype(), Dtype::Int32);
      KUSARI_VERIFY_CLOSE(e, reference({3, 4}, [&](const auto& m) { return m[1] - m[0] == k ? 1.0 : 0.0; }), 0, 0);
    }
    QCOMPARE(ops::eye(2).shape(), (Shape{2, 2}));
  }

  void random_is_seeded() {
    ops::seed(42);
    Tensor n1 = ops::normal({50}, 0, 1, Dtype::Float64), u1 = ops::uniform({50}), b1 = ops::bernoulli({50}, 0.3);
    ops::seed(42);
    Tensor n2 = ops::normal({50}, 0, 1, Dtype::Float64), u2 = ops::uniform({50}), b2 = ops::bernoulli({50}, 0.3);
    KUSARI_VERIFY_CLOSE(n1, n2, 0, 0);
    KUSARI_VERIFY_CLOSE(u1, u2, 0, 0);
    KUSARI_VERIFY_CLOSE(b1, b2, 0, 0);
    ops::seed(43);
    QVERIFY(!allclose(ops::normal({50}, 0, 1, Dtype::Float64), n1, 0, 0));
  }

  void random_moments() {
    ops::seed(7);
    const int64_t n = 20000;
    auto moments = [&](const Tensor& t, double& mean, double& sd) {
      Tensor c = t.astype(Dtype::Float64);
      double s = 0, s2 = 0;
      for (int64_t i = 0; i < n; ++i) {
        double v = c.at({i});
        s += v;
        s2 += v * v;
      }
      mean = s / n;
      sd = std::sqrt(s2 / n - mean * mean);
    };
    double m, sd;
    moments(ops::normal({n}, 2, 3), m, sd);
    QVERIFY(std::abs(m - 2) < 0.1 && std::abs(sd - 3) < 0.1);
    Tensor u = ops::uniform({n}, -1, 3, Dtype::Float64);
    moments(u, m, sd);
    QVERIFY(std::abs(m - 1) < 0.05 && std::abs(sd - 4 / std::sqrt(12.0)) < 0.05);
    for (int64_t i = 0; i < n; ++i) QVERIFY(u.at({i}) >= -1 && u.at({i}) < 3);
    Tensor b = ops::bernoulli({n}, 0.25, Dtype::Bool);
    QCOMPARE(b.dtype(), Dtype::Bool);
    moments(b, m, sd);
    QVERIFY(std::abs(m - 0.25) < 0.02);
    QVERIFY(contains(error_of<ValueError>([] { ops::bernoulli({2}, 1.5); }), "bernoulli"));
  }

  // ---- dimensions ----
  void eight_dimensions_and_the_error_beyond() {
    Shape eight{2, 1, 2, 1, 2, 1, 2, 2};
    Tensor x = iota(eight);
    QCOMPARE(x.ndim(), int64_t(8));
    Tensor t = x.transpose();
    Tensor y = ops::add(t, t.contiguous());
    KUSARI_VERIFY_CLOSE(y, map_reference(t.contiguous(), [](double v) { return 2 * v; }), 0, 0);
    QCOMPARE(ops::sum(x, {0, 7}).shape(), (Shape{1, 2, 1, 2, 1, 2}));
    Shape nine(9, 1);
    QVERIFY(contains(error_of<ShapeError>([&] { Tensor(nine, Dtype::Float32); }), "8"));
    QVERIFY(contains(error_of<ShapeError>([&] { ops::zeros(nine); }), "8"));
    QVERIFY(contains(error_of<ShapeError>([&] { x.reshape({2, 1, 2, 1, 2, 1, 2, 2, 1}); }), "8"));
    QVERIFY(contains(error_of<ShapeError>([&] { x.transpose().reshape({2, 1, 2, 1, 2, 1, 2, 2, 1}); }), "8"));
    QVERIFY(contains(error_of<ShapeError>([&] { x.expand_dims(0); }), "8"));
    QVERIFY(contains(error_of<ShapeError>([&] { x.broadcast_to({3, 2, 1, 2, 1, 2, 1, 2, 2}); }), "8"));
    QVERIFY(contains(error_of<IndexError>([&] { x.index({Slice::new_axis(), Slice::ellipsis()}); }), "8"));
    QVERIFY(contains(error_of<ShapeError>([&] { ops::add(x, ops::zeros(nine)); }), "8"));
  }

  // ---- element access and printing ----
  void item_at_to_string() {
    Tensor x = iota({2, 3});
    QCOMPARE(x.at({1, 2}), 5.0);
    QCOMPARE(x.at({-1, -3}), 3.0);
    QCOMPARE(x.transpose().at({2, 1}), 5.0);
    QVERIFY(contains(error_of<IndexError>([&] { x.at({0}); }), "at"));
    QVERIFY(contains(error_of<IndexError>([&] { x.at({2, 0}); }), "index 2"));
    QCOMPARE(ops::scalar(2.5, Dtype::Float64).item(), 2.5);
    QCOMPARE(ops::full({1, 1}, 7, Dtype::Int64).item(), 7.0);
    QCOMPARE(ops::full({}, 1, Dtype::Bool).item(), 1.0);
    QVERIFY(contains(error_of<ValueError>([&] { x.item(); }), "(2, 3)"));
    QCOMPARE(QString::fromStdString(x.to_string()), QString("[[0, 1, 2],\n[3, 4, 5]]"));
    QCOMPARE(QString::fromStdString(x.transpose().to_string()), QString("[[0, 3],\n[1, 4],\n[2, 5]]"));
    QCOMPARE(QString::fromStdString(ops::scalar(1.5).to_string()), QString("1.5"));
    QCOMPARE(QString::fromStdString(ops::zeros({0}).to_string()), QString("[]"));
    QCOMPARE(QString::fromStdString(ops::arange(0, 2, 1, Dtype::Int32).to_string()), QString("[0, 1]"));
    QVERIFY(contains(ops::zeros({2000}).to_string(), "..."));
    QCOMPARE(QString::fromStdString(ops::zeros({2, 3}, Dtype::Int32).describe()), QString("int32 (2, 3)"));
  }
};

QTEST_APPLESS_MAIN(TestTensor)
#include "test_tensor.moc"

// Array family, indexing: basic get_item, integer-array get_item along an axis,
// select_item and scatter_add. Forward against loops, backward numerically.
#include <QTest>

#include "engine/array_test_helpers.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/array.h"
#include "kusari/functions/reduction.h"

using namespace kusari;
using namespace kusari::test_support;
using namespace kusari::array_test;

namespace {
using Index = std::vector<Slice>;
using Mapping = std::function<std::vector<int64_t>(const std::vector<int64_t>&)>;  // output -> input position
struct BasicCase {
  Index index;
  Shape out;
  Mapping map;
};
// x has shape (4, 5, 6) in every case.
std::vector<std::pair<const char*, BasicCase>> basic_cases() {
  using V = std::vector<int64_t>;
  return {
      {"integer", {{Slice::at(1)}, {5, 6}, [](const V& m) { return V{1, m[0], m[1]}; }}},
      {"negative integer", {{Slice::at(-1), Slice::at(-2)}, {6}, [](const V& m) { return V{3, 3, m[0]}; }}},
      {"range", {{Slice::range(1, 3)}, {2, 5, 6}, [](const V& m) { return V{m[0] + 1, m[1], m[2]}; }}},
      {"step", {{Slice::all(), Slice::range(0, 5, 2)}, {4, 3, 6}, [](const V& m) { return V{m[0], 2 * m[1], m[2]}; }}},
      {"negative step", {{Slice::at(2), Slice::range(4, 0, -2)}, {2, 6}, [](const V& m) { return V{2, 4 - 2 * m[0], m[1]}; }}},
      {"negative bounds", {{Slice::range(-3, -1)}, {2, 5, 6}, [](const V& m) { return V{m[0] + 1, m[1], m[2]}; }}},
      {"new axis", {{Slice::new_axis(), Slice::at(0)}, {1, 5, 6}, [](const V& m) { return V{0, m[1], m[2]}; }}},
      {"ellipsis", {{Slice::ellipsis(), Slice::at(3)}, {4, 5}, [](const V& m) { return V{m[0], m[1], 3}; }}},
      {"empty range", {{Slice::range(3, 1)}, {0, 5, 6}, [](const V& m) { return m; }}},
  };
}
Tensor indices(const std::vector<int64_t>& v, const Shape& shape, Dtype d = Dtype::Int64) {
  return ops::from_vector<int64_t>(v, shape).astype(d);
}
}  // namespace

class TestArrayIndex : public QObject {
  Q_OBJECT
 private slots:
  void get_item_basic_data() {
    QTest::addColumn<int>("case_index");
    auto cases = basic_cases();
    for (size_t i = 0; i < cases.size(); ++i) QTest::newRow(cases[i].first) << static_cast<int>(i);
  }
  void get_item_basic() {
    QFETCH(int, case_index);
    BasicCase bc = basic_cases()[case_index].second;
    Tensor x = random64({4, 5, 6});
    Variable y = get_item(Variable(x), bc.index);
    QCOMPARE(y.shape(), bc.out);
    QVERIFY(y.data().shares_storage(x));
    KUSARI_VERIFY_CLOSE(y.data(), reference(bc.out, [&](const auto& m) { return x.at(bc.map(m)); }), 0, 0);
    auto f = [bc](const std::vector<Variable>& v) { return one(get_item(v[0], bc.index)); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
  }

  void get_item_basic_gradient_is_scattered() {
    Variable x(random64({3, 4}), true);
    sum(get_item(x, {Slice::range(0, 3, 2), Slice::at(-1)})).backward();
    KUSARI_VERIFY_CLOSE(x.grad().data(), reference({3, 4}, [](const auto& m) {
                          return (m[0] == 0 || m[0] == 2) && m[1] == 3 ? 1.0 : 0.0;
                        }), 0, 0);
  }

  void get_item_basic_errors() {
    Variable x(ops::zeros({3, 4}));
    std::string e = error_of<IndexError>([&] { get_item(x, {Slice::at(3)}); });
    QVERIFY(contains(e, "get_item") && contains(e, "index 3") && contains(e, "axis 0"));
    QVERIFY(contains(error_of<IndexError>([&] { get_item(x, {Slice::at(0), Slice::at(0), Slice::at(0)}); }), "get_item"));
    QVERIFY(contains(error_of<ValueError>([&] { get_item(x, {Slice::range(0, 3, 0)}); }), "get_item"));
  }

  void get_item_array_data() {
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<QList<qint64>>("index_values");
    QTest::addColumn<QList<qint64>>("index_shape");
    QTest::addColumn<qint64>("axis");
    QTest::addColumn<bool>("int32");
    QTest::newRow("axis 0") << QList<qint64>{4, 3} << QList<qint64>{2, 0, 3} << QList<qint64>{3} << qint64(0) << false;
    QTest::newRow("duplicates") << QList<qint64>{4, 3} << QList<qint64>{1, 1, 2, 1} << QList<qint64>{4} << qint64(0) << false;
    QTest::newRow("negative") << QList<qint64>{4, 3} << QList<qint64>{-1, 0, -4} << QList<qint64>{3} << qint64(0) << true;
    QTest::newRow("axis 1, 2-D indices") << QList<qint64>{2, 3, 2} << QList<qint64>{2, 0, 1, 2} << QList<qint64>{2, 2}
                                         << qint64(1) << false;
    QTest::newRow("axis -1") << QList<qint64>{2, 3, 4} << QList<qint64>{3, -3} << QList<qint64>{2} << qint64(-1) << true;
    QTest::newRow("scalar index") << QList<qint64>{4, 3} << QList<qint64>{2} << QList<qint64>{} << qint64(0) << false;
    QTest::newRow("no indices") << QList<qint64>{4, 3} << QList<qint64>{} << QList<qint64>{0} << qint64(1) << false;
    QTest::newRow("size 0 axis") << QList<qint64>{0, 3} << QList<qint64>{1, 2} << QList<qint64>{2} << qint64(1) << false;
  }
  void get_item_array() {
    QFETCH(QList<qint64>, shape);
    QFETCH(QList<qint64>, index_values);
    QFETCH(QList<qint64>, index_shape);
    QFETCH(qint64, axis);
    QFETCH(bool, int32);
    Shape s = to_shape(shape), is = to_shape(index_shape);
    std::vector<int64_t> iv(index_values.begin(), index_values.end());
    Tensor idx = indices(iv, is, int32 ? Dtype::Int32 : Dtype::Int64);
    Tensor x = random64(s);
    const int64_t ax = axis < 0 ? axis + static_cast<int64_t>(s.size()) : axis;
    Variable y = get_item(Variable(x), idx, axis);
    Shape out(s.begin(), s.begin() + ax);
    out.insert(out.end(), is.begin(), is.end());
    out.insert(out.end(), s.begin() + ax + 1, s.end());
    QCOMPARE(y.shape(), out);
    const int64_t nidx = static_cast<int64_t>(is.size());
    KUSARI_VERIFY_CLOSE(y.data(), reference(out, [&](const auto& m) {
                          int64_t flat = 0;  // position inside the index array
                          for (int64_t d = 0; d < nidx; ++d) flat = flat * is[d] + m[ax + d];
                          int64_t i = iv[flat] < 0 ? iv[flat] + s[ax] : iv[flat];
                          std::vector<int64_t> src(m.begin(), m.begin() + ax);
                          src.push_back(i);
                          src.insert(src.end(), m.begin() + ax + nidx, m.end());
                          return x.at(src);
                        }), 0, 0);
    auto f = [idx, axis](const std::vector<Variable>& v) { return one(get_item(v[0], idx, axis)); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
  }

  void get_item_array_duplicates_accumulate() {
    Variable x(random64({3, 2}), true);
    sum(get_item(x, indices({0, 2, 0, 0, -1}, {5}), 0)).backward();
    KUSARI_VERIFY_CLOSE(x.grad().data(), reference({3, 2}, [](const auto& m) { return m[0] == 0 ? 3.0 : m[0] == 2 ? 2.0 : 0.0; }),
                        0, 0);
  }

  void get_item_array_errors() {
    Variable x(ops::zeros({3, 4}));
    std::string e = error_of<IndexError>([&] { get_item(x, indices({0, 4}, {2}), 1); });
    QVERIFY(contains(e, "get_item") && contains(e, "index 4") && contains(e, "axis 1"));
    e = error_of<IndexError>([&] { get_item(x, indices({-4}, {1}), 0); });
    QVERIFY(contains(e, "index -4") && contains(e, "axis 0"));
    QVERIFY(contains(error_of<DtypeError>([&] { get_item(x, ops::zeros({2}), 0); }), "get_item"));
    QVERIFY(contains(error_of<IndexError>([&] { get_item(x, indices({0}, {1}), 2); }), "get_item"));
  }

  void select_item() {
    Tensor x = random64({4, 3});
    Tensor t = indices({2, 0, 1, 2}, {4}, Dtype::Int32);
    Variable y = kusari::select_item(Variable(x), t);
    QCOMPARE(y.shape(), (Shape{4}));
    KUSARI_VERIFY_CLOSE(y.data(), reference({4}, [&](const auto& m) { return x.at({m[0], static_cast<int64_t>(t.at(m))}); }), 0,
                        0);
    auto f = [t](const std::vector<Variable>& v) { return one(kusari::select_item(v[0], t)); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
    Tensor t0 = indices({}, {0});
    auto f0 = [t0](const std::vector<Variable>& v) { return one(kusari::select_item(v[0], t0)); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f0, {random64({0, 3})}));
    std::string e = error_of<IndexError>([&] { kusari::select_item(Variable(x), indices({0, 3, 0, 0}, {4})); });
    QVERIFY(contains(e, "select_item") && contains(e, "index 3") && contains(e, "axis 1"));
    e = error_of<ShapeError>([&] { kusari::select_item(Variable(x), indices({0, 1}, {2})); });
    QVERIFY(contains(e, "select_item") && contains(e, "(4, 3)") && contains(e, "(2,)"));
    QVERIFY(contains(error_of<DtypeError>([&] { kusari::select_item(Variable(x), ops::zeros({4})); }), "select_item"));
  }

  void scatter_add_data() {
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<QList<qint64>>("index_values");
    QTest::addColumn<QList<qint64>>("values_shape");
    QTest::newRow("1d duplicates") << QList<qint64>{5} << QList<qint64>{1, 3, 1, -1} << QList<qint64>{4};
    QTest::newRow("rows") << QList<qint64>{4, 3} << QList<qint64>{0, 2, 0} << QList<qint64>{3, 3};
    QTest::newRow("broadcast values") << QList<qint64>{4, 3} << QList<qint64>{3, 3} << QList<qint64>{3};
    QTest::newRow("no indices") << QList<qint64>{4, 3} << QList<qint64>{} << QList<qint64>{0, 3};
  }
  void scatter_add() {
    QFETCH(QList<qint64>, shape);
    QFETCH(QList<qint64>, index_values);
    QFETCH(QList<qint64>, values_shape);
    Shape s = to_shape(shape);
    std::vector<int64_t> iv(index_values.begin(), index_values.end());
    Tensor idx = indices(iv, {static_cast<int64_t>(iv.size())});
    Tensor a = random64(s), v = random64(to_shape(values_shape));
    Variable y = kusari::scatter_add(Variable(a), idx, Variable(v));
    Shape vshape = s;
    vshape[0] = static_cast<int64_t>(iv.size());
    Tensor vb = v.broadcast_to(vshape);
    KUSARI_VERIFY_CLOSE(y.data(), reference(s, [&](const auto& m) {
                          double r = a.at(m);
                          for (size_t j = 0; j < iv.size(); ++j) {
                            int64_t i = iv[j] < 0 ? iv[j] + s[0] : iv[j];
                            if (i != m[0]) continue;
                            std::vector<int64_t> src = m;
                            src[0] = static_cast<int64_t>(j);
                            r += vb.at(src);
                          }
                          return r;
                        }), 1e-12, 0);
    auto f = [idx](const std::vector<Variable>& x) { return one(kusari::scatter_add(x[0], idx, x[1])); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {a, v}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {a, v}));
  }

  void scatter_add_errors() {
    Variable a(ops::zeros({3, 2})), v(ops::zeros({2, 2}));
    std::string e = error_of<IndexError>([&] { kusari::scatter_add(a, indices({0, 3}, {2}), v); });
    QVERIFY(contains(e, "scatter_add") && contains(e, "index 3") && contains(e, "axis 0"));
    e = error_of<ShapeError>([&] { kusari::scatter_add(a, indices({0, 1}, {2}), Variable(ops::zeros({3}))); });
    QVERIFY(contains(e, "scatter_add") && contains(e, "(3,)"));
  }

  void large_inputs_take_the_parallel_paths() {
    Tensor x = ops::uniform({40, 300, 4}, -1, 1, Dtype::Float32);
    std::vector<int64_t> iv;
    for (int64_t j = 0; j < 250; ++j) iv.push_back((j * 7) % 300 - (j % 2 ? 300 : 0));
    Tensor idx = indices(iv, {250});
    Variable y = get_item(Variable(x), idx, 1);
    KUSARI_VERIFY_CLOSE(y.data(), reference({40, 250, 4}, [&](const auto& m) {
                          int64_t i = iv[m[1]] < 0 ? iv[m[1]] + 300 : iv[m[1]];
                          return x.at({m[0], i, m[2]});
                        }), 0, 0);
    Variable xv(x, true);
    sum(get_item(xv, idx, 1)).backward();
    std::vector<double> counts(300, 0);
    for (int64_t v : iv) counts[v < 0 ? v + 300 : v] += 1;
    KUSARI_VERIFY_CLOSE(xv.grad().data(), reference({40, 300, 4}, [&](const auto& m) { return counts[m[1]]; }), 0, 0);
  }

  void float32_forward() {
    Tensor x = ops::uniform({3, 4}, -1, 1, Dtype::Float32);
    Variable y = get_item(Variable(x), indices({3, 1}, {2}), 1);
    QCOMPARE(y.dtype(), Dtype::Float32);
    KUSARI_VERIFY_CLOSE(y.data(), reference({3, 2}, [&](const auto& m) { return x.at({m[0], m[1] == 0 ? 3 : 1}); }), 0, 0);
    Variable s = kusari::scatter_add(Variable(ops::zeros({4}, Dtype::Float32)), indices({1, 1}, {2}),
                                     Variable(ops::ones({2}, Dtype::Float32)));
    QCOMPARE(s.dtype(), Dtype::Float32);
    KUSARI_VERIFY_CLOSE(s.data(), reference({4}, [](const auto& m) { return m[0] == 1 ? 2.0 : 0.0; }), 0, 0);
  }
};

QTEST_APPLESS_MAIN(TestArrayIndex)
#include "test_array_index.moc"

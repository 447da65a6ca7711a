// .npy/.npz round trips over every dtype and shape, NumPy's own files read back, our files read
// by NumPy, and the npz serializers. Malformed input is in test_npz_malformed.cpp.
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <cstring>
#include <fstream>

#include "engine/engine_test_support.h"
#include "kusari/serializers/npy.h"
#include "kusari/serializers/npz.h"
#include "kusari/serializers/npz_serializer.h"

using namespace kusari;

namespace {

// Element i of a test array, independent of the engine: distinct, signed, non-integral floats.
double pattern(Dtype d, int64_t i) {
  switch (d) {
    case Dtype::Bool: return i % 3 == 0;
    case Dtype::Int32: return i * 7 - 20;
    case Dtype::Int64: return i * 3000000007LL - 5;
    default: return i * 0.375 - 3.25;
  }
}

Tensor make(Dtype d, const Shape& shape) {
  Tensor t(shape, d);
  visit_dtype(d, [&](auto v) {
    using T = decltype(v);
    T* p = t.data<T>();
    for (int64_t i = 0; i < t.numel(); ++i) p[i] = static_cast<T>(pattern(d, i));
  });
  return t;
}

// Exact comparison of dtype, shape and every element (as double, exact for these patterns).
void verify_equal(const Tensor& got, Dtype d, const Shape& shape, const std::function<double(int64_t)>& expected) {
  QCOMPARE(dtype_name(got.dtype()), dtype_name(d));
  QCOMPARE(shape_to_string(got.shape()), shape_to_string(shape));
  Tensor c = got.contiguous();
  visit_dtype(d, [&](auto v) {
    using T = decltype(v);
    const T* p = c.data<T>();
    for (int64_t i = 0; i < c.numel(); ++i)
      if (static_cast<double>(p[i]) != expected(i))
        QFAIL(("element " + std::to_string(i) + ": " + std::to_string(double(p[i])) + " vs " +
               std::to_string(expected(i))).c_str());
  });
}

const Tensor& entry(const NpzEntries& entries, const std::string& key) {
  for (const auto& [k, t] : entries)
    if (k == key) return t;
  throw std::runtime_error("no key " + key);
}

QString fixture(const char* name) {
  QByteArray dir = qgetenv("KUSARI_TEST_DATA");
  return QString::fromLocal8Bit(dir) + "/" + name;
}

// A module-like object: two tensors, a child with one, and a scalar.
struct FakeModel {
  Tensor W = Tensor({2, 3}, Dtype::Float32), b = Tensor({3}, Dtype::Float64), child_W = Tensor({4}, Dtype::Float32);
  Tensor lazy;  // an uninitialized parameter
  double step = 0;
  void serialize(Serializer& s) {
    s("W", W);
    s("b", b);
    s("lazy", lazy);
    s("step", step);
    s.child("l1")->operator()("W", child_W);
  }
};

void put_le(std::string& s, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) s += static_cast<char>((v >> (8 * i)) & 0xff);
}
uint64_t get_le(const std::string& s, size_t pos, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= uint64_t(static_cast<uint8_t>(s[pos + i])) << (8 * i);
  return v;
}

// Rewrites a one-entry archive as zip64 writers do for huge files: 0xFFFFFFFF placeholders in
// the central header with the real values in its zip64 extra field, and a zip64 end record.
std::string as_zip64(const std::string& zip) {
  size_t dir = get_le(zip, zip.size() - 6, 4);
  size_t name_len = get_le(zip, dir + 28, 2);
  std::string out = zip.substr(0, dir);
  std::string central = zip.substr(dir, 46 + name_len);
  uint64_t csize = get_le(central, 20, 4), usize = get_le(central, 24, 4), offset = get_le(central, 42, 4);
  for (size_t field : {20, 24, 42}) central.replace(field, 4, std::string(4, '\xff'));
  central[30] = 28, central[31] = 0;  // extra field length
  put_le(central, 1, 2), put_le(central, 24, 2), put_le(central, usize, 8), put_le(central, csize, 8);
  put_le(central, offset, 8);
  out += central;
  size_t z64 = out.size();
  put_le(out, 0x06064b50, 4), put_le(out, 44, 8), put_le(out, 45, 2), put_le(out, 45, 2), put_le(out, 0, 8);
  put_le(out, 1, 8), put_le(out, 1, 8), put_le(out, central.size(), 8), put_le(out, dir, 8);
  put_le(out, 0x07064b50, 4), put_le(out, 0, 4), put_le(out, z64, 8), put_le(out, 1, 4);
  put_le(out, 0x06054b50, 4), put_le(out, 0, 4), put_le(out, 0xFFFF, 2), put_le(out, 0xFFFF, 2);
  put_le(out, 0xFFFFFFFFu, 4), put_le(out, 0xFFFFFFFFu, 4), put_le(out, 0, 2);
  return out;
}

}  // namespace

class TestNpz : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  std::string path(const char* name) { return QDir(tmp_.path()).filePath(name).toStdString(); }

 private slots:
  void round_trip_data() {
    QTest::addColumn<int>("dtype");
    QTest::addColumn<QList<qint64>>("shape");
    QTest::addColumn<bool>("compress");
    const QList<QList<qint64>> shapes{{}, {0}, {3}, {2, 3}, {2, 0, 4}, {2, 3, 4, 5}};
    for (Dtype d : {Dtype::Float32, Dtype::Float64, Dtype::Int32, Dtype::Int64, Dtype::Bool})
      for (const auto& s : shapes)
        for (bool compress : {false, true}) {
          Shape sh(s.begin(), s.end());
          std::string row = std::string(dtype_name(d)) + " " + shape_to_string(sh) + (compress ? " deflate" : " stored");
          QTest::newRow(row.c_str()) << int(d) << s << compress;
        }
  }
  void round_trip() {
    QFETCH(int, dtype);
    QFETCH(QList<qint64>, shape);
    QFETCH(bool, compress);
    Dtype d = static_cast<Dtype>(dtype);
    Shape sh(shape.begin(), shape.end());
    write_npz(path("rt.npz"), {{"a", make(d, sh)}, {"nested/key", make(d, {2})}}, compress);
    NpzEntries back = read_npz(path("rt.npz"));
    QCOMPARE(back.size(), size_t(2));
    QCOMPARE(back[0].first, std::string("a"));
    QCOMPARE(back[1].first, std::string("nested/key"));
    verify_equal(back[0].second, d, sh, [&](int64_t i) { return pattern(d, i); });
    verify_equal(back[1].second, d, {2}, [&](int64_t i) { return pattern(d, i); });

    write_npy(path("rt.npy"), make(d, sh));
    verify_equal(read_npy(path("rt.npy")), d, sh, [&](int64_t i) { return pattern(d, i); });
  }

  void writes_views_in_logical_order() {
    Tensor t = make(Dtype::Float64, {3, 4}).transpose();  // (4, 3), not contiguous
    write_npz(path("view.npz"), {{"t", t}});
    verify_equal(read_npz(path("view.npz"))[0].second, Dtype::Float64, {4, 3},
                 [](int64_t i) { return pattern(Dtype::Float64, (i % 3) * 4 + i / 3); });
  }

  void reads_numpy_files_data() {
    QTest::addColumn<QString>("file");
    QTest::newRow("savez (stored, zip64 local headers)") << fixture("numpy_savez.npz");
    QTest::newRow("savez_compressed (deflate)") << fixture("numpy_savez_compressed.npz");
  }
  void reads_numpy_files() {
    QFETCH(QString, file);
    QVERIFY2(!qgetenv("KUSARI_TEST_DATA").isEmpty(), "KUSARI_TEST_DATA is not set (run through CTest)");
    NpzEntries e = read_npz(file.toStdString());
    QCOMPARE(e.size(), size_t(10));
    // The contents make_numpy_fixtures.py wrote.
    verify_equal(entry(e, "f32"), Dtype::Float32, {2, 3}, [](int64_t i) { return i / 4.0; });
    verify_equal(entry(e, "f64"), Dtype::Float64, {5}, [](int64_t i) { return i * -1.5; });
    verify_equal(entry(e, "i32"), Dtype::Int32, {2, 3, 4}, [](int64_t i) { return i - 7.0; });
    verify_equal(entry(e, "i64"), Dtype::Int64, {4}, [](int64_t i) { return i * 1e12; });
    verify_equal(entry(e, "b1"), Dtype::Bool, {5}, [](int64_t i) { return i % 2 == 0; });
    verify_equal(entry(e, "scalar"), Dtype::Float64, {}, [](int64_t) { return 2.5; });
    verify_equal(entry(e, "empty"), Dtype::Int32, {0, 3}, [](int64_t) { return 0.0; });
    verify_equal(entry(e, "fortran"), Dtype::Float64, {2, 3}, [](int64_t i) { return double(i); });
    verify_equal(entry(e, "big_endian"), Dtype::Int32, {3}, [](int64_t i) { return i + 100.0; });
    verify_equal(entry(e, "predictor/l1/W"), Dtype::Float32, {3, 2}, [](int64_t i) { return double(i); });
  }

  void reads_zip64_directories() {
    for (bool compress : {false, true}) {
      write_npz(path("small.npz"), {{"w", make(Dtype::Float64, {3, 2})}}, compress);
      std::ifstream in(path("small.npz"), std::ios::binary);
      std::string zip64 = as_zip64({std::istreambuf_iterator<char>(in), {}});
      std::ofstream(path("zip64.npz"), std::ios::binary) << zip64;
      NpzEntries e = read_npz(path("zip64.npz"));
      QCOMPARE(e.size(), size_t(1));
      verify_equal(entry(e, "w"), Dtype::Float64, {3, 2}, [](int64_t i) { return pattern(Dtype::Float64, i); });
    }
  }

  void numpy_reads_our_files() {
    if (QProcess::execute("/usr/bin/python3", {"-c", "import numpy"}) != 0)
      QSKIP("/usr/bin/python3 with numpy is not installed");
    for (bool compress : {false, true}) {
      std::string file = path(compress ? "ours_deflate.npz" : "ours_stored.npz");
      write_npz(file, {{"f32", make(Dtype::Float32, {2, 3})}, {"i64", make(Dtype::Int64, {4})},
                       {"b1", make(Dtype::Bool, {5})}, {"scalar", make(Dtype::Float64, {})},
                       {"empty", make(Dtype::Int32, {0, 2})}, {"a/b", make(Dtype::Float64, {3})}}, compress);
      const char* check = R"(
import sys, numpy as np
z = np.load(sys.argv[1], allow_pickle=False)
i = lambda n: np.arange(n)
assert sorted(z.files) == sorted(['f32', 'i64', 'b1', 'scalar', 'empty', 'a/b']), z.files
assert z['f32'].dtype == np.float32 and z['f32'].shape == (2, 3)
assert (z['f32'].ravel() == i(6) * 0.375 - 3.25).all()
assert z['i64'].dtype == np.int64 and (z['i64'] == i(4) * 3000000007 - 5).all()
assert z['b1'].dtype == np.bool_ and (z['b1'] == (i(5) % 3 == 0)).all()
assert z['scalar'].shape == () and z['scalar'] == -3.25
assert z['empty'].dtype == np.int32 and z['empty'].shape == (0, 2)
assert (z['a/b'] == i(3) * 0.375 - 3.25).all()
print('ok')
)";
      QProcess p;
      p.start("/usr/bin/python3", {"-c", check, QString::fromStdString(file)});
      QVERIFY(p.waitForFinished(30000));
      QVERIFY2(p.exitCode() == 0 && p.readAllStandardOutput().trimmed() == "ok", p.readAllStandardError().constData());
    }
  }

  void serializer_round_trip() {
    FakeModel m;
    m.W.copy_from(make(Dtype::Float32, {2, 3}));
    m.b.copy_from(make(Dtype::Float64, {3}));
    m.child_W.copy_from(make(Dtype::Float32, {4}));
    m.step = 42;
    save_npz(path("model.npz"), m);
    NpzEntries e = read_npz(path("model.npz"));
    QStringList keys;
    for (const auto& [k, t] : e) keys << QString::fromStdString(k);
    QCOMPARE(keys, (QStringList{"W", "b", "step", "l1/W"}));  // "lazy" is undefined: skipped

    FakeModel loaded;
    loaded.W.fill(0), loaded.b.fill(0), loaded.child_W.fill(0);
    Tensor w_storage = loaded.W;
    load_npz(path("model.npz"), loaded);
    verify_equal(loaded.W, Dtype::Float32, {2, 3}, [](int64_t i) { return pattern(Dtype::Float32, i); });
    verify_equal(loaded.b, Dtype::Float64, {3}, [](int64_t i) { return pattern(Dtype::Float64, i); });
    verify_equal(loaded.child_W, Dtype::Float32, {4}, [](int64_t i) { return pattern(Dtype::Float32, i); });
    QCOMPARE(loaded.step, 42.0);
    QVERIFY(loaded.W.shares_storage(w_storage));  // loaded in place
    QVERIFY(!loaded.lazy.defined());              // skipped on save, so no error on a strict load
  }

  void deserializer_strictness_and_prefix() {
    // A file holding the model under a prefix, with an extra uninitialized parameter filled in.
    FakeModel m;
    m.W.copy_from(make(Dtype::Float32, {2, 3}));
    m.lazy = make(Dtype::Int32, {2});
    save_npz(path("snap.npz"), [&](Serializer& s) { m.serialize(*s.child("updater")->child("model:main")); });

    FakeModel a;
    a.W.fill(0);
    load_npz(path("snap.npz"), a, "updater/model:main/");
    verify_equal(a.W, Dtype::Float32, {2, 3}, [](int64_t i) { return pattern(Dtype::Float32, i); });
    verify_equal(a.lazy, Dtype::Int32, {2}, [](int64_t i) { return pattern(Dtype::Int32, i); });  // allocated

    // Strict: a key missing from the file names the key and the file.
    FakeModel b;
    try {
      load_npz(path("snap.npz"), b, "wrong/");
      QFAIL("no error for a missing key");
    } catch (const FormatError& e) {
      QVERIFY2(std::string(e.what()).find("'wrong/W'") != std::string::npos, e.what());
      QVERIFY2(std::string(e.what()).find("snap.npz") != std::string::npos, e.what());
    }
    // Not strict: missing keys leave the values alone.
    FakeModel c;
    c.W.fill(7);
    load_npz(path("snap.npz"), c, "wrong/", false);
    QCOMPARE(c.W.at({1, 2}), 7.0);
    // ignore_names, relative to the prefix.
    FakeModel d;
    d.W.fill(7);
    load_npz(path("snap.npz"), d, "updater/model:main/", true, {"W"});
    QCOMPARE(d.W.at({0, 0}), 7.0);
    verify_equal(d.lazy, Dtype::Int32, {2}, [](int64_t i) { return pattern(Dtype::Int32, i); });
  }

  void deserializer_checks_shape_and_dtype() {
    write_npz(path("bad_shapes.npz"), {{"W", make(Dtype::Float32, {3, 2})}, {"b", make(Dtype::Int32, {3})}});
    NpzDeserializer d(path("bad_shapes.npz"));
    Tensor w({2, 3}, Dtype::Float32), b({3}, Dtype::Float32), b64({3}, Dtype::Float64);
    QVERIFY_THROWS_EXCEPTION(ShapeError, d("W", w));
    QVERIFY_THROWS_EXCEPTION(DtypeError, d("b", b));  // int32 into float32
    write_npz(path("f32.npz"), {{"b", make(Dtype::Float32, {3})}});
    NpzDeserializer f(path("f32.npz"));
    f("b", b64);  // floating into floating converts
    verify_equal(b64, Dtype::Float64, {3}, [](int64_t i) { return pattern(Dtype::Float32, i); });
  }

  void atomic_write_keeps_the_old_file_on_failure() {
    std::string file = path("keep.npz");
    write_npz(file, {{"a", make(Dtype::Float32, {2})}});
    QVERIFY_THROWS_EXCEPTION(ValueError, write_npz(file, {{"a", Tensor()}}));
    QVERIFY_THROWS_EXCEPTION(ValueError, write_npz(file, {{"a", make(Dtype::Int32, {1})}, {"a", make(Dtype::Int32, {1})}}));
    verify_equal(read_npz(file)[0].second, Dtype::Float32, {2}, [](int64_t i) { return pattern(Dtype::Float32, i); });
    QVERIFY_THROWS_EXCEPTION(Error, write_npz(path("no/such/dir/x.npz"), {{"a", make(Dtype::Float32, {2})}}));
    QVERIFY_THROWS_EXCEPTION(Error, read_npz(path("missing.npz")));
    QVERIFY_THROWS_EXCEPTION(Error, read_npz(tmp_.path().toStdString()));  // a directory
    QVERIFY_THROWS_EXCEPTION(Error, read_npy(tmp_.path().toStdString()));
    QStringList left = QDir(tmp_.path()).entryList({"*.tmp.*"}, QDir::Files);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(", ")));  // no temporary files stay behind
  }
};

QTEST_APPLESS_MAIN(TestNpz)
#include "test_npz.moc"

// IDX files (gzipped and plain, malformed ones rejected), Fashion-MNIST, the dataset views,
// SerialIterator and concat_examples.
#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <numeric>
#include <set>

#include "kusari/core/ops.h"
#include "kusari/datasets/concat_examples.h"
#include "kusari/datasets/idx.h"
#include "kusari/datasets/mnist.h"
#include "kusari/datasets/sub_dataset.h"
#include "kusari/datasets/transform_dataset.h"
#include "kusari/datasets/tuple_dataset.h"
#include "kusari/iterators/serial_iterator.h"
#include "kusari/serializers/npz_serializer.h"

using namespace kusari;
using namespace kusari::datasets;

namespace {

uint8_t idx_byte(int64_t i) { return static_cast<uint8_t>((i * 37 + 11) % 256); }

uint32_t crc32_of(const QByteArray& data) {
  uint32_t c = 0xFFFFFFFFu;
  for (char byte : data) {
    c ^= static_cast<uint8_t>(byte);
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

// A gzip file of `data`. The tests link only Qt and kusari, so zlib's deflate is reached
// through qCompress (a 4-byte length, then a zlib stream: 2-byte header, deflate, Adler-32)
// and rewrapped with gzip's header and CRC-32/size trailer (RFC 1952).
QByteArray gzip(const QByteArray& data) {
  QByteArray z = qCompress(data, 9);
  QByteArray out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
  out += z.mid(6, z.size() - 10);
  for (uint32_t v : {crc32_of(data), uint32_t(data.size())})
    for (int i = 0; i < 4; ++i) out += char((v >> (8 * i)) & 0xff);
  return out;
}

// An IDX file of unsigned bytes: magic, big-endian dims, then `count` bytes (the shape's
// count unless told otherwise), gzipped unless `plain`.
void write_idx(const std::string& path, const std::vector<uint32_t>& dims, int64_t count = -1, bool plain = false,
               uint8_t type = 0x08, uint8_t first = 0) {
  QByteArray b;
  b += char(first), b += char(0), b += char(type), b += char(dims.size());
  uint64_t n = 1;  // wraps for the absurd-dimension cases, which pass `count`
  for (uint32_t d : dims) {
    for (int s = 24; s >= 0; s -= 8) b += char((d >> s) & 0xff);
    n *= d;
  }
  if (count < 0) count = int64_t(n);
  for (int64_t i = 0; i < count; ++i) b += char(idx_byte(i));
  QFile f(QString::fromStdString(path));
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(plain ? b : gzip(b));
}

std::shared_ptr<TupleDataset> range_dataset(int64_t n) {
  return std::make_shared<TupleDataset>(std::vector<Tensor>{ops::arange(0, double(n), 1, Dtype::Int64)});
}
int64_t value(const Example& e) { return static_cast<int64_t>(e[0].item()); }
std::vector<int64_t> values(const std::vector<Example>& batch) {
  std::vector<int64_t> v;
  for (const Example& e : batch) v.push_back(value(e));
  return v;
}

void expect_format_error(const std::function<void()>& f, const char* part) {
  try {
    f();
  } catch (const FormatError& e) {
    QVERIFY2(std::string(e.what()).find(part) != std::string::npos, e.what());
    return;
  } catch (const std::exception& e) {
    QFAIL((std::string("not a FormatError: ") + e.what()).c_str());
  }
  QFAIL("no error raised");
}

}  // namespace

class TestDatasets : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  std::string path(const std::string& name) { return QDir(tmp_.path()).filePath(QString::fromStdString(name)).toStdString(); }

 private slots:
  void idx_reads_images_and_labels_data() {
    QTest::addColumn<bool>("plain");
    QTest::newRow("gzip") << false;
    QTest::newRow("uncompressed") << true;
  }
  void idx_reads_images_and_labels() {
    QFETCH(bool, plain);
    write_idx(path("img"), {3, 2, 4}, -1, plain);
    Tensor images = read_idx_images(path("img"), 2.0);
    QCOMPARE(images.dtype(), Dtype::Float32);
    QCOMPARE(images.shape(), (Shape{3, 2, 4}));
    for (int64_t i = 0; i < 24; ++i)
      QCOMPARE(images.data<float>()[i], float(idx_byte(i) * 2.0 / 255.0));
    write_idx(path("lab"), {5}, -1, plain);
    Tensor labels = read_idx_labels(path("lab"));
    QCOMPARE(labels.dtype(), Dtype::Int32);
    QCOMPARE(labels.shape(), (Shape{5}));
    for (int64_t i = 0; i < 5; ++i) QCOMPARE(labels.data<int32_t>()[i], int32_t(idx_byte(i)));
  }

  void idx_rejects_malformed_files() {
    write_idx(path("magic"), {2}, -1, false, 0x08, 1);
    expect_format_error([&] { read_idx(path("magic")); }, "wrong magic");
    write_idx(path("type"), {2}, -1, false, 0x0D);
    expect_format_error([&] { read_idx(path("type")); }, "element type 0x0d");
    write_idx(path("ndim"), {});
    expect_format_error([&] { read_idx(path("ndim")); }, "0 dimensions");
    write_idx(path("short"), {10, 10}, 99);
    expect_format_error([&] { read_idx(path("short")); }, "needs 100 bytes of data, the file holds 99");
    write_idx(path("long"), {10, 10}, 101);
    expect_format_error([&] { read_idx(path("long")); }, "longer than its shape");
    write_idx(path("absurd"), {0xFFFFFFFFu, 0xFFFFFFFFu, 0xFFFFFFFFu}, 10);
    expect_format_error([&] { read_idx(path("absurd")); }, "absurd IDX dimensions");
    write_idx(path("big"), {60000, 28, 28}, 10);  // a plausible header over a short file
    expect_format_error([&] { read_idx(path("big")); }, "the file holds 10");
    // A gzip stream cut short.
    write_idx(path("whole"), {100, 100});
    QFile whole(QString::fromStdString(path("whole")));
    QVERIFY(whole.open(QIODevice::ReadOnly));
    QByteArray gz = whole.readAll();
    QFile cut(QString::fromStdString(path("cut")));
    QVERIFY(cut.open(QIODevice::WriteOnly));
    cut.write(gz.left(gz.size() / 2));
    cut.close();
    QVERIFY_THROWS_EXCEPTION(FormatError, read_idx(path("cut")));
    QVERIFY_THROWS_EXCEPTION(Error, read_idx(path("missing")));
  }

  void fashion_mnist_loads() {
    // The README installs dataset-fashion-mnist, so its absence is a failure, not a skip.
    auto [train, test] = get_fashion_mnist();
    QCOMPARE(train->size(), int64_t(60000));
    QCOMPARE(test->size(), int64_t(10000));
    QCOMPARE(train->arrays()[0].shape(), (Shape{60000, 784}));
    QCOMPARE(train->arrays()[1].shape(), (Shape{60000}));
    QCOMPARE(test->arrays()[0].shape(), (Shape{10000, 784}));
    QCOMPARE(test->arrays()[1].shape(), (Shape{10000}));
    QCOMPARE(train->arrays()[0].dtype(), Dtype::Float32);
    QCOMPARE(train->arrays()[1].dtype(), Dtype::Int32);
    QVERIFY(ops::min(test->arrays()[0]).item() >= 0 && ops::max(test->arrays()[0]).item() == 1.0);
    QCOMPARE(ops::min(test->arrays()[1]).item(), 0.0);
    QCOMPARE(ops::max(test->arrays()[1]).item(), 9.0);
  }

  void mnist_layout_options() {
    // A miniature copy of the layout, written here: 4 training and 2 test images of 28x28.
    QDir(tmp_.path()).mkpath("mini");
    for (auto [split, n] : {std::pair{"train", 4u}, std::pair{"t10k", 2u}}) {
      write_idx(path(std::string("mini/") + split + "-images-idx3-ubyte.gz"), {n, 28, 28});
      write_idx(path(std::string("mini/") + split + "-labels-idx1-ubyte.gz"), {n});
    }
    auto [train, test] = get_fashion_mnist(path("mini"), true, 3, 4.0);
    QCOMPARE(train->arrays()[0].shape(), (Shape{4, 1, 28, 28}));
    QCOMPARE(test->get_example(1)[0].shape(), (Shape{1, 28, 28}));
    QCOMPARE(test->get_example(1)[0].at({0, 0, 5}), double(float(idx_byte(784 + 5) * 4.0 / 255.0)));
    QCOMPARE(test->get_example(1)[1].item(), double(idx_byte(1)));
    auto images_only = get_mnist(path("mini"), false, 2);
    QCOMPARE(images_only.train->arrays().size(), size_t(1));
    QCOMPARE(images_only.train->get_example(0)[0].shape(), (Shape{28, 28}));
    QVERIFY_THROWS_EXCEPTION(ValueError, get_mnist(path("mini"), true, 4));
    try {
      get_fashion_mnist(path("nowhere"));
      QFAIL("no error for a missing directory");
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find("nowhere/train-images-idx3-ubyte.gz not found") != std::string::npos, e.what());
    }
  }

  void tuple_dataset() {
    Tensor x = ops::arange(0, 10, 1, Dtype::Float64).view({5, 2});
    Tensor t = ops::arange(0, 5, 1, Dtype::Int32);
    TupleDataset d({x, t});
    QCOMPARE(d.size(), int64_t(5));
    Example e = d.get_example(3);
    QCOMPARE(e.size(), size_t(2));
    QCOMPARE(e[0].shape(), (Shape{2}));
    QCOMPARE(e[0].at({1}), 7.0);
    QCOMPARE(e[1].item(), 3.0);
    QVERIFY(e[0].shares_storage(x));  // a view
    QCOMPARE(d.get_example(-1)[1].item(), 4.0);
    QVERIFY_THROWS_EXCEPTION(IndexError, d.get_example(5));
    QVERIFY_THROWS_EXCEPTION(IndexError, d.get_example(-6));
    QVERIFY_THROWS_EXCEPTION(ShapeError, TupleDataset({x, ops::zeros({4})}));
    QVERIFY_THROWS_EXCEPTION(ShapeError, TupleDataset({ops::scalar(1)}));
    QVERIFY_THROWS_EXCEPTION(ValueError, TupleDataset({}));
  }

  void split_and_transform() {
    auto d = range_dataset(10);
    auto [a, b] = split_dataset(d, 3);
    QCOMPARE(a->size(), int64_t(3));
    QCOMPARE(b->size(), int64_t(7));
    QCOMPARE(value(b->get_example(0)), int64_t(3));
    QVERIFY_THROWS_EXCEPTION(IndexError, a->get_example(3));
    auto [c, e] = split_dataset(d, 2, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0});
    QCOMPARE(value(c->get_example(1)), int64_t(8));
    QCOMPARE(value(e->get_example(0)), int64_t(7));
    QVERIFY_THROWS_EXCEPTION(ValueError, split_dataset(d, 11));
    QVERIFY_THROWS_EXCEPTION(ValueError, split_dataset(d, 2, {0, 1, 2}));
    QVERIFY_THROWS_EXCEPTION(ValueError, split_dataset(d, 2, {0, 0, 2, 3, 4, 5, 6, 7, 8, 9}));

    auto [r1, r2] = split_dataset_random(d, 4, 123);
    std::multiset<int64_t> seen;
    for (int64_t i = 0; i < r1->size(); ++i) seen.insert(value(r1->get_example(i)));
    for (int64_t i = 0; i < r2->size(); ++i) seen.insert(value(r2->get_example(i)));
    QCOMPARE(seen, (std::multiset<int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));  // each index exactly once
    auto [s1, s2] = split_dataset_random(d, 4, 123);
    for (int64_t i = 0; i < 4; ++i) QCOMPARE(value(s1->get_example(i)), value(r1->get_example(i)));

    TransformDataset doubled(d, [](Example ex) { return Example{ops::add(ex[0], ex[0])}; });
    QCOMPARE(doubled.size(), int64_t(10));
    QCOMPARE(value(doubled.get_example(4)), int64_t(8));
  }

  void serial_iterator_in_order_without_repeat() {
    SerialIterator it(range_dataset(10), 3, false, false);
    std::vector<std::vector<int64_t>> expected{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}, {9}};
    for (size_t k = 0; k < expected.size(); ++k) {
      QCOMPARE(values(it.next()), expected[k]);
      QCOMPARE(it.is_new_epoch(), k == 3);
    }
    QCOMPARE(it.epoch(), int64_t(1));
    QCOMPARE(it.epoch_detail(), 1.0);
    QVERIFY_THROWS_EXCEPTION(StopIteration, it.next());
    it.reset();
    QCOMPARE(values(it.next()), expected[0]);
  }

  void serial_iterator_shuffles_each_epoch() {
    const int64_t n = 10, batch = 3;
    SerialIterator it(range_dataset(n), batch, true, true, 7);
    QVERIFY(!it.previous_epoch_detail());
    std::vector<int64_t> seen;
    for (int step = 1; step <= 20; ++step) {
      std::vector<int64_t> b = values(it.next());
      QCOMPARE(int64_t(b.size()), batch);
      seen.insert(seen.end(), b.begin(), b.end());
      int64_t consumed = step * batch;
      QCOMPARE(it.epoch(), consumed / n);
      QCOMPARE(it.epoch_detail(), double(consumed) / n);
      QCOMPARE(*it.previous_epoch_detail(), double(consumed - batch) / n);
      QCOMPARE(it.is_new_epoch(), consumed / n != (consumed - batch) / n);
    }
    // Every epoch visits every index exactly once, and not always in the same order.
    std::set<std::vector<int64_t>> orders;
    for (int64_t e = 0; e < 6; ++e) {
      std::vector<int64_t> epoch(seen.begin() + e * n, seen.begin() + (e + 1) * n);
      orders.insert(epoch);
      std::sort(epoch.begin(), epoch.end());
      std::vector<int64_t> all(n);
      std::iota(all.begin(), all.end(), 0);
      QCOMPARE(epoch, all);
    }
    QVERIFY(orders.size() > 1);
  }

  void serial_iterator_batch_larger_than_dataset() {
    SerialIterator it(range_dataset(4), 10, true, false);
    QCOMPARE(values(it.next()), (std::vector<int64_t>{0, 1, 2, 3, 0, 1, 2, 3, 0, 1}));
    QCOMPARE(it.epoch(), int64_t(2));
    QCOMPARE(it.epoch_detail(), 2.5);
    SerialIterator once(range_dataset(4), 10, false, false);
    QCOMPARE(values(once.next()).size(), size_t(4));
    QVERIFY_THROWS_EXCEPTION(StopIteration, once.next());
    QVERIFY_THROWS_EXCEPTION(ValueError, SerialIterator(range_dataset(4), 0));
  }

  void serial_iterator_serialize_round_trip() {
    auto d = range_dataset(10);
    SerialIterator it(d, 3, true, true, 1);
    it.next(), it.next(), it.next(), it.next();  // epoch 1, position 2
    std::string file = path("iterator.npz");
    save_npz(file, it);
    SerialIterator resumed(d, 3, true, true, 999);
    load_npz(file, resumed);
    QCOMPARE(resumed.epoch(), it.epoch());
    QCOMPARE(resumed.current_position(), it.current_position());
    QCOMPARE(resumed.epoch_detail(), it.epoch_detail());
    QCOMPARE(resumed.is_new_epoch(), it.is_new_epoch());
    QCOMPARE(*resumed.previous_epoch_detail(), *it.previous_epoch_detail());
    QCOMPARE(resumed.order(), it.order());
    // The rest of the epoch continues identically.
    QCOMPARE(values(resumed.next()), values(it.next()));
    QCOMPARE(values(resumed.next()), values(it.next()));
    // A snapshot that does not fit the dataset is refused.
    SerialIterator small(range_dataset(5), 3, true, true, 1);
    QVERIFY_THROWS_EXCEPTION(ShapeError, load_npz(file, small));
  }

  void concat_examples_stacks() {
    Tensor x = ops::arange(0, 12, 1, Dtype::Float32).view({4, 3});
    Tensor t = ops::arange(10, 14, 1, Dtype::Int32);
    TupleDataset d({x, t});
    std::vector<Example> batch{d.get_example(2), d.get_example(0), d.get_example(3)};
    std::vector<Tensor> out = concat_examples(batch);
    QCOMPARE(out.size(), size_t(2));
    QCOMPARE(out[0].shape(), (Shape{3, 3}));
    QCOMPARE(out[0].dtype(), Dtype::Float32);
    QCOMPARE(out[1].dtype(), Dtype::Int32);
    int rows[] = {2, 0, 3};
    for (int i = 0; i < 3; ++i) {
      QCOMPARE(out[1].at({i}), 10.0 + rows[i]);
      for (int j = 0; j < 3; ++j) QCOMPARE(out[0].at({i, j}), double(rows[i] * 3 + j));
    }
    // Non-contiguous examples (columns) take the general path.
    TupleDataset cols({x.transpose()});
    std::vector<Tensor> c = concat_examples({cols.get_example(1), cols.get_example(2)});
    QCOMPARE(c[0].shape(), (Shape{2, 4}));
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 4; ++j) QCOMPARE(c[0].at({i, j}), double(j * 3 + i + 1));
    QVERIFY_THROWS_EXCEPTION(ValueError, concat_examples({}));
    QVERIFY_THROWS_EXCEPTION(ShapeError, concat_examples({Example{ops::zeros({2})}, Example{ops::zeros({3})}}));
    QVERIFY_THROWS_EXCEPTION(ValueError, concat_examples({Example{ops::zeros({2})}, Example{}}));
  }
};

QTEST_APPLESS_MAIN(TestDatasets)
#include "test_datasets.moc"

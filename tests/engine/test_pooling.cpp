// Pooling functions: forward against window loops written here, backward and double backward
// numerically (max pooling on inputs whose values are far apart, so the argmax is stable).
#include <QTest>
#include <algorithm>
#include <limits>
#include <numeric>
#include <random>

#include "engine/engine_test_support.h"
#include "kusari/functions/pooling.h"
#include "kusari/functions/reduction.h"

using namespace kusari;
using namespace kusari::test_support;

namespace {

std::vector<double> values(const Tensor& t) {
  Tensor c = t.astype(Dtype::Float64).contiguous();
  return std::vector<double>(c.data<double>(), c.data<double>() + c.numel());
}

// Distinct values 0.1 apart in random order: no ties, and a step of eps never changes an argmax.
Tensor distinct64(const Shape& s, unsigned seed) {
  std::vector<double> v(static_cast<size_t>(shape_numel(s)));
  std::iota(v.begin(), v.end(), 0.0);
  std::shuffle(v.begin(), v.end(), std::mt19937(seed));
  for (double& x : v) x = 0.1 * x - 1.0;
  return ops::from_vector<double>(v, s);
}

// Python's floor division as in Chainer's get_conv_outsize.
int64_t out_size(int64_t in, int64_t k, int64_t s, int64_t p, bool cover_all) {
  int64_t num = in + 2 * p - k + (cover_all ? s - 1 : 0);
  return (num >= 0 ? num / s : -((-num + s - 1) / s)) + 1;
}

struct Expected {
  Tensor y, indexes;
};

// Max over each window of the image padded with -inf; cover_all adds s - 1 more -inf rows/columns.
Expected max_pool_reference(const Tensor& x, const Pool2dParams& p) {
  const int64_t N = x.shape()[0], C = x.shape()[1], H = x.shape()[2], W = x.shape()[3];
  const int64_t OH = out_size(H, p.kh, p.sy, p.ph, p.cover_all), OW = out_size(W, p.kw, p.sx, p.pw, p.cover_all);
  auto xv = values(x);
  Tensor y({N, C, OH, OW}, Dtype::Float64), idx({N, C, OH, OW}, Dtype::Int64);
  for (int64_t nc = 0; nc < N * C; ++nc)
    for (int64_t oy = 0; oy < OH; ++oy)
      for (int64_t ox = 0; ox < OW; ++ox) {
        double best = -std::numeric_limits<double>::infinity();
        int64_t arg = 0;
        for (int64_t i = 0; i < p.kh; ++i)
          for (int64_t j = 0; j < p.kw; ++j) {
            const int64_t iy = oy * p.sy - p.ph + i, ix = ox * p.sx - p.pw + j;
            const double v = (iy >= 0 && iy < H && ix >= 0 && ix < W) ? xv[(nc * H + iy) * W + ix]
                                                                      : -std::numeric_limits<double>::infinity();
            if (v > best) best = v, arg = i * p.kw + j;
          }
        const int64_t o = (nc * OH + oy) * OW + ox;
        y.data<double>()[o] = best;
        idx.data<int64_t>()[o] = arg;
      }
  return {y, idx};
}

// Mean over each window with the padding counted as zeros (divisor kh * kw).
Tensor average_pool_reference(const Tensor& x, const Pool2dParams& p) {
  const int64_t N = x.shape()[0], C = x.shape()[1], H = x.shape()[2], W = x.shape()[3];
  const int64_t OH = out_size(H, p.kh, p.sy, p.ph, false), OW = out_size(W, p.kw, p.sx, p.pw, false);
  auto xv = values(x);
  return tensor_from({N, C, OH, OW}, [&](int64_t o) {
    const int64_t ox = o % OW, oy = (o / OW) % OH, nc = o / (OW * OH);
    double s = 0;
    for (int64_t i = 0; i < p.kh; ++i)
      for (int64_t j = 0; j < p.kw; ++j) {
        const int64_t iy = oy * p.sy - p.ph + i, ix = ox * p.sx - p.pw + j;
        if (iy >= 0 && iy < H && ix >= 0 && ix < W) s += xv[(nc * H + iy) * W + ix];
      }
    return s / static_cast<double>(p.kh * p.kw);
  });
}

// Each x value added to the window cells (all of them for unpooling, the argmax cell for
// upsampling) of an (OH, OW) output.
Tensor spread_reference(const Tensor& x, const Pool2dParams& p, int64_t OH, int64_t OW, const Tensor* indexes) {
  const int64_t N = x.shape()[0], C = x.shape()[1], H = x.shape()[2], W = x.shape()[3];
  auto xv = values(x);
  std::vector<double> iv = indexes ? values(*indexes) : std::vector<double>();
  Tensor y = ops::zeros({N, C, OH, OW}, Dtype::Float64);
  double* yp = y.data<double>();
  for (int64_t nc = 0; nc < N * C; ++nc)
    for (int64_t iy = 0; iy < H; ++iy)
      for (int64_t ix = 0; ix < W; ++ix)
        for (int64_t i = 0; i < p.kh; ++i)
          for (int64_t j = 0; j < p.kw; ++j) {
            const int64_t k = (nc * H + iy) * W + ix;
            if (indexes && static_cast<int64_t>(iv[k]) != i * p.kw + j) continue;
            const int64_t oy = iy * p.sy - p.ph + i, ox = ix * p.sx - p.pw + j;
            if (oy >= 0 && oy < OH && ox >= 0 && ox < OW) yp[(nc * OH + oy) * OW + ox] += xv[k];
          }
  return y;
}

Pool2dParams params(int64_t k, int64_t s, int64_t pad, bool cover_all) { return {k, k, s, s, pad, pad, cover_all}; }

void add_pool_rows() {
  QTest::addColumn<int>("k");
  QTest::addColumn<int>("s");
  QTest::addColumn<int>("pad");
  QTest::addColumn<bool>("cover_all");
  QTest::addColumn<QList<qint64>>("shape");
  for (bool ca : {true, false}) {
    std::string tag = ca ? " cover_all" : " exact";
    QTest::newRow(("k2 s2" + tag).c_str()) << 2 << 2 << 0 << ca << QList<qint64>{2, 3, 5, 7};
    QTest::newRow(("k2 s2 even (the 2x2 fast path)" + tag).c_str()) << 2 << 2 << 0 << ca << QList<qint64>{2, 3, 6, 8};
    QTest::newRow(("k3 s2 p1" + tag).c_str()) << 3 << 2 << 1 << ca << QList<qint64>{1, 2, 6, 5};
    QTest::newRow(("k3 s1 p1" + tag).c_str()) << 3 << 1 << 1 << ca << QList<qint64>{2, 2, 4, 4};
    QTest::newRow(("k2 s3" + tag).c_str()) << 2 << 3 << 0 << ca << QList<qint64>{1, 2, 7, 8};
    QTest::newRow(("empty batch" + tag).c_str()) << 2 << 2 << 0 << ca << QList<qint64>{0, 2, 4, 4};
  }
}

#define FETCH_POOL_ROW()                        \
  QFETCH(int, k);                               \
  QFETCH(int, s);                               \
  QFETCH(int, pad);                             \
  QFETCH(bool, cover_all);                      \
  QFETCH(QList<qint64>, shape);                 \
  Shape xs(shape.begin(), shape.end());         \
  Pool2dParams p = params(k, s, pad, cover_all)

template <typename F>
std::string error_of(F f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no error";
}

std::vector<Variable> one(Variable v) { return {std::move(v)}; }

}  // namespace

class TestPooling : public QObject {
  Q_OBJECT
 private slots:
  void max_pooling_forward_data() { add_pool_rows(); }
  void max_pooling_forward() {
    FETCH_POOL_ROW();
    Tensor x = distinct64(xs, 1);
    Expected ref = max_pool_reference(x, p);
    auto [y, indexes] = max_pooling_2d_with_indexes(x, p);
    KUSARI_VERIFY_CLOSE(y.data(), ref.y, 0, 0);
    KUSARI_VERIFY_CLOSE(indexes, ref.indexes, 0, 0);
    KUSARI_VERIFY_CLOSE(max_pooling_2d(x.astype(Dtype::Float32), p).data(), ref.y, 1e-6, 1e-6);
  }

  void max_pooling_2x2_ties_pick_the_first_cell() {
    // Values 0..2 (many ties): the 2x2 stride-2 fast path must pick the first maximum in
    // row-major order, as the general loop and the reference do; odd sizes leave a margin.
    for (const Shape& xs : {Shape{2, 2, 6, 8}, Shape{1, 3, 7, 9}}) {
      std::mt19937 rng(4);
      Tensor x = tensor_from(xs, [&](int64_t) { return static_cast<double>(rng() % 3); });
      const Pool2dParams p = params(2, 2, 0, false);
      Expected ref = max_pool_reference(x, p);
      auto [y, indexes] = max_pooling_2d_with_indexes(x, p);
      KUSARI_VERIFY_CLOSE(y.data(), ref.y, 0, 0);
      KUSARI_VERIFY_CLOSE(indexes, ref.indexes, 0, 0);
      // The gradient goes to that cell only.
      Variable xv(x.astype(Dtype::Float32), true);
      sum(max_pooling_2d(xv, p)).backward();
      Tensor expect = spread_reference(ops::ones(ref.y.shape(), Dtype::Float64), p, xs[2], xs[3], &ref.indexes);
      KUSARI_VERIFY_CLOSE(xv.grad().data(), expect, 0, 0);
    }
  }

  void max_pooling_backward_data() { add_pool_rows(); }
  void max_pooling_backward() {
    FETCH_POOL_ROW();
    auto f = [p](const std::vector<Variable>& v) { return one(max_pooling_2d(v[0], p)); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {distinct64(xs, 2)}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {distinct64(xs, 3)}));
  }

  void average_pooling_forward_data() { add_pool_rows(); }
  void average_pooling_forward() {
    FETCH_POOL_ROW();
    Tensor x = ops::uniform(xs, -1, 1, Dtype::Float64);
    KUSARI_VERIFY_CLOSE(average_pooling_2d(x, p).data(), average_pool_reference(x, p), 1e-12, 1e-12);
    auto f = [p](const std::vector<Variable>& v) { return one(average_pooling_2d(v[0], p)); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
  }

  void unpooling_forward_data() { add_pool_rows(); }
  void unpooling_forward() {
    FETCH_POOL_ROW();
    Tensor x = ops::uniform(xs, -1, 1, Dtype::Float64);
    // Chainer's get_deconv_outsize.
    const int64_t OH = s * (xs[2] - 1) + k - 2 * pad - (cover_all ? s - 1 : 0);
    const int64_t OW = s * (xs[3] - 1) + k - 2 * pad - (cover_all ? s - 1 : 0);
    Variable y = unpooling_2d(x, p);
    KUSARI_VERIFY_CLOSE(y.data(), spread_reference(x, p, OH, OW, nullptr), 1e-12, 1e-12);
    auto f = [p](const std::vector<Variable>& v) { return one(unpooling_2d(v[0], p)); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
  }

  void unpooling_explicit_outsize() {
    Pool2dParams p = params(2, 2, 0, false);
    Tensor x = ops::uniform({1, 2, 3, 3}, -1, 1, Dtype::Float64);
    Variable y = unpooling_2d(x, p, 7, 7);  // 7 pools back to 3 as 6 does
    KUSARI_VERIFY_CLOSE(y.data(), spread_reference(x, p, 7, 7, nullptr), 1e-12, 1e-12);
    std::string e = error_of([&] { unpooling_2d(x, p, 9, 6); });
    QVERIFY2(e.find("unpooling_2d") != std::string::npos && e.find("(9, 6)") != std::string::npos, e.c_str());
  }

  void upsampling_forward_data() { add_pool_rows(); }
  void upsampling_forward() {
    FETCH_POOL_ROW();
    Tensor image = distinct64({xs[0], xs[1], xs[2] * s, xs[3] * s}, 4);
    auto [pooled, indexes] = max_pooling_2d_with_indexes(image, p);
    const int64_t OH = image.shape()[2], OW = image.shape()[3];
    Tensor x = ops::uniform(pooled.shape(), -1, 1, Dtype::Float64);
    Variable y = upsampling_2d(x, indexes, p, OH, OW);
    KUSARI_VERIFY_CLOSE(y.data(), spread_reference(x, p, OH, OW, &indexes), 1e-12, 1e-12);
    Tensor idx = indexes;
    auto f = [p, idx, OH, OW](const std::vector<Variable>& v) { return one(upsampling_2d(v[0], idx, p, OH, OW)); };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {x}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {x}));
  }

  void bad_input_names_function_and_shape() {
    std::string e = error_of([] { max_pooling_2d(ops::zeros({2, 3, 4}), params(2, 2, 0, true)); });
    QVERIFY2(e.find("max_pooling_2d") != std::string::npos && e.find("(2, 3, 4)") != std::string::npos, e.c_str());
    e = error_of([] { average_pooling_2d(ops::zeros({1, 1, 2, 2}), params(3, 1, 0, false)); });
    QVERIFY2(e.find("average_pooling_2d") != std::string::npos && e.find("(1, 1, 2, 2)") != std::string::npos,
             e.c_str());
    e = error_of([] { upsampling_2d(ops::zeros({1, 1, 2, 2}), ops::zeros({1, 1, 2, 3}, Dtype::Int64),
                                    params(2, 2, 0, false), 4, 4); });
    QVERIFY2(e.find("upsampling_2d") != std::string::npos && e.find("(1, 1, 2, 3)") != std::string::npos, e.c_str());
    e = error_of([] { max_pooling_2d(ops::zeros({1, 1, 4, 4}, Dtype::Int64), params(2, 2, 0, true)); });
    QVERIFY2(e.find("max_pooling_2d") != std::string::npos && e.find("int64") != std::string::npos, e.c_str());
  }
};

QTEST_APPLESS_MAIN(TestPooling)
#include "test_pooling.moc"

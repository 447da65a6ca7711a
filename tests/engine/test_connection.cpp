// Connection functions: forward against direct loops (no im2col, no GEMM), backward and double
// backward numerically, and the shape errors.
#include <QTest>

#include "engine/engine_test_support.h"
#include "kusari/functions/arithmetic.h"
#include "kusari/functions/connection.h"
#include "kusari/functions/reduction.h"

using namespace kusari;
using namespace kusari::test_support;

namespace {

std::vector<double> values(const Tensor& t) {
  Tensor c = t.astype(Dtype::Float64).contiguous();
  return std::vector<double>(c.data<double>(), c.data<double>() + c.numel());
}

Tensor random64(const Shape& s) { return ops::uniform(s, -1, 1, Dtype::Float64); }

// Direct convolution: y[n, o, oy, ox] = b[o] + sum_{c in o's group, i, j} x[n, c, iy, ix] W[o, c', i, j].
Tensor conv_reference(const Tensor& x, const Tensor& W, const Tensor& b, const Conv2dParams& p) {
  const int64_t N = x.shape()[0], C = x.shape()[1], H = x.shape()[2], Wd = x.shape()[3];
  const int64_t O = W.shape()[0], Cg = W.shape()[1], KH = W.shape()[2], KW = W.shape()[3];
  const int64_t OH = (H + 2 * p.pad_y - (p.dilate_y * (KH - 1) + 1)) / p.stride_y + 1;
  const int64_t OW = (Wd + 2 * p.pad_x - (p.dilate_x * (KW - 1) + 1)) / p.stride_x + 1;
  const int64_t Og = O / p.groups;
  auto xv = values(x), wv = values(W);
  std::vector<double> bv = b.defined() ? values(b) : std::vector<double>(O, 0.0);
  (void)C;
  Tensor y({N, O, OH, OW}, Dtype::Float64);
  double* yp = y.data<double>();
  for (int64_t n = 0; n < N; ++n)
    for (int64_t o = 0; o < O; ++o)
      for (int64_t oy = 0; oy < OH; ++oy)
        for (int64_t ox = 0; ox < OW; ++ox) {
          double s = bv[o];
          const int64_t grp = o / Og;
          for (int64_t c = 0; c < Cg; ++c)
            for (int64_t i = 0; i < KH; ++i)
              for (int64_t j = 0; j < KW; ++j) {
                const int64_t iy = oy * p.stride_y - p.pad_y + i * p.dilate_y;
                const int64_t ix = ox * p.stride_x - p.pad_x + j * p.dilate_x;
                if (iy < 0 || iy >= H || ix < 0 || ix >= Wd) continue;
                s += xv[((n * C + grp * Cg + c) * H + iy) * Wd + ix] * wv[((o * Cg + c) * KH + i) * KW + j];
              }
          yp[((n * O + o) * OH + oy) * OW + ox] = s;
        }
  return y;
}

// Direct transposed convolution: every x[n, c, iy, ix] adds x * W[c, o', i, j] to its output taps.
Tensor deconv_reference(const Tensor& x, const Tensor& W, const Tensor& b, const Conv2dParams& p, int64_t OH,
                        int64_t OW) {
  const int64_t N = x.shape()[0], C = x.shape()[1], H = x.shape()[2], Wd = x.shape()[3];
  const int64_t Og = W.shape()[1], KH = W.shape()[2], KW = W.shape()[3];
  const int64_t O = Og * p.groups, Cg = C / p.groups;
  auto xv = values(x), wv = values(W);
  std::vector<double> bv = b.defined() ? values(b) : std::vector<double>(O, 0.0);
  Tensor y({N, O, OH, OW}, Dtype::Float64);
  double* yp = y.data<double>();
  for (int64_t k = 0; k < y.numel(); ++k) yp[k] = bv[(k / (OH * OW)) % O];
  for (int64_t n = 0; n < N; ++n)
    for (int64_t c = 0; c < C; ++c)
      for (int64_t iy = 0; iy < H; ++iy)
        for (int64_t ix = 0; ix < Wd; ++ix)
          for (int64_t o = 0; o < Og; ++o)
            for (int64_t i = 0; i < KH; ++i)
              for (int64_t j = 0; j < KW; ++j) {
                const int64_t oy = iy * p.stride_y - p.pad_y + i * p.dilate_y;
                const int64_t ox = ix * p.stride_x - p.pad_x + j * p.dilate_x;
                if (oy < 0 || oy >= OH || ox < 0 || ox >= OW) continue;
                const int64_t out_c = (c / Cg) * Og + o;
                yp[((n * O + out_c) * OH + oy) * OW + ox] +=
                    xv[((n * C + c) * H + iy) * Wd + ix] * wv[((c * Og + o) * KH + i) * KW + j];
              }
  return y;
}

struct ConvCase {
  Shape x, w;
  Conv2dParams p;
};

void add_conv_rows() {
  QTest::addColumn<int>("index");
  QTest::addColumn<bool>("bias");
  const char* names[] = {"basic 3x3", "stride 2", "pad 1", "dilation 2", "groups 2", "stride 2 pad 1 rect",
                         "1x1", "all at once", "empty batch"};
  for (int i = 0; i < 9; ++i) {
    QTest::newRow((std::string(names[i]) + " bias").c_str()) << i << true;
    QTest::newRow((std::string(names[i]) + " nobias").c_str()) << i << false;
  }
}

ConvCase conv_case(int i) {
  switch (i) {
    case 0: return {{2, 3, 5, 6}, {4, 3, 3, 3}, {}};
    case 1: return {{2, 2, 7, 6}, {3, 2, 3, 3}, {2, 2}};
    case 2: return {{1, 2, 4, 5}, {3, 2, 3, 3}, {1, 1, 1, 1}};
    case 3: return {{2, 2, 7, 7}, {2, 2, 3, 3}, {1, 1, 0, 0, 2, 2}};
    case 4: return {{2, 4, 5, 5}, {6, 2, 3, 3}, {1, 1, 0, 0, 1, 1, 2}};
    case 5: return {{1, 3, 6, 5}, {2, 3, 2, 3}, {2, 1, 1, 0}};
    case 6: return {{2, 3, 3, 4}, {5, 3, 1, 1}, {}};
    case 7: return {{2, 4, 8, 7}, {4, 2, 3, 2}, {2, 1, 1, 2, 2, 1, 2}};
    default: return {{0, 2, 4, 4}, {3, 2, 3, 3}, {}};
  }
}

template <typename F>
std::string error_of(F f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no error";
}

bool mentions(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

class TestConnection : public QObject {
  Q_OBJECT
 private slots:
  void linear_forward_data() {
    QTest::addColumn<QList<qint64>>("x_shape");
    QTest::addColumn<int>("n_batch_axes");
    QTest::addColumn<bool>("bias");
    QTest::newRow("2d bias") << QList<qint64>{4, 3} << 1 << true;
    QTest::newRow("2d nobias") << QList<qint64>{4, 3} << 1 << false;
    QTest::newRow("4d flattened") << QList<qint64>{2, 3, 2, 2} << 1 << true;
    QTest::newRow("two batch axes") << QList<qint64>{2, 3, 4} << 2 << true;
    QTest::newRow("empty batch") << QList<qint64>{0, 3} << 1 << true;
  }
  void linear_forward() {
    QFETCH(QList<qint64>, x_shape);
    QFETCH(int, n_batch_axes);
    QFETCH(bool, bias);
    Shape xs(x_shape.begin(), x_shape.end());
    int64_t rows = 1, in = 1;
    for (int i = 0; i < static_cast<int>(xs.size()); ++i) (i < n_batch_axes ? rows : in) *= xs[i];
    const int64_t out = 5;
    Tensor x = random64(xs), W = random64({out, in}), b = random64({out});
    Variable y = linear(x, W, bias ? Variable(b) : Variable(), n_batch_axes);
    Shape ys(xs.begin(), xs.begin() + n_batch_axes);
    ys.push_back(out);
    auto xv = values(x), wv = values(W), bv = values(b);
    Tensor ref = tensor_from(ys, [&](int64_t k) {
      const int64_t r = k / out, o = k % out;
      double s = bias ? bv[o] : 0.0;
      for (int64_t i = 0; i < in; ++i) s += xv[r * in + i] * wv[o * in + i];
      return s;
    });
    KUSARI_VERIFY_CLOSE(y.data(), ref, 1e-12, 1e-12);
    // float32 goes through the same path.
    Variable y32 = linear(x.astype(Dtype::Float32), W.astype(Dtype::Float32),
                          bias ? Variable(b.astype(Dtype::Float32)) : Variable(), n_batch_axes);
    QCOMPARE(y32.dtype(), Dtype::Float32);
    KUSARI_VERIFY_CLOSE(y32.data(), ref, 1e-5, 1e-5);
  }

  void linear_backward_data() { linear_forward_data(); }
  void linear_backward() {
    QFETCH(QList<qint64>, x_shape);
    QFETCH(int, n_batch_axes);
    QFETCH(bool, bias);
    Shape xs(x_shape.begin(), x_shape.end());
    int64_t in = 1;
    for (size_t i = n_batch_axes; i < xs.size(); ++i) in *= xs[i];
    std::vector<Tensor> inputs{random64(xs), random64({5, in})};
    if (bias) inputs.push_back(random64({5}));
    auto f = [n_batch_axes](const std::vector<Variable>& v) {
      return std::vector<Variable>{linear(v[0], v[1], v.size() > 2 ? v[2] : Variable(), n_batch_axes)};
    };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, inputs));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, inputs));
  }

  void linear_shape_error_names_shapes() {
    std::string e = error_of([] { linear(ops::zeros({4, 3}), ops::zeros({5, 2})); });
    QVERIFY2(mentions(e, "linear") && mentions(e, "(4, 3)") && mentions(e, "(5, 2)"), e.c_str());
    e = error_of([] { linear(ops::zeros({4, 3}), ops::zeros({5, 3}), ops::zeros({4})); });
    QVERIFY2(mentions(e, "linear") && mentions(e, "(4,)"), e.c_str());
  }

  void convolution_forward_data() { add_conv_rows(); }
  void convolution_forward() {
    QFETCH(int, index);
    QFETCH(bool, bias);
    ConvCase cc = conv_case(index);
    Tensor x = random64(cc.x), W = random64(cc.w), b = bias ? random64({cc.w[0]}) : Tensor();
    Variable y = convolution_2d(x, W, bias ? Variable(b) : Variable(), cc.p);
    KUSARI_VERIFY_CLOSE(y.data(), conv_reference(x, W, b, cc.p), 1e-12, 1e-12);
    Variable y32 = convolution_2d(x.astype(Dtype::Float32), W.astype(Dtype::Float32),
                                  bias ? Variable(b.astype(Dtype::Float32)) : Variable(), cc.p);
    KUSARI_VERIFY_CLOSE(y32.data(), conv_reference(x, W, b, cc.p), 1e-5, 1e-5);
  }

  // Large enough that the column matrix is built a few samples at a time.
  void convolution_forward_in_chunks() {
    Tensor x = ops::uniform({3, 64, 80, 80}, -1, 1, Dtype::Float32);
    Tensor W = ops::uniform({2, 64, 3, 3}, -1, 1, Dtype::Float32), b = ops::uniform({2}, -1, 1, Dtype::Float32);
    Conv2dParams p{1, 1, 1, 1};
    Variable y = convolution_2d(x, W, b, p);
    Tensor ref = conv_reference(x, W, b, p);
    KUSARI_VERIFY_CLOSE(y.data(), ref, 1e-4, 1e-4);
    Variable gx = deconvolution_2d(y, W, {}, p, 80, 80);
    KUSARI_VERIFY_CLOSE(gx.data(), deconv_reference(y.data(), W, Tensor(), p, 80, 80), 1e-3, 1e-4);
    // The filter gradient accumulates over the chunks: gW[o, c, i, j] = sum gy[n, o, oy, ox] x[n, c, oy + i - 1, ox + j - 1].
    Variable Wv(W, true);
    Tensor gy = ops::uniform(y.shape(), -1, 1, Dtype::Float32);
    sum(convolution_2d(x, Wv, {}, p) * Variable(gy)).backward();
    auto xv = values(x), gv = values(gy);
    Tensor gW_ref = tensor_from(W.shape(), [&](int64_t k) {
      const int64_t j = k % 3, i = (k / 3) % 3, c = (k / 9) % 64, o = k / (9 * 64);
      double s = 0;
      for (int64_t n = 0; n < 3; ++n)
        for (int64_t oy = 0; oy < 80; ++oy)
          for (int64_t ox = 0; ox < 80; ++ox) {
            const int64_t iy = oy + i - 1, ix = ox + j - 1;
            if (iy < 0 || iy >= 80 || ix < 0 || ix >= 80) continue;
            s += gv[((n * 2 + o) * 80 + oy) * 80 + ox] * xv[((n * 64 + c) * 80 + iy) * 80 + ix];
          }
      return s;
    });
    KUSARI_VERIFY_CLOSE(Wv.grad().data(), gW_ref, 1e-2, 1e-4);
  }

  void convolution_backward_data() { add_conv_rows(); }
  void convolution_backward() {
    QFETCH(int, index);
    QFETCH(bool, bias);
    ConvCase cc = conv_case(index);
    std::vector<Tensor> inputs{random64(cc.x), random64(cc.w)};
    if (bias) inputs.push_back(random64({cc.w[0]}));
    auto f = [p = cc.p](const std::vector<Variable>& v) {
      return std::vector<Variable>{convolution_2d(v[0], v[1], v.size() > 2 ? v[2] : Variable(), p)};
    };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, inputs));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, inputs));
  }

  void convolution_channel_mismatch_names_shapes() {
    std::string e = error_of([] { convolution_2d(ops::zeros({2, 3, 5, 5}), ops::zeros({4, 2, 3, 3})); });
    QVERIFY2(mentions(e, "convolution_2d") && mentions(e, "(2, 3, 5, 5)") && mentions(e, "(4, 2, 3, 3)"), e.c_str());
    Conv2dParams groups3{1, 1, 0, 0, 1, 1, 3};
    e = error_of([&] { convolution_2d(ops::zeros({2, 6, 5, 5}), ops::zeros({4, 2, 3, 3}), {}, groups3); });
    QVERIFY2(mentions(e, "groups 3") && mentions(e, "(4, 2, 3, 3)"), e.c_str());
    e = error_of([] { convolution_2d(ops::zeros({2, 3, 2, 2}), ops::zeros({4, 3, 3, 3})); });
    QVERIFY2(mentions(e, "convolution_2d") && mentions(e, "(2, 3, 2, 2)"), e.c_str());
    e = error_of([] { convolution_2d(ops::zeros({2, 3, 5, 5}), ops::zeros({4, 3, 3, 3}, Dtype::Float64)); });
    QVERIFY2(mentions(e, "convolution_2d") && mentions(e, "float64"), e.c_str());
  }

  void deconvolution_forward_data() {
    QTest::addColumn<int>("index");
    QTest::addColumn<bool>("bias");
    QTest::addColumn<int>("extra");  // added to the inferred output size
    for (int i = 0; i < 9; ++i) {
      QTest::newRow(("case " + std::to_string(i) + " bias").c_str()) << i << true << 0;
      QTest::newRow(("case " + std::to_string(i) + " nobias").c_str()) << i << false << 0;
    }
    QTest::newRow("stride 2 explicit larger outsize") << 1 << true << 1;
  }
  void deconvolution_forward() {
    QFETCH(int, index);
    QFETCH(bool, bias);
    QFETCH(int, extra);
    ConvCase cc = conv_case(index);
    // Deconvolution's W is (in channels, out channels / groups, kh, kw): reuse the conv case swapped.
    Shape ws{cc.w[0], cc.w[1], cc.w[2], cc.w[3]};
    Shape xs{cc.x[0], cc.w[0], 3, 4};
    const int64_t oc = cc.w[1] * cc.p.groups;
    const int64_t OH = cc.p.stride_y * 2 + cc.p.dilate_y * (ws[2] - 1) + 1 - 2 * cc.p.pad_y + extra;
    const int64_t OW = cc.p.stride_x * 3 + cc.p.dilate_x * (ws[3] - 1) + 1 - 2 * cc.p.pad_x + extra;
    Tensor x = random64(xs), W = random64(ws), b = bias ? random64({oc}) : Tensor();
    Variable y = deconvolution_2d(x, W, bias ? Variable(b) : Variable(), cc.p, extra ? OH : 0, extra ? OW : 0);
    QCOMPARE(y.shape(), (Shape{xs[0], oc, OH, OW}));
    KUSARI_VERIFY_CLOSE(y.data(), deconv_reference(x, W, b, cc.p, OH, OW), 1e-12, 1e-12);
  }

  void deconvolution_backward_data() { deconvolution_forward_data(); }
  void deconvolution_backward() {
    QFETCH(int, index);
    QFETCH(bool, bias);
    QFETCH(int, extra);
    ConvCase cc = conv_case(index);
    Shape xs{cc.x[0], cc.w[0], 3, 4};
    const int64_t OH = extra ? cc.p.stride_y * 2 + cc.p.dilate_y * (cc.w[2] - 1) + 1 - 2 * cc.p.pad_y + extra : 0;
    const int64_t OW = extra ? cc.p.stride_x * 3 + cc.p.dilate_x * (cc.w[3] - 1) + 1 - 2 * cc.p.pad_x + extra : 0;
    std::vector<Tensor> inputs{random64(xs), random64(cc.w)};
    if (bias) inputs.push_back(random64({cc.w[1] * cc.p.groups}));
    auto f = [p = cc.p, OH, OW](const std::vector<Variable>& v) {
      return std::vector<Variable>{deconvolution_2d(v[0], v[1], v.size() > 2 ? v[2] : Variable(), p, OH, OW)};
    };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, inputs));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, inputs));
  }

  void deconvolution_errors_name_shapes() {
    std::string e = error_of([] { deconvolution_2d(ops::zeros({2, 3, 4, 4}), ops::zeros({4, 2, 3, 3})); });
    QVERIFY2(mentions(e, "deconvolution_2d") && mentions(e, "(2, 3, 4, 4)") && mentions(e, "(4, 2, 3, 3)"),
             e.c_str());
    e = error_of([] { deconvolution_2d(ops::zeros({2, 4, 4, 4}), ops::zeros({4, 2, 3, 3}), {}, {}, 9, 6); });
    QVERIFY2(mentions(e, "deconvolution_2d") && mentions(e, "(9, 6)"), e.c_str());
  }

  void embed_id_forward_data() {
    QTest::addColumn<bool>("ignore");
    QTest::addColumn<bool>("int32");
    QTest::newRow("plain int64") << false << false;
    QTest::newRow("ignore -1 int32") << true << true;
  }
  void embed_id_forward() {
    QFETCH(bool, ignore);
    QFETCH(bool, int32);
    Tensor ids = ops::from_vector<int64_t>({0, 3, -1, 3, 2, 4}, {2, 3});
    if (!ignore) ids = ops::from_vector<int64_t>({0, 3, 1, 3, 2, 4}, {2, 3});
    if (int32) ids = ids.astype(Dtype::Int32);
    Tensor W = random64({5, 4});
    Variable y = embed_id(ids, W, ignore ? std::optional<int64_t>(-1) : std::nullopt);
    auto idv = values(ids), wv = values(W);
    Tensor ref = tensor_from({2, 3, 4}, [&](int64_t k) {
      const int64_t id = static_cast<int64_t>(idv[k / 4]);
      return id < 0 ? 0.0 : wv[id * 4 + k % 4];
    });
    KUSARI_VERIFY_CLOSE(y.data(), ref, 0, 0);
    // Repeated ids accumulate, ignored ids add nothing.
    std::optional<int64_t> ignore_label = ignore ? std::optional<int64_t>(-1) : std::nullopt;
    auto f = [ids, ignore_label](const std::vector<Variable>& v) {
      return std::vector<Variable>{embed_id(ids, v[0], ignore_label)};
    };
    KUSARI_VERIFY_NO_ERROR(backward_error(f, {W}));
    KUSARI_VERIFY_NO_ERROR(double_backward_error(f, {W}));
  }

  void embed_id_errors() {
    Tensor W = ops::zeros({5, 4});
    std::string e = error_of([&] { embed_id(ops::from_vector<int64_t>({1, 5}, {2}), W); });
    QVERIFY2(mentions(e, "embed_id") && mentions(e, "id 5"), e.c_str());
    e = error_of([&] { embed_id(ops::from_vector<int64_t>({-1}, {1}), W); });
    QVERIFY2(mentions(e, "embed_id") && mentions(e, "id -1"), e.c_str());
    e = error_of([&] { embed_id(ops::zeros({2}), W); });
    QVERIFY2(mentions(e, "embed_id") && mentions(e, "float32"), e.c_str());
  }
};

QTEST_APPLESS_MAIN(TestConnection)
#include "test_connection.moc"

// The thin float32 GEMM kernels (device/cpu/thin_gemm): every tail of their tiles (rows, columns and
// k not multiples of the tile), strided operands, A stored transposed, against a float64 loop; y
// written exactly inside its rows (NaN around it stays NaN, NaN in y before is never read); the
// shapes they decline; and matmul reaching them for the products of training an MLP.
#include <QTest>

#include <cmath>
#include <random>
#include <vector>

#include "engine/array_test_helpers.h"
#include "kusari/device/cpu/blas_gemm.h"
#include "kusari/device/cpu/thin_gemm.h"

using namespace kusari;

namespace {

struct Product {
  int64_t m, n, k;
  bool ta, tb;
};

// Runs thin_gemm on random operands with padded leading dimensions; returns whether it took the
// product, and checks the result when it did.
bool check(const Product& p) {
  const int64_t lda = (p.ta ? p.m : p.k) + 3, ldb = (p.tb ? p.k : p.n) + 5, ldy = p.n + 2;
  const int64_t a_rows = p.ta ? p.k : p.m, b_rows = p.tb ? p.n : p.k;
  std::mt19937 gen(static_cast<unsigned>(p.m * 131 + p.n * 17 + p.k));
  std::uniform_real_distribution<float> u(-1, 1);
  std::vector<float> a(a_rows * lda), b(b_rows * ldb);
  for (float& v : a) v = u(gen);
  for (float& v : b) v = u(gen);
  std::vector<float> y(p.m * ldy, std::nanf(""));
  const auto A = [&](int64_t i, int64_t q) { return double(p.ta ? a[q * lda + i] : a[i * lda + q]); };
  const auto B = [&](int64_t q, int64_t j) { return double(p.tb ? b[j * ldb + q] : b[q * ldb + j]); };
  if (!cpu::thin_gemm(a.data(), b.data(), y.data(), p.m, p.n, p.k, p.ta, p.tb, lda, ldb, ldy)) {
    for (float v : y)
      if (!std::isnan(v)) qFatal("declined a product but wrote to y");
    return false;
  }
  for (int64_t i = 0; i < p.m; ++i) {
    for (int64_t j = 0; j < p.n; ++j) {
      double s = 0, mag = 0;
      for (int64_t q = 0; q < p.k; ++q) {
        s += A(i, q) * B(q, j);
        mag += std::abs(A(i, q) * B(q, j));
      }
      const double got = y[i * ldy + j];
      if (!(std::abs(got - s) <= 2e-6 * mag + 1e-7))
        qFatal("m=%lld n=%lld k=%lld ta=%d tb=%d: y[%lld][%lld] = %.8g, expected %.8g", (long long)p.m,
               (long long)p.n, (long long)p.k, p.ta, p.tb, (long long)i, (long long)j, got, s);
    }
    for (int64_t j = p.n; j < ldy; ++j)
      if (i * ldy + j < int64_t(y.size()) && !std::isnan(y[i * ldy + j]))
        qFatal("m=%lld n=%lld k=%lld: wrote past row %lld", (long long)p.m, (long long)p.n, (long long)p.k,
               (long long)i);
  }
  return true;
}

}  // namespace

class TestThinGemm : public QObject {
  Q_OBJECT
 private slots:
  void cleanup() { cpu::set_thin_gemm_enabled(true); }

  void dot_products_of_a_and_b_transposed() {
    if (!cpu::thin_gemm_enabled()) QVERIFY(!check({100, 1000, 784, false, true}));
    if (!cpu::thin_gemm_enabled()) return;  // built without AVX-512: the BLAS takes every product
    // 6-row and 4-column tiles, k in 16-lane steps: every remainder of each.
    for (int64_t m : {1, 5, 6, 7, 13, 100})
      for (int64_t n : {4, 5, 6, 7, 9, 33})
        for (int64_t k : {64, 65, 79, 96, 130})
          QVERIFY(check({m, n, k, false, true}));
    QVERIFY(check({100, 1000, 784, false, true}));  // x·W1ᵀ of the benchmark MLP
  }

  void outer_products_of_a_and_b() {
    if (!cpu::thin_gemm_enabled()) return;
    // 8 (then 4, then 1) rows × 48 columns per tile, k in blocks of 128; A plain or transposed.
    for (bool ta : {false, true})
      for (int64_t m : {1, 3, 4, 8, 12, 13, 21})
        for (int64_t n : {32, 47, 48, 49, 97})
          for (int64_t k : {8, 9, 127, 128, 129, 300})
            QVERIFY(check({m, n, k, ta, false}));
    QVERIFY(check({1000, 784, 100, true, false}));  // gW1 = gyᵀ·x
    QVERIFY(check({100, 1000, 1000, false, false}));  // gx2 = gy·W2
  }

  void declines_other_shapes() {
    if (!cpu::thin_gemm_enabled()) return;
    QVERIFY(!check({40, 50, 70, true, true}));     // both transposed
    QVERIFY(!check({100, 1000, 32, false, true}));  // a·bᵀ with a short k
    QVERIFY(!check({600, 100, 300, false, true}));  // a·bᵀ whose a does not fit L2
    QVERIFY(!check({40, 16, 70, false, false}));    // op(a)·b narrower than a panel
    cpu::set_thin_gemm_enabled(false);
    QVERIFY(!check({100, 1000, 784, false, true}));
  }

  void matmul_reaches_them_for_an_mlp() {
    // The products of a 784-1000 Linear layer's step at batch 100: y = x·Wᵀ, gW = gyᵀ·x, gx = gy·W.
    Tensor x = ops::uniform({100, 784}, -1, 1, Dtype::Float32), W = ops::uniform({1000, 784}, -1, 1, Dtype::Float32);
    Tensor gy = ops::uniform({100, 1000}, -1, 1, Dtype::Float32);
    const bool on = cpu::blas_enabled() && cpu::thin_gemm_enabled();
    for (bool enabled : {true, false}) {
      cpu::set_thin_gemm_enabled(enabled);
      const int64_t before = cpu::thin_gemm_calls();
      Tensor y = ops::matmul(x, W, false, true), gW = ops::matmul(gy, x, true, false), gx = ops::matmul(gy, W);
      const int64_t calls = cpu::thin_gemm_calls() - before;  // more than 3 when split over threads
      if (enabled && on) QVERIFY2(calls >= 3, std::to_string(calls).c_str());
      else QCOMPARE(calls, int64_t{0});
      KUSARI_VERIFY_CLOSE(y, ops::matmul(x.astype(Dtype::Float64), W.astype(Dtype::Float64), false, true), 1e-4, 1e-5);
      KUSARI_VERIFY_CLOSE(gW, ops::matmul(gy.astype(Dtype::Float64), x.astype(Dtype::Float64), true, false), 1e-4, 1e-5);
      KUSARI_VERIFY_CLOSE(gx, ops::matmul(gy.astype(Dtype::Float64), W.astype(Dtype::Float64)), 1e-4, 1e-5);
    }
  }
};

QTEST_GUILESS_MAIN(TestThinGemm)
#include "test_thin_gemm.moc"

// The CPU matmul's CBLAS path (KUSARI_BLAS; OpenBLAS at run time): transposed, strided, batched and
// broadcast operands in float32 and float64 against a float64 loop reference, with the BLAS on and
// off (Eigen), the BLAS call counter proving which path ran, a product split over 1-3 OpenMP
// threads, and calls from inside an OpenMP parallel region.
#include <QTest>
#include <dlfcn.h>
#include <omp.h>

#include "engine/array_test_helpers.h"
#include "kusari/device/cpu/blas_gemm.h"

using namespace kusari;
using namespace kusari::test_support;
using namespace kusari::array_test;

namespace {
// Loop reference of a · b in float64 (2-D or batched with equal batch shapes, already broadcast):
// plain index arithmetic over contiguous copies.
Tensor loop_matmul(const Tensor& a_in, const Tensor& b_in) {
  Tensor a = a_in.astype(Dtype::Float64).contiguous(), b = b_in.astype(Dtype::Float64).contiguous();
  const int64_t nd = a.ndim();
  const int64_t m = a.shape()[nd - 2], k = a.shape()[nd - 1], n = b.shape()[nd - 1];
  Shape full(a.shape().begin(), a.shape().end() - 2);
  const int64_t batch = shape_numel(full);
  full.insert(full.end(), {m, n});
  Tensor y(full, Dtype::Float64);
  const double* ap = a.data<double>();
  const double* bp = b.data<double>();
  double* yp = y.data<double>();
  for (int64_t t = 0; t < batch; ++t)
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        double s = 0;
        for (int64_t p = 0; p < k; ++p) s += ap[(t * m + i) * k + p] * bp[(t * k + p) * n + j];
        yp[(t * m + i) * n + j] = s;
      }
  return y;
}

// A (rows × cols) operand, stored transposed (a contiguous (cols × rows) tensor's swapaxes view) or
// as a column slice of a wider matrix (row stride > cols) when asked.
Tensor operand(const Shape& batch, int64_t rows, int64_t cols, const std::string& layout, Dtype d) {
  Shape s = batch;
  if (layout == "transposed") {
    s.insert(s.end(), {cols, rows});
    return ops::uniform(s, -1, 1, d).swapaxes(-1, -2);
  }
  if (layout == "strided") {
    s.insert(s.end(), {rows, cols + 7});
    return ops::uniform(s, -1, 1, d).slice(static_cast<int64_t>(s.size()) - 1, 3, 3 + cols);
  }
  s.insert(s.end(), {rows, cols});
  return ops::uniform(s, -1, 1, d);
}
}  // namespace

class TestBlasGemm : public QObject {
  Q_OBJECT
 private slots:
  void cleanup() { cpu::set_blas_enabled(true); }

  void path_is_available_when_built_with_it() {
    qInfo("BLAS: %s", cpu::blas_description());
    if (!cpu::blas_compiled_in()) {
      QVERIFY(!cpu::blas_enabled());
      return;
    }
    // Built with a CBLAS: used exactly when the process has OpenBLAS loaded (Debian's libblas.so.3
    // pointing to it); a reference BLAS is slower than Eigen and left alone.
    void* openblas = dlopen("libopenblas.so.0", RTLD_LAZY | RTLD_NOLOAD);
    if (openblas) dlclose(openblas);
    QCOMPARE(cpu::blas_enabled(), openblas != nullptr);
  }

  void matches_reference_data() {
    QTest::addColumn<QList<qint64>>("batch");
    QTest::addColumn<qint64>("m");
    QTest::addColumn<qint64>("k");
    QTest::addColumn<qint64>("n");
    QTest::addColumn<QString>("la");
    QTest::addColumn<QString>("lb");
    QTest::addColumn<bool>("f64");
    for (bool f64 : {false, true}) {
      const char* t = f64 ? " f64" : " f32";
      for (const char* la : {"plain", "transposed", "strided"})
        for (const char* lb : {"plain", "transposed", "strided"})
          QTest::newRow((std::string(la) + " x " + lb + t).c_str())
              << QList<qint64>{} << qint64{37} << qint64{53} << qint64{29} << QString(la) << QString(lb) << f64;
      QTest::newRow((std::string("batched transposed") + t).c_str())
          << QList<qint64>{3} << qint64{17} << qint64{70} << qint64{33} << QString("transposed")
          << QString("transposed") << f64;
      QTest::newRow((std::string("batched 2-D, larger than a block") + t).c_str())
          << QList<qint64>{2, 2} << qint64{130} << qint64{300} << qint64{90} << QString("plain")
          << QString("transposed") << f64;
      QTest::newRow((std::string("1 x n") + t).c_str())
          << QList<qint64>{} << qint64{1} << qint64{64} << qint64{50} << QString("plain") << QString("plain") << f64;
    }
  }
  void matches_reference() {
    QFETCH(QList<qint64>, batch);
    QFETCH(qint64, m);
    QFETCH(qint64, k);
    QFETCH(qint64, n);
    QFETCH(QString, la);
    QFETCH(QString, lb);
    QFETCH(bool, f64);
    const Dtype d = f64 ? Dtype::Float64 : Dtype::Float32;
    const Shape bs(batch.begin(), batch.end());
    Tensor a = operand(bs, m, k, la.toStdString(), d), b = operand(bs, k, n, lb.toStdString(), d);
    Tensor ref = loop_matmul(a.astype(Dtype::Float64), b.astype(Dtype::Float64));
    const double tol = f64 ? 1e-12 : 2e-5;
    for (bool on : {true, false}) {
      cpu::set_blas_enabled(on);
      const int64_t before = cpu::blas_gemm_calls();
      Tensor y = ops::matmul(a, b);
      QCOMPARE(y.dtype(), d);
      KUSARI_VERIFY_CLOSE(y, ref, tol, tol);
      const int64_t gemms = bs.empty() ? 1 : shape_numel(bs);
      QCOMPARE(cpu::blas_gemm_calls() - before, on && cpu::blas_enabled() ? gemms : int64_t{0});
    }
  }

  void broadcast_batch_and_flags() {
    // trans flags on a broadcast batch: (2,1,k,m)^T · (3,n,k)^T → (2,3,m,n).
    Tensor a = ops::uniform({2, 1, 40, 21}, -1, 1, Dtype::Float32);
    Tensor b = ops::uniform({3, 19, 40}, -1, 1, Dtype::Float32);
    Tensor y = ops::matmul(a, b, true, true);
    Tensor af = a.swapaxes(-1, -2).broadcast_to({2, 3, 21, 40}).astype(Dtype::Float64);
    Tensor bf = b.swapaxes(-1, -2).broadcast_to({2, 3, 40, 19}).astype(Dtype::Float64);
    KUSARI_VERIFY_CLOSE(y, loop_matmul(af, bf), 2e-5, 2e-5);
  }

  void inside_parallel_region() {
    // Each OpenMP thread multiplies its own matrices (large enough to be split outside a region):
    // the BLAS runs on the calling thread, and every result is right.
    Tensor a = ops::uniform({150, 120}, -1, 1, Dtype::Float64), b = ops::uniform({120, 100}, -1, 1, Dtype::Float64);
    Tensor ref = loop_matmul(a, b);
    std::vector<Tensor> out(4);
    const int64_t before = cpu::blas_gemm_calls();
#pragma omp parallel for num_threads(2)
    for (int i = 0; i < 4; ++i) out[i] = ops::matmul(a, b);
    QCOMPARE(cpu::blas_gemm_calls() - before, cpu::blas_enabled() ? int64_t{4} : int64_t{0});
    for (const Tensor& y : out) KUSARI_VERIFY_CLOSE(y, ref, 1e-12, 1e-12);
  }

  void split_over_threads_data() {
    QTest::addColumn<qint64>("m");
    QTest::addColumn<qint64>("n");
    QTest::addColumn<bool>("ta");
    QTest::addColumn<bool>("tb");
    // Tall (split by rows) and wide (split by columns), with lengths not a multiple of the block.
    for (bool ta : {false, true})
      for (bool tb : {false, true}) {
        const std::string t = std::string(ta ? "T" : "N") + (tb ? "T" : "N");
        QTest::newRow(("tall " + t).c_str()) << qint64{201} << qint64{67} << ta << tb;
        QTest::newRow(("wide " + t).c_str()) << qint64{45} << qint64{233} << ta << tb;
      }
  }
  void split_over_threads() {
    // Products big enough to be split over the OpenMP team, at 1, 2 and 3 threads.
    QFETCH(qint64, m);
    QFETCH(qint64, n);
    QFETCH(bool, ta);
    QFETCH(bool, tb);
    const int64_t k = 130;
    Tensor a = ta ? ops::uniform({k, m}, -1, 1, Dtype::Float32) : ops::uniform({m, k}, -1, 1, Dtype::Float32);
    Tensor b = tb ? ops::uniform({n, k}, -1, 1, Dtype::Float32) : ops::uniform({k, n}, -1, 1, Dtype::Float32);
    Tensor ref = loop_matmul(ta ? a.swapaxes(0, 1) : a, tb ? b.swapaxes(0, 1) : b);
    const int saved = omp_get_max_threads();
    for (int threads : {1, 2, 3}) {
      omp_set_num_threads(threads);
      Tensor y = ops::matmul(a, b, ta, tb);
      omp_set_num_threads(saved);
      KUSARI_VERIFY_CLOSE(y, ref, 2e-5, 2e-5);
    }
  }
};

QTEST_GUILESS_MAIN(TestBlasGemm)
#include "test_blas_gemm.moc"

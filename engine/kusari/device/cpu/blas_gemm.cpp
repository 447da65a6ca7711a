// CBLAS GEMM for the CPU matmul kernel (see blas_gemm.h).
#include "kusari/device/cpu/blas_gemm.h"

#include "kusari/device/cpu/env_switch.h"
#include "kusari/device/cpu/thin_gemm.h"

#include <algorithm>
#include <atomic>
#include <climits>
#include <string>

#include <omp.h>

#ifdef KUSARI_HAVE_CBLAS
#include <dlfcn.h>
extern "C" {
#include <cblas.h>
}
#endif

namespace kusari::cpu {
namespace {

#ifdef KUSARI_HAVE_CBLAS
using SetThreadsFn = void (*)(int);
using GetConfigFn = char* (*)();

struct BlasRuntime {
  SetThreadsFn set_threads = nullptr;
  std::string description;
  bool usable = false;
};

// The BLAS behind libblas.so.3 is chosen by Debian's alternatives: only an OpenBLAS (whose thread
// count we can set) is used; the reference BLAS is slower than Eigen.
const BlasRuntime& runtime() {
  static const BlasRuntime rt = [] {
    BlasRuntime r;
    for (const char* lib : {"libopenblas.so.0", "libblas.so.3", "libcblas.so.3", "libopenblas.so"}) {
      void* h = dlopen(lib, RTLD_LAZY | RTLD_NOLOAD);
      if (!h) continue;
      auto set = reinterpret_cast<SetThreadsFn>(dlsym(h, "openblas_set_num_threads"));
      auto cfg = reinterpret_cast<GetConfigFn>(dlsym(h, "openblas_get_config"));
      dlclose(h);  // still loaded: we link it
      if (set) {
        // OpenBLAS's own pool stays at one thread: its spinning workers and our OpenMP team would
        // fight over the cores. Our OpenMP team splits a GEMM instead (gemm below).
        set(1);
        r.set_threads = set;
        r.description = cfg ? std::string(cfg()) : std::string("OpenBLAS");
        r.usable = true;
        return r;
      }
    }
    r.description = "a BLAS that is not OpenBLAS (Eigen used)";
    return r;
  }();
  return rt;
}

EnvSwitch g_switch("KUSARI_BLAS");
std::atomic<int64_t> g_calls{0};

bool fits(int64_t v) { return v >= 0 && v <= INT_MAX; }

bool can_take(int64_t m, int64_t n, int64_t k, int64_t lda, int64_t ldb, int64_t ldy) {
  if (!blas_enabled()) return false;
  return fits(m) && fits(n) && fits(k) && fits(lda) && fits(ldb) && fits(ldy) && m > 0 && n > 0 && k > 0;
}
#endif

}  // namespace

bool blas_compiled_in() {
#ifdef KUSARI_HAVE_CBLAS
  return true;
#else
  return false;
#endif
}

bool blas_enabled() {
#ifdef KUSARI_HAVE_CBLAS
  return g_switch.on(runtime().usable);
#else
  return false;
#endif
}

void set_blas_enabled(bool on) {
#ifdef KUSARI_HAVE_CBLAS
  g_switch.set(on && runtime().usable);
#else
  (void)on;
#endif
}

int64_t blas_gemm_calls() {
#ifdef KUSARI_HAVE_CBLAS
  return g_calls.load(std::memory_order_relaxed);
#else
  return 0;
#endif
}

const char* blas_description() {
#ifdef KUSARI_HAVE_CBLAS
  return runtime().description.c_str();
#else
  return "none (built without KUSARI_BLAS)";
#endif
}

#ifdef KUSARI_HAVE_CBLAS
namespace {
void call(const float* a, const float* b, float* y, int m, int n, int k, CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb,
          int lda, int ldb, int ldy) {
  if (thin_gemm(a, b, y, m, n, k, ta == CblasTrans, tb == CblasTrans, lda, ldb, ldy)) return;
  cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, 1.0f, a, lda, b, ldb, 0.0f, y, ldy);
}
void call(const double* a, const double* b, double* y, int m, int n, int k, CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb,
          int lda, int ldb, int ldy) {
  cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, 1.0, a, lda, b, ldb, 0.0, y, ldy);
}

// Below this many multiply-adds one thread does the whole product (a team costs more).
constexpr int64_t kSplitWork = int64_t{1} << 20;

// y = op(a)·op(b) on our OpenMP team (the BLAS itself single-threaded): each thread computes a block
// of rows of y (or of columns, when y is wider than tall), so no second thread pool exists and a
// call from inside a parallel region stays on its own thread.
template <typename T>
bool gemm(const T* a, const T* b, T* y, int64_t m, int64_t n, int64_t k, bool trans_a, bool trans_b, int64_t lda,
          int64_t ldb, int64_t ldy) {
  if (!can_take(m, n, k, lda, ldb, ldy)) return false;
  g_calls.fetch_add(1, std::memory_order_relaxed);
  const CBLAS_TRANSPOSE ta = trans_a ? CblasTrans : CblasNoTrans, tb = trans_b ? CblasTrans : CblasNoTrans;
  int threads = omp_in_parallel() ? 1 : omp_get_max_threads();
  if (m * n * k < kSplitWork) threads = 1;
  const bool by_rows = m >= n;
  const int64_t len = by_rows ? m : n;
  // Blocks of whole 16-element multiples (a full vector register of floats) where possible.
  const int64_t chunk = std::max<int64_t>(16, ((len + threads - 1) / threads + 15) / 16 * 16);
  const int parts = static_cast<int>((len + chunk - 1) / chunk);
  if (threads <= 1 || parts <= 1) {
    call(a, b, y, int(m), int(n), int(k), ta, tb, int(lda), int(ldb), int(ldy));
    return true;
  }
#pragma omp parallel for num_threads(parts) schedule(static, 1)
  for (int p = 0; p < parts; ++p) {
    const int64_t lo = p * chunk, cnt = std::min(chunk, len - lo);
    if (by_rows)  // rows lo.. of op(a): rows of a, or columns of a stored transposed
      call(a + (trans_a ? lo : lo * lda), b, y + lo * ldy, int(cnt), int(n), int(k), ta, tb, int(lda), int(ldb),
           int(ldy));
    else  // columns lo.. of op(b): columns of b, or rows of b stored transposed
      call(a, b + (trans_b ? lo * ldb : lo), y + lo, int(m), int(cnt), int(k), ta, tb, int(lda), int(ldb), int(ldy));
  }
  return true;
}
}  // namespace

bool blas_gemm(const float* a, const float* b, float* y, int64_t m, int64_t n, int64_t k, bool trans_a, bool trans_b,
               int64_t lda, int64_t ldb, int64_t ldy) {
  return gemm(a, b, y, m, n, k, trans_a, trans_b, lda, ldb, ldy);
}
bool blas_gemm(const double* a, const double* b, double* y, int64_t m, int64_t n, int64_t k, bool trans_a,
               bool trans_b, int64_t lda, int64_t ldb, int64_t ldy) {
  return gemm(a, b, y, m, n, k, trans_a, trans_b, lda, ldb, ldy);
}
#else
bool blas_gemm(const float*, const float*, float*, int64_t, int64_t, int64_t, bool, bool, int64_t, int64_t, int64_t) {
  return false;
}
bool blas_gemm(const double*, const double*, double*, int64_t, int64_t, int64_t, bool, bool, int64_t, int64_t,
               int64_t) {
  return false;
}
#endif

}  // namespace kusari::cpu

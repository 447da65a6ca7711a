// CBLAS GEMM for the CPU matmul kernel (see blas_gemm.h).
#include "kusari/device/cpu/blas_gemm.h"

#include <atomic>
#include <climits>
#include <cstdlib>
#include <cstring>
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

bool env_enabled() {
  const char* v = std::getenv("KUSARI_BLAS");
  return !(v && (std::strcmp(v, "0") == 0 || std::strcmp(v, "OFF") == 0 || std::strcmp(v, "off") == 0));
}

std::atomic<int> g_enabled{-1};  // -1: not decided yet
std::atomic<int> g_threads{0};   // the thread count last handed to the BLAS
std::atomic<int64_t> g_calls{0};

// The BLAS's own pool gets our OpenMP thread count (OMP_NUM_THREADS / set_num_threads), so the two
// never run more threads than asked for.
void sync_threads() {
  const int want = omp_get_max_threads();
  if (g_threads.load(std::memory_order_relaxed) != want) {
    runtime().set_threads(want);
    g_threads.store(want, std::memory_order_relaxed);
  }
}

bool fits(int64_t v) { return v >= 0 && v <= INT_MAX; }

bool can_take(int64_t m, int64_t n, int64_t k, int64_t lda, int64_t ldb, int64_t ldy) {
  if (!blas_enabled()) return false;
  // Inside a parallel region every OpenMP thread would start the BLAS pool: Eigen runs there
  // single-threaded instead.
  if (omp_in_parallel()) return false;
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
  int e = g_enabled.load(std::memory_order_relaxed);
  if (e < 0) {
    e = runtime().usable && env_enabled() ? 1 : 0;
    g_enabled.store(e, std::memory_order_relaxed);
  }
  return e == 1;
#else
  return false;
#endif
}

void set_blas_enabled(bool on) {
#ifdef KUSARI_HAVE_CBLAS
  g_enabled.store(on && runtime().usable ? 1 : 0, std::memory_order_relaxed);
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
bool blas_gemm(const float* a, const float* b, float* y, int64_t m, int64_t n, int64_t k, bool trans_a, bool trans_b,
               int64_t lda, int64_t ldb, int64_t ldy) {
  if (!can_take(m, n, k, lda, ldb, ldy)) return false;
  sync_threads();
  g_calls.fetch_add(1, std::memory_order_relaxed);
  cblas_sgemm(CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans, trans_b ? CblasTrans : CblasNoTrans, int(m), int(n),
              int(k), 1.0f, a, int(lda), b, int(ldb), 0.0f, y, int(ldy));
  return true;
}
bool blas_gemm(const double* a, const double* b, double* y, int64_t m, int64_t n, int64_t k, bool trans_a,
               bool trans_b, int64_t lda, int64_t ldb, int64_t ldy) {
  if (!can_take(m, n, k, lda, ldb, ldy)) return false;
  sync_threads();
  g_calls.fetch_add(1, std::memory_order_relaxed);
  cblas_dgemm(CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans, trans_b ? CblasTrans : CblasNoTrans, int(m), int(n),
              int(k), 1.0, a, int(lda), b, int(ldb), 0.0, y, int(ldy));
  return true;
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

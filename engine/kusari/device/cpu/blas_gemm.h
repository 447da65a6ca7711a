// Row-major GEMM through CBLAS (sgemm/dgemm) when Kusari was built with a BLAS (KUSARI_BLAS) and the
// library loaded at run time is an optimized one (OpenBLAS); the matmul kernel falls back to Eigen
// otherwise. KUSARI_BLAS=0 in the environment turns the BLAS path off at run time.
#pragma once

#include <cstdint>

namespace kusari::cpu {

// True when this build links a CBLAS (the CMake option found one).
bool blas_compiled_in();
// True when blas_gemm will be used: compiled in, OpenBLAS found at run time, and not disabled.
bool blas_enabled();
// Turns the BLAS path on or off for this process (tests compare both; no effect without a BLAS).
void set_blas_enabled(bool on);
// A short description of the BLAS in use ("OpenBLAS 0.3.21 ..."), or why it is not used.
const char* blas_description();

// How many GEMMs the BLAS has run in this process (tests check that the path is taken).
int64_t blas_gemm_calls();

// y[m×n] = op(a) · op(b), row-major; op(a) is m×k (a stored k×m when trans_a, leading dimension lda),
// op(b) is k×n. Returns false (nothing written) when the BLAS path cannot take this call: not
// enabled, or a dimension beyond the BLAS's int. The BLAS runs single-threaded; a large product is
// split over our OpenMP team (omp_get_max_threads), and inside a parallel region it stays on the
// calling thread, so no second thread pool ever runs.
bool blas_gemm(const float* a, const float* b, float* y, int64_t m, int64_t n, int64_t k, bool trans_a, bool trans_b,
               int64_t lda, int64_t ldb, int64_t ldy);
bool blas_gemm(const double* a, const double* b, double* y, int64_t m, int64_t n, int64_t k, bool trans_a,
               bool trans_b, int64_t lda, int64_t ldb, int64_t ldy);

}  // namespace kusari::cpu

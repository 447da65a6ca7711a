// float32 GEMM kernels of our own for the thin products of training a small network (a batch of 10
// to a few hundred rows against weight matrices): y = x·Wᵀ, gW = gyᵀ·x and gx = gy·W. OpenBLAS
// packs the large weight operand on every call and clears C before it accumulates (beta = 0); on these
// shapes that costs 10-20% of the product. These kernels read the weights unpacked:
//  - A·Bᵀ (both operands contiguous along k): dot products along k, 6 rows × 4 columns of y per
//    micro-tile, the 4 × 16-lane partial sums reduced together at the end.
//  - op(A)·B (B contiguous along n): outer products, 8 rows × 48 columns of y per micro-tile, A
//    broadcast (copied into 8-row panels first only when it is stored transposed), k blocked so that
//    the B block stays in L1; y is written, never cleared first.
// AVX-512 only (the build's -march=native); elsewhere thin_gemm declines and the caller uses the BLAS.
#pragma once

#include <cstdint>

namespace kusari::cpu {

// True when the kernels are compiled in (AVX-512F) and not turned off (KUSARI_THIN_GEMM=0 in the
// environment, or set_thin_gemm_enabled(false)).
bool thin_gemm_enabled();
void set_thin_gemm_enabled(bool on);
// How many products the kernels have computed in this process (tests check which path ran).
int64_t thin_gemm_calls();

// y[m×n] = op(a)·op(b), row-major, with the conventions of blas_gemm (blas_gemm.h); single-threaded
// (the caller splits a large product). Returns false, with nothing written, when the kernels are
// off or the shape is not one they are faster on: then the caller uses the BLAS.
bool thin_gemm(const float* a, const float* b, float* y, int64_t m, int64_t n, int64_t k, bool trans_a, bool trans_b,
               int64_t lda, int64_t ldb, int64_t ldy);

}  // namespace kusari::cpu

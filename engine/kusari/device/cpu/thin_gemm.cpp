// Thin float32 GEMM kernels (see thin_gemm.h). The micro-kernels keep every accumulator in a
// register (24 of the 32 zmm) and every operand loaded once per k step: the empty asm statements
// stop the compiler from folding a load into each FMA that uses it, which would double the loads.
#include "kusari/device/cpu/thin_gemm.h"

#include <algorithm>
#include <atomic>
#include <vector>

#include "kusari/device/cpu/env_switch.h"

#if defined(__AVX512F__) && defined(__AVX512VL__)
#define KUSARI_THIN_GEMM_KERNELS 1
// GCC 12 warns that the masked loads' pass-through operand "may be used uninitialized" (it is zero).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>
#endif

namespace kusari::cpu {
namespace {

EnvSwitch g_switch("KUSARI_THIN_GEMM");
std::atomic<int64_t> g_calls{0};

#ifdef KUSARI_THIN_GEMM_KERNELS
#define KUSARI_ALWAYS_INLINE __attribute__((always_inline))
#define KUSARI_KEEP_IN_REGISTER(v) __asm__("" : "+v"(v))

// ---- A·Bᵀ: dot products along k --------------------------------------------------------------

// [Σv0, Σv1, Σv2, Σv3]: the four 16-lane sums reduced together.
KUSARI_ALWAYS_INLINE inline __m128 sum4(__m512 v0, __m512 v1, __m512 v2, __m512 v3) {
  const __m512 a = _mm512_add_ps(_mm512_unpacklo_ps(v0, v1), _mm512_unpackhi_ps(v0, v1));
  const __m512 b = _mm512_add_ps(_mm512_unpacklo_ps(v2, v3), _mm512_unpackhi_ps(v2, v3));
  const __m512 c = _mm512_add_ps(_mm512_shuffle_ps(a, b, _MM_SHUFFLE(1, 0, 1, 0)),
                                 _mm512_shuffle_ps(a, b, _MM_SHUFFLE(3, 2, 3, 2)));
  const __m256 d = _mm256_add_ps(_mm512_castps512_ps256(c),
                                 _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(c), 1)));
  return _mm_add_ps(_mm256_castps256_ps128(d), _mm256_extractf128_ps(d, 1));
}

// y[r][j] = Σ_k a[r·lda + k] · b[j·ldb + k] for R rows, C ≤ 4 columns.
template <int R, int C>
KUSARI_ALWAYS_INLINE inline void dot_tile(int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float* y,
                            int64_t ldy) {
  __m512 acc[R][4];
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r)
#pragma GCC unroll 4
    for (int j = 0; j < 4; ++j) acc[r][j] = _mm512_setzero_ps();
  auto step = [&](int64_t p, __mmask16 mask) KUSARI_ALWAYS_INLINE {
    __m512 bv[C];
#pragma GCC unroll 4
    for (int j = 0; j < C; ++j) {
      bv[j] = _mm512_maskz_loadu_ps(mask, b + j * ldb + p);
      KUSARI_KEEP_IN_REGISTER(bv[j]);
    }
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) {
      __m512 av = _mm512_maskz_loadu_ps(mask, a + r * lda + p);
      KUSARI_KEEP_IN_REGISTER(av);
#pragma GCC unroll 4
      for (int j = 0; j < C; ++j) acc[r][j] = _mm512_fmadd_ps(av, bv[j], acc[r][j]);
    }
  };
  int64_t p = 0;
  for (; p + 16 <= k; p += 16) step(p, 0xFFFF);
  if (p < k) step(p, static_cast<__mmask16>((1u << (k - p)) - 1));
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r)
    _mm_mask_storeu_ps(y + r * ldy, static_cast<__mmask8>((1u << C) - 1),
                       sum4(acc[r][0], acc[r][1], acc[r][2], acc[r][3]));
}

template <int R>
void dot_rows(int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float* y, int64_t ldy, int64_t cols) {
  switch (cols) {
    case 4: dot_tile<R, 4>(k, a, lda, b, ldb, y, ldy); break;
    case 3: dot_tile<R, 3>(k, a, lda, b, ldb, y, ldy); break;
    case 2: dot_tile<R, 2>(k, a, lda, b, ldb, y, ldy); break;
    default: dot_tile<R, 1>(k, a, lda, b, ldb, y, ldy); break;
  }
}

// y = a·bᵀ, a (m×k, lda), b (n×k, ldb). Four rows of b at a time stay in L1 while every row of a
// (the small operand, from L2) passes by, so b is read from memory once.
void gemm_dot(const float* a, const float* b, float* y, int64_t m, int64_t n, int64_t k, int64_t lda, int64_t ldb,
              int64_t ldy) {
  constexpr int R = 6;
  for (int64_t j = 0; j < n; j += 4) {
    const int64_t cols = std::min<int64_t>(4, n - j);
    const float* bj = b + j * ldb;
    int64_t i = 0;
    for (; i + R <= m; i += R) dot_rows<R>(k, a + i * lda, lda, bj, ldb, y + i * ldy + j, ldy, cols);
    const float* ai = a + i * lda;
    float* yi = y + i * ldy + j;
    switch (m - i) {
      case 5: dot_rows<5>(k, ai, lda, bj, ldb, yi, ldy, cols); break;
      case 4: dot_rows<4>(k, ai, lda, bj, ldb, yi, ldy, cols); break;
      case 3: dot_rows<3>(k, ai, lda, bj, ldb, yi, ldy, cols); break;
      case 2: dot_rows<2>(k, ai, lda, bj, ldb, yi, ldy, cols); break;
      case 1: dot_rows<1>(k, ai, lda, bj, ldb, yi, ldy, cols); break;
      default: break;
    }
  }
}

// ---- op(A)·B: outer products along k -------------------------------------------------------------

// y[r][0..16·NV) (+)= Σ_k A(r, k) · b[k·ldb + ...], A(r, k) = a[r·ars + k·aks]; the last vector of a
// row is masked by `last`. `add` accumulates onto y (the k blocks after the first).
template <int R, int NV>
KUSARI_ALWAYS_INLINE inline void outer_tile(int64_t k, const float* a, int64_t ars, int64_t aks, const float* b, int64_t ldb,
                              float* y, int64_t ldy, __mmask16 last, bool add) {
  __m512 acc[R][NV];
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r)
#pragma GCC unroll 4
    for (int j = 0; j < NV; ++j) acc[r][j] = _mm512_setzero_ps();
  for (int64_t p = 0; p < k; ++p) {
    const float* bp = b + p * ldb;
    __m512 bv[NV];
#pragma GCC unroll 4
    for (int j = 0; j < NV; ++j) {
      bv[j] = j == NV - 1 ? _mm512_maskz_loadu_ps(last, bp + 16 * j) : _mm512_loadu_ps(bp + 16 * j);
      KUSARI_KEEP_IN_REGISTER(bv[j]);
    }
    const float* ap = a + p * aks;
#pragma GCC unroll 8
    for (int r = 0; r < R; ++r) {
      const __m512 av = _mm512_set1_ps(ap[r * ars]);
#pragma GCC unroll 4
      for (int j = 0; j < NV; ++j) acc[r][j] = _mm512_fmadd_ps(av, bv[j], acc[r][j]);
    }
  }
#pragma GCC unroll 8
  for (int r = 0; r < R; ++r)
#pragma GCC unroll 4
    for (int j = 0; j < NV; ++j) {
      float* yp = y + r * ldy + 16 * j;
      const __mmask16 mask = j == NV - 1 ? last : static_cast<__mmask16>(0xFFFF);
      __m512 v = acc[r][j];
      if (add) v = _mm512_add_ps(v, _mm512_maskz_loadu_ps(mask, yp));
      _mm512_mask_storeu_ps(yp, mask, v);
    }
}

template <int R>
void outer_rows(int64_t k, const float* a, int64_t ars, int64_t aks, const float* b, int64_t ldb, float* y,
                int64_t ldy, int64_t cols, bool add) {
  const int64_t nv = (cols + 15) / 16;
  const auto last = static_cast<__mmask16>((1u << (cols - (nv - 1) * 16)) - 1);
  switch (nv) {
    case 3: outer_tile<R, 3>(k, a, ars, aks, b, ldb, y, ldy, last, add); break;
    case 2: outer_tile<R, 2>(k, a, ars, aks, b, ldb, y, ldy, last, add); break;
    default: outer_tile<R, 1>(k, a, ars, aks, b, ldb, y, ldy, last, add); break;
  }
}

constexpr int kOuterRows = 8;   // rows of y per micro-tile
constexpr int64_t kPanel = 48;  // columns of y per micro-tile (3 vectors)
constexpr int64_t kBlockK = 128;  // k per block: a 128 × 48 block of B is 24 KiB, inside L1

// A stored transposed (A(r, k) = a[k·lda + r]) copied into panels of 8 rows, k-major, so that a
// micro-tile broadcasts from one cache line per k instead of one page per k.
const float* pack_transposed(const float* a, int64_t m, int64_t k, int64_t lda, std::vector<float>& buf) {
  const int64_t panels = (m + kOuterRows - 1) / kOuterRows;
  buf.resize(static_cast<size_t>(panels * kOuterRows * k));
  for (int64_t t = 0; t < panels; ++t) {
    float* dst = buf.data() + t * kOuterRows * k;
    const int64_t r0 = t * kOuterRows, rows = std::min<int64_t>(kOuterRows, m - r0);
    const auto mask = static_cast<__mmask8>((1u << rows) - 1);
    for (int64_t p = 0; p < k; ++p)
      _mm256_storeu_ps(dst + p * kOuterRows, _mm256_maskz_loadu_ps(mask, a + p * lda + r0));
  }
  return buf.data();
}

// y = op(a)·b, b (k×n, ldb), in blocks of 128 × 48 of b that stay in L1 while every 8-row tile of A
// (from L2) passes by.
void gemm_outer(const float* a, const float* b, float* y, int64_t m, int64_t n, int64_t k, bool trans_a, int64_t lda,
                int64_t ldb, int64_t ldy) {
  thread_local std::vector<float> packed;
  int64_t ars = lda, aks = 1, tile_step = kOuterRows * lda;  // A(r, k) = a[r·ars + k·aks]
  if (trans_a) {
    a = pack_transposed(a, m, k, lda, packed);
    ars = 1;
    aks = kOuterRows;
    tile_step = kOuterRows * k;
  }
  // One k block of one panel: every row tile of A against the block b[p.., j..].
  auto block = [&](int64_t p, int64_t j) {
    const int64_t cols = std::min(kPanel, n - j), kb = std::min(kBlockK, k - p);
    const float* bp = b + p * ldb + j;
    const bool add = p > 0;
    if (j + kPanel < n)  // the next panel's block into L2 while this one is computed (b may be cold)
      for (int64_t r = 0; r < kb; ++r)
        for (int64_t c = 0; c < std::min(kPanel, n - j - kPanel); c += 16)
          _mm_prefetch(reinterpret_cast<const char*>(bp + r * ldb + kPanel + c), _MM_HINT_T1);
    int64_t i = 0;
    const float* at = a + p * aks;
    for (; i + kOuterRows <= m; i += kOuterRows, at += tile_step)
      outer_rows<kOuterRows>(kb, at, ars, aks, bp, ldb, y + i * ldy + j, ldy, cols, add);
    if (i + 4 <= m) {
      outer_rows<4>(kb, at, ars, aks, bp, ldb, y + i * ldy + j, ldy, cols, add);
      i += 4;
      at += 4 * ars;
    }
    for (; i < m; ++i, at += ars) outer_rows<1>(kb, at, ars, aks, bp, ldb, y + i * ldy + j, ldy, cols, add);
  };
  // One k block: panels inner, so b streams from memory row after row (a large b, such as the
  // weights in gx = gy·W, would otherwise be fetched in 192-byte pieces of every row). Several:
  // y's rows are revisited once per block, from L2.
  for (int64_t p = 0; p < k; p += kBlockK)
    for (int64_t j = 0; j < n; j += kPanel) block(p, j);
}

// Where these kernels beat OpenBLAS (measured on Zen 4, bench/ and docs/performance.md): the operand
// that every tile re-reads (a) fits in L2, and the product is not degenerate.
constexpr int64_t kSmallOperandFloats = int64_t{1} << 17;  // 512 KiB of a for a·bᵀ
constexpr int64_t kPackedOperandFloats = int64_t{1} << 18;  // 1 MiB of A for op(A)·B

bool dot_shape(int64_t m, int64_t n, int64_t k) { return k >= 64 && n >= 4 && m * k <= kSmallOperandFloats; }
bool outer_shape(int64_t m, int64_t n, int64_t k) { return n >= 32 && k >= 8 && m * k <= kPackedOperandFloats; }
#endif  // KUSARI_THIN_GEMM_KERNELS

}  // namespace

bool thin_gemm_enabled() {
#ifdef KUSARI_THIN_GEMM_KERNELS
  return g_switch.on();
#else
  return false;
#endif
}

void set_thin_gemm_enabled(bool on) { g_switch.set(on); }

int64_t thin_gemm_calls() { return g_calls.load(std::memory_order_relaxed); }

bool thin_gemm(const float* a, const float* b, float* y, int64_t m, int64_t n, int64_t k, bool trans_a, bool trans_b,
               int64_t lda, int64_t ldb, int64_t ldy) {
#ifdef KUSARI_THIN_GEMM_KERNELS
  if (m <= 0 || n <= 0 || k <= 0 || !thin_gemm_enabled()) return false;
  if (!trans_a && trans_b && dot_shape(m, n, k)) {
    gemm_dot(a, b, y, m, n, k, lda, ldb, ldy);
  } else if (!trans_b && outer_shape(m, n, k)) {
    gemm_outer(a, b, y, m, n, k, trans_a, lda, ldb, ldy);
  } else {
    return false;
  }
  g_calls.fetch_add(1, std::memory_order_relaxed);
  return true;
#else
  (void)a, (void)b, (void)y, (void)m, (void)n, (void)k, (void)trans_a, (void)trans_b, (void)lda, (void)ldb, (void)ldy;
  return false;
#endif
}

}  // namespace kusari::cpu

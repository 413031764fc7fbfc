// The narrow-layer kernels, written once with Google Highway and compiled for every x86
// instruction set it knows (HWY_DYNAMIC_DISPATCH picks at run time), like pixel_products.cpp.
// Rows are taken in chunks of one or two vectors (up to 32 rows with AVX-512, 16 with AVX2); a
// chunk's column lives in registers while the inner sum runs.
// Sections: Z = P A + b, S += D Aᵀ, dispatch. (Loading and storing a chunk's rows is in
// kernel_util-inl.h.)
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "core/simd/narrow_products.cpp"
#include <hwy/foreach_target.h> // IWYU pragma: keep

#include <hwy/aligned_allocator.h>
#include <hwy/highway.h>

#include <cstring>

#include "core/simd/kernel_util-inl.h"
#include "core/simd/narrow_products.hpp"

HWY_BEFORE_NAMESPACE();
namespace stepwise::core::simd::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Register budget (32 vector registers with AVX-512, 16 below): C result columns × V vectors of
// accumulators, plus V weight vectors and a broadcast.
#if HWY_TARGET <= HWY_AVX3
constexpr int kColumns = 8;
#else
constexpr int kColumns = 4;
#endif

// ---------------------------------------------------------------- Z = P A + b

/// C columns of one row chunk: each is Σ_i P[:, i] A[i, j], then + b.
template <int V, int C>
HWY_INLINE void multiplyTile(const float* Pp, std::size_t p, const float* A, std::size_t ldA, std::size_t j0,
                             const Vec* bias, std::size_t rows, float* Z, std::size_t ldZ) {
    const FloatTag df;
    const std::size_t N = hn::Lanes(df);
    Vec acc[C][V];
    for (int c = 0; c < C; ++c)
        for (int t = 0; t < V; ++t) acc[c][t] = hn::Zero(df);
    for (std::size_t i = 0; i < p; ++i) {
        Vec w[V];
        for (int t = 0; t < V; ++t) w[t] = hn::Load(df, Pp + (i * V + static_cast<std::size_t>(t)) * N);
        for (int c = 0; c < C; ++c) {
            const Vec a = hn::Set(df, A[(j0 + static_cast<std::size_t>(c)) * ldA + i]);
            for (int t = 0; t < V; ++t) acc[c][t] = hn::MulAdd(w[t], a, acc[c][t]); // Σ_i P[r, i] A[i, j]
        }
    }
    for (int c = 0; c < C; ++c) {
        Vec out[V]; // a copy: handing acc's address to storeRows would keep acc in memory, not registers
        for (int t = 0; t < V; ++t) out[t] = hn::Add(acc[c][t], bias[t]); // + b
        storeRows<V>(out, rows, Z + (j0 + static_cast<std::size_t>(c)) * ldZ);
    }
}

/// Rows [r0, r0 + rows) of Z, rows ≤ V·N.
template <int V>
HWY_INLINE void multiplyChunk(const float* P, std::size_t ldP, std::size_t r0, std::size_t rows, std::size_t p,
                              const float* A, std::size_t ldA, std::size_t k, const float* b, float* Z,
                              std::size_t ldZ) {
    const FloatTag df;
    const std::size_t N = hn::Lanes(df), width = V * N;
    // P's rows of this chunk, each column padded with zeros to whole vectors.
    const auto Pp = hwy::AllocateAligned<float>(p * width);
    for (std::size_t i = 0; i < p; ++i) {
        std::memcpy(Pp.get() + i * width, P + i * ldP + r0, rows * sizeof(float));
        std::memset(Pp.get() + i * width + rows, 0, (width - rows) * sizeof(float));
    }
    Vec bias[V];
    if (b != nullptr) loadRows<V>(b + r0, rows, false, bias);
    else
        for (int t = 0; t < V; ++t) bias[t] = hn::Zero(df);
    std::size_t j = 0;
    for (; j + kColumns <= k; j += kColumns)
        multiplyTile<V, kColumns>(Pp.get(), p, A, ldA, j, bias, rows, Z + r0, ldZ);
    if (j < k)
        withCount<kColumns - 1>(k - j, [&](auto C) {
            multiplyTile<V, decltype(C)::value>(Pp.get(), p, A, ldA, j, bias, rows, Z + r0, ldZ);
        });
}

void MultiplyNarrow(const float* P, std::size_t ldP, std::size_t n, std::size_t p, const float* A, std::size_t ldA,
                    std::size_t k, const float* b, float* Z, std::size_t ldZ) {
    const std::size_t N = hn::Lanes(FloatTag());
    for (std::size_t r0 = 0; r0 < n; r0 += 2 * N) {
        const std::size_t rows = n - r0 < 2 * N ? n - r0 : 2 * N;
        if (rows <= N) multiplyChunk<1>(P, ldP, r0, rows, p, A, ldA, k, b, Z, ldZ);
        else multiplyChunk<2>(P, ldP, r0, rows, p, A, ldA, k, b, Z, ldZ);
    }
}

// ---------------------------------------------------------------- S += D Aᵀ

/// S's columns [i0, i0 + C) of one row chunk: Σ_j D[:, j] A[i, j] over all k columns, in
/// registers, then added to S.
template <int V, int C>
HWY_INLINE void outerTile(const float* D, std::size_t ldD, std::size_t rows, std::size_t safeColumns,
                          const float* A, std::size_t ldA, std::size_t i0, std::size_t k, float* S,
                          std::size_t ldS) {
    const FloatTag df;
    Vec acc[C][V];
    for (int c = 0; c < C; ++c)
        for (int t = 0; t < V; ++t) acc[c][t] = hn::Zero(df);
    for (std::size_t j = 0; j < k; ++j) {
        Vec d[V];
        loadRows<V>(D + j * ldD, rows, j < safeColumns, d);
        for (int c = 0; c < C; ++c) {
            const Vec a = hn::Set(df, A[j * ldA + i0 + static_cast<std::size_t>(c)]);
            for (int t = 0; t < V; ++t) acc[c][t] = hn::MulAdd(d[t], a, acc[c][t]); // Σ_j D[r, j] A[i, j]
        }
    }
    for (int c = 0; c < C; ++c) {
        float* column = S + (i0 + static_cast<std::size_t>(c)) * ldS;
        Vec now[V];
        loadRows<V>(column, rows, false, now);
        for (int t = 0; t < V; ++t) now[t] = hn::Add(now[t], acc[c][t]); // S += D Aᵀ
        storeRows<V>(now, rows, column);
    }
}

template <int V>
HWY_INLINE void outerChunk(const float* D, std::size_t ldD, std::size_t n, std::size_t r0, std::size_t rows,
                           const float* A, std::size_t ldA, std::size_t p, std::size_t k, float* S, std::size_t ldS) {
    const std::size_t width = V * hn::Lanes(FloatTag());
    // Columns j whose V whole vectors from row r0 stay inside D's block (which ends at row n of
    // column k − 1); the rest are read through a padded buffer.
    std::size_t safeColumns = 0;
    while (safeColumns < k && safeColumns * ldD + r0 + width <= (k - 1) * ldD + n) ++safeColumns;
    std::size_t i = 0;
    for (; i + kColumns <= p; i += kColumns)
        outerTile<V, kColumns>(D + r0, ldD, rows, safeColumns, A, ldA, i, k, S + r0, ldS);
    if (i < p)
        withCount<kColumns - 1>(p - i, [&](auto C) {
            outerTile<V, decltype(C)::value>(D + r0, ldD, rows, safeColumns, A, ldA, i, k, S + r0, ldS);
        });
}

void AccumulateNarrowTransposed(const float* D, std::size_t ldD, std::size_t n, const float* A, std::size_t ldA,
                                std::size_t p, std::size_t k, float* S, std::size_t ldS) {
    if (k == 0) return;
    const std::size_t N = hn::Lanes(FloatTag());
    for (std::size_t r0 = 0; r0 < n; r0 += 2 * N) {
        const std::size_t rows = n - r0 < 2 * N ? n - r0 : 2 * N;
        if (rows <= N) outerChunk<1>(D, ldD, n, r0, rows, A, ldA, p, k, S, ldS);
        else outerChunk<2>(D, ldD, n, r0, rows, A, ldA, p, k, S, ldS);
    }
}

} // namespace stepwise::core::simd::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

// ---------------------------------------------------------------- dispatch

#if HWY_ONCE
namespace stepwise::core::simd {

HWY_EXPORT(MultiplyNarrow);
HWY_EXPORT(AccumulateNarrowTransposed);

void multiplyNarrow(const float* P, std::size_t ldP, std::size_t n, std::size_t p, const float* A, std::size_t ldA,
                    std::size_t k, const float* b, float* Z, std::size_t ldZ) {
    HWY_DYNAMIC_DISPATCH(MultiplyNarrow)(P, ldP, n, p, A, ldA, k, b, Z, ldZ);
}

void accumulateNarrowTransposed(const float* D, std::size_t ldD, std::size_t n, const float* A, std::size_t ldA,
                                std::size_t p, std::size_t k, float* S, std::size_t ldS) {
    HWY_DYNAMIC_DISPATCH(AccumulateNarrowTransposed)(D, ldD, n, A, ldA, p, k, S, ldS);
}

} // namespace stepwise::core::simd
#endif

// The pixel-reading kernels, written once with Google Highway and compiled for every x86
// instruction set it knows; HWY_DYNAMIC_DISPATCH picks the best one the CPU has at run time.
// This file is built without -march=native (see CMakeLists.txt) so the dispatch stays portable.
// Sections: widening pixels, Z = Ws X + b, S += scale · dZ Xᵀ, dispatch.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "core/simd/pixel_products.cpp"
#include <hwy/foreach_target.h> // IWYU pragma: keep

#include <hwy/cache_control.h>
#include <hwy/highway.h>

#include "core/simd/kernel_util-inl.h"
#include "core/simd/pixel_products.hpp"

HWY_BEFORE_NAMESPACE();
namespace stepwise::core::simd::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Register budget: 32 vector registers with AVX-512, 16 below it. A tile holds kRows × kCols
// accumulators plus the operands of one step.
#if HWY_TARGET <= HWY_AVX3
constexpr int kRows = 10, kCols = 2;
#else
constexpr int kRows = 5, kCols = 2;
#endif
constexpr std::size_t kPrefetchTiles = 2; // how far ahead forwardRows asks for pixel columns

// ---------------------------------------------------------------- widening pixels

/// Lanes(FloatTag) pixel bytes as floats 0…255 (exact).
HWY_INLINE Vec loadPixels(const std::uint8_t* x) {
    const FloatTag df;
    const hn::Rebind<std::uint8_t, FloatTag> d8;
    const hn::Rebind<std::int32_t, FloatTag> d32;
    return hn::ConvertTo(df, hn::PromoteTo(d32, hn::LoadU(d8, x)));
}

// ---------------------------------------------------------------- Z = Ws X + b

/// The lane sums of a, b, c and d into out[0…3]. Pairs are interleaved and added inside each
/// 128-bit block (a₀+a₂, b₀+b₂, a₁+a₃, b₁+b₃), then the pairs of pairs as 64-bit lanes, giving
/// (a, b, c, d) per block; the blocks are then folded onto each other. About a third of the
/// shuffles of four separate reductions.
HWY_INLINE void sumOfLanes4(Vec a, Vec b, Vec c, Vec d, float* out) {
#if HWY_TARGET == HWY_SCALAR
    out[0] = hn::GetLane(a), out[1] = hn::GetLane(b), out[2] = hn::GetLane(c), out[3] = hn::GetLane(d);
#else
    const FloatTag df;
    const hn::Repartition<double, FloatTag> d64;
    const Vec ab = hn::Add(hn::InterleaveLower(df, a, b), hn::InterleaveUpper(df, a, b));
    const Vec cd = hn::Add(hn::InterleaveLower(df, c, d), hn::InterleaveUpper(df, c, d));
    const auto ab64 = hn::BitCast(d64, ab), cd64 = hn::BitCast(d64, cd);
    const Vec abcd = hn::Add(hn::BitCast(df, hn::InterleaveLower(d64, ab64, cd64)),
                             hn::BitCast(df, hn::InterleaveUpper(d64, ab64, cd64)));
#if HWY_TARGET <= HWY_AVX3 // 16 lanes: fold four blocks
    const hn::Half<FloatTag> d8;
    const hn::Half<decltype(d8)> d4;
    const auto half = hn::Add(hn::LowerHalf(d8, abcd), hn::UpperHalf(d8, abcd));
    hn::StoreU(hn::Add(hn::LowerHalf(d4, half), hn::UpperHalf(d4, half)), d4, out);
#elif HWY_TARGET == HWY_AVX2 // 8 lanes: fold two blocks
    const hn::Half<FloatTag> d4;
    hn::StoreU(hn::Add(hn::LowerHalf(d4, abcd), hn::UpperHalf(d4, abcd)), d4, out);
#else // one 128-bit block
    hn::StoreU(abcd, df, out);
#endif
#endif
}

/// R rows × C columns of Z: each entry a dot product over p, in lanes, then across them.
template <int R, int C>
HWY_INLINE void forwardTile(const float* Ws, std::size_t p, const std::uint8_t* X, std::size_t ldX, std::size_t j0,
                            std::size_t r0, const float* b, float* Z, std::size_t ldZ) {
    const FloatTag df;
    const std::size_t N = hn::Lanes(df);
    Vec acc[R][C];
    for (int r = 0; r < R; ++r)
        for (int c = 0; c < C; ++c) acc[r][c] = hn::Zero(df);
    std::size_t i = 0;
    for (; i + N <= p; i += N) {
        Vec x[C];
        for (int c = 0; c < C; ++c) x[c] = loadPixels(X + (j0 + c) * ldX + i);
        for (int r = 0; r < R; ++r) {
            Vec w = hn::LoadU(df, Ws + (r0 + r) * p + i);
            keepInRegister(w);
            for (int c = 0; c < C; ++c) acc[r][c] = hn::MulAdd(w, x[c], acc[r][c]); // Σ_i Ws[r,i] X[i,j]
        }
    }
    // Across the lanes: four accumulators at a time share their shuffles (sumOfLanes4).
    float sums[R * C + 3];
    Vec* flat = &acc[0][0];
    int a = 0;
    for (; a + 4 <= R * C; a += 4) sumOfLanes4(flat[a], flat[a + 1], flat[a + 2], flat[a + 3], sums + a);
    for (; a < R * C; ++a) sums[a] = hn::GetLane(hn::SumOfLanes(df, flat[a]));
    for (int r = 0; r < R; ++r)
        for (int c = 0; c < C; ++c) {
            float sum = sums[r * C + c];
            for (std::size_t t = i; t < p; ++t) sum += Ws[(r0 + r) * p + t] * static_cast<float>(X[(j0 + c) * ldX + t]);
            Z[(j0 + c) * ldZ + r0 + r] = sum + b[r0 + r]; // Z = Ws X + b
        }
}

template <int R>
HWY_INLINE void forwardRows(const float* Ws, std::size_t p, const std::uint8_t* X, std::size_t ldX, std::size_t k,
                            std::size_t r0, const float* b, float* Z, std::size_t ldZ) {
    std::size_t j = 0;
    for (; j + kCols <= k; j += kCols) {
        // The columns two tiles ahead, requested now so they arrive from memory while this tile
        // computes (two 784-byte streams are too short for the hardware prefetchers to ramp up).
        if (j + (kPrefetchTiles + 1) * kCols <= k) {
            const std::uint8_t* ahead = X + (j + kPrefetchTiles * kCols) * ldX;
            for (std::size_t t = 0; t < kCols * ldX; t += 64) hwy::Prefetch(ahead + t);
        }
        forwardTile<R, kCols>(Ws, p, X, ldX, j, r0, b, Z, ldZ);
    }
    for (; j < k; ++j) forwardTile<R, 1>(Ws, p, X, ldX, j, r0, b, Z, ldZ);
}

void MultiplyPixels(const float* Ws, std::size_t n, std::size_t p, const std::uint8_t* X, std::size_t ldX,
                    std::size_t k, const float* b, float* Z, std::size_t ldZ) {
    for (std::size_t r0 = 0; r0 < n; r0 += kRows) {
        const std::size_t rows = n - r0 < static_cast<std::size_t>(kRows) ? n - r0 : kRows;
        withCount<kRows>(rows, [&](auto R) { forwardRows<decltype(R)::value>(Ws, p, X, ldX, k, r0, b, Z, ldZ); });
    }
}

// ---------------------------------------------------------------- S += scale · dZ Xᵀ

/// R rows × C·N entries of dZ Xᵀ, summed over all k columns while they stay in registers, then
/// added (times scale) into the column-major S, where a column's R rows are contiguous.
template <int R, int C>
HWY_INLINE void outerTile(const float* dZ, std::size_t ldDZ, const std::uint8_t* X, std::size_t ldX, std::size_t k,
                          std::size_t r0, std::size_t i0, float scale, float* S, std::size_t ldS) {
    const FloatTag df;
    const std::size_t N = hn::Lanes(df);
    Vec acc[R][C];
    for (int r = 0; r < R; ++r)
        for (int c = 0; c < C; ++c) acc[r][c] = hn::Zero(df);
    for (std::size_t j = 0; j < k; ++j) {
        Vec x[C];
        for (int c = 0; c < C; ++c) x[c] = loadPixels(X + j * ldX + i0 + c * N);
        for (int r = 0; r < R; ++r) {
            const Vec d = hn::Set(df, dZ[j * ldDZ + r0 + r]);
            for (int c = 0; c < C; ++c) acc[r][c] = hn::MulAdd(d, x[c], acc[r][c]); // Σ_j dZ[r,j] X[i,j]
        }
    }
    // Row-major in registers, column-major in S: through a small buffer, one column at a time.
    constexpr std::size_t kMaxLanes = hn::MaxLanes(FloatTag());
    HWY_ALIGN float tile[R][C * kMaxLanes];
    for (int r = 0; r < R; ++r)
        for (int c = 0; c < C; ++c) hn::Store(acc[r][c], df, tile[r] + c * N);
    for (std::size_t t = 0; t < C * N; ++t) {
        float* column = S + (i0 + t) * ldS + r0;
        for (int r = 0; r < R; ++r) column[r] += scale * tile[r][t]; // S += scale · dZ Xᵀ
    }
}

template <int R>
HWY_INLINE void outerRows(const float* dZ, std::size_t ldDZ, const std::uint8_t* X, std::size_t ldX, std::size_t p,
                          std::size_t k, std::size_t r0, float scale, float* S, std::size_t ldS) {
    const FloatTag df;
    const std::size_t N = hn::Lanes(df);
    std::size_t i = 0;
    for (; i + kCols * N <= p; i += kCols * N) outerTile<R, kCols>(dZ, ldDZ, X, ldX, k, r0, i, scale, S, ldS);
    for (; i + N <= p; i += N) outerTile<R, 1>(dZ, ldDZ, X, ldX, k, r0, i, scale, S, ldS);
    for (; i < p; ++i) // the last p mod N pixels, one at a time
        for (int r = 0; r < R; ++r) {
            float sum = 0.0f;
            for (std::size_t j = 0; j < k; ++j) sum += dZ[j * ldDZ + r0 + r] * static_cast<float>(X[j * ldX + i]);
            S[i * ldS + r0 + r] += scale * sum;
        }
}

void AccumulatePixelsTransposed(const float* dZ, std::size_t ldDZ, std::size_t n, const std::uint8_t* X,
                                std::size_t ldX, std::size_t p, std::size_t k, float scale, float* S, std::size_t ldS) {
    // The tiles below walk the block across its columns (a 784-byte stride), which the hardware
    // prefetchers follow poorly; one sequential pass of prefetches brings the block (k · 784
    // bytes, a few hundred KB) into the cache first. In the fused iteration it is there already.
    for (std::size_t j = 0; j < k; ++j)
        for (std::size_t i = 0; i < p; i += 64) hwy::Prefetch(X + j * ldX + i);
    for (std::size_t r0 = 0; r0 < n; r0 += kRows) {
        const std::size_t rows = n - r0 < static_cast<std::size_t>(kRows) ? n - r0 : kRows;
        withCount<kRows>(rows, [&](auto R) { outerRows<decltype(R)::value>(dZ, ldDZ, X, ldX, p, k, r0, scale, S, ldS); });
    }
}

const char* TargetName() { return hwy::TargetName(HWY_TARGET); }

} // namespace stepwise::core::simd::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

// ---------------------------------------------------------------- dispatch

#if HWY_ONCE
namespace stepwise::core::simd {

HWY_EXPORT(MultiplyPixels);
HWY_EXPORT(AccumulatePixelsTransposed);
HWY_EXPORT(TargetName);

void multiplyPixels(const float* Ws, std::size_t n, std::size_t p, const std::uint8_t* X, std::size_t ldX,
                    std::size_t k, const float* b, float* Z, std::size_t ldZ) {
    HWY_DYNAMIC_DISPATCH(MultiplyPixels)(Ws, n, p, X, ldX, k, b, Z, ldZ);
}

void accumulatePixelsTransposed(const float* dZ, std::size_t ldDZ, std::size_t n, const std::uint8_t* X,
                                std::size_t ldX, std::size_t p, std::size_t k, float scale, float* S, std::size_t ldS) {
    HWY_DYNAMIC_DISPATCH(AccumulatePixelsTransposed)(dZ, ldDZ, n, X, ldX, p, k, scale, S, ldS);
}

const char* instructionSet() { return HWY_DYNAMIC_DISPATCH(TargetName)(); }

std::vector<std::string> instructionSets() {
    std::vector<std::string> names;
    for (const std::int64_t target : hwy::SupportedAndGeneratedTargets()) names.emplace_back(hwy::TargetName(target));
    return names;
}

bool restrictInstructionSet(std::string_view name) {
    hwy::SetSupportedTargetsForTest(0); // back to what the CPU supports (and lists)
    if (name.empty()) return true;
    for (const std::int64_t target : hwy::SupportedAndGeneratedTargets())
        if (name == hwy::TargetName(target)) {
            hwy::SetSupportedTargetsForTest(target);
            return true;
        }
    return false;
}

} // namespace stepwise::core::simd
#endif

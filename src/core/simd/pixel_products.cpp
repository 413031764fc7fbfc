// The pixel-reading kernels, written once with Google Highway and compiled for every x86
// instruction set it knows; HWY_DYNAMIC_DISPATCH picks the best one the CPU has at run time.
// This file is built without -march=native (see CMakeLists.txt) so the dispatch stays portable.
// Sections: widening pixels, chunks with ink, Z = scale · W X + b, S += scale · dZ Xᵀ, dispatch.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "core/simd/pixel_products.cpp"
#include <hwy/foreach_target.h> // IWYU pragma: keep

#include <hwy/cache_control.h>
#include <hwy/highway.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "core/simd/kernel_util-inl.h"
#include "core/simd/pixel_products.hpp"

HWY_BEFORE_NAMESPACE();
namespace stepwise::core::simd::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// A chunk of kPixelChunk pixels is kLanesPerChunk vectors. Register budget (32 vector registers
// with AVX-512, 16 below): kRows × kLanesPerChunk accumulators plus a chunk of pixels and an operand.
constexpr std::size_t kLanesPerChunk = kPixelChunk / hn::MaxLanes(FloatTag());
static_assert(kPixelChunk % hn::MaxLanes(FloatTag()) == 0, "a chunk is whole vectors");
// Z¹ of a wide layer takes two columns at a time with AVX-512, so that each weight vector loaded
// serves both.
#if HWY_TARGET <= HWY_AVX3
constexpr int kRows = 12, kOuterRows = 16, kForwardColumns = 2;
#else
constexpr int kRows = 5, kOuterRows = 5, kForwardColumns = 1;
#endif
constexpr std::size_t kPrefetchColumns = 4; // how far ahead the forward kernel asks for a column

// ---------------------------------------------------------------- widening pixels

/// Lanes(FloatTag) pixel bytes as floats 0…255 (exact).
HWY_INLINE Vec loadPixels(const std::uint8_t* x) {
    const FloatTag df;
    const hn::Rebind<std::uint8_t, FloatTag> d8;
    const hn::Rebind<std::int32_t, FloatTag> d32;
    return hn::ConvertTo(df, hn::PromoteTo(d32, hn::LoadU(d8, x)));
}

// ---------------------------------------------------------------- chunks with ink

/// Per-thread scratch, grown on first use and then reused: chunk masks made here when none were
/// given (two columns' worth), their union for Z¹'s column pairs or, for dW¹, a group's masks
/// turned around (which of its columns have ink in each chunk), and the regrouped weights and sums.
struct Scratch {
    std::vector<std::uint64_t> columnMasks;
    std::vector<std::uint64_t> chunkMasks;
    std::vector<float> weights;         // scale · W regrouped chunk by chunk (with room to align it)
    std::vector<float> tailWeights;     // scale · W's last p mod kPixelChunk columns, row by row
    std::vector<float> packedFrom;      // the n × p weights (column-major, contiguous) that
    std::size_t packedRows = 0;         //   `weights` and `tailWeights` hold, scaled by
    float packedScale = 0.0f;           //   packedScale: the next block with the same bits reuses them
    std::vector<float> sums;            // dW: the block's sums, chunk by chunk (with room to align)
};
thread_local Scratch tScratch;

/// The chunk masks of column j: given, or made now in `own`.
HWY_INLINE const std::uint64_t* masksOf(const PixelChunks& given, const std::uint8_t* x, std::size_t p,
                                        std::size_t j, std::uint64_t* own) {
    if (given.masks != nullptr) return given.masks + j * given.words;
    markChunks(x, p, own);
    return own;
}

/// Calls visit(c) for each chunk c whose bit is set in masks[0…words), in increasing order.
template <class Visit>
HWY_INLINE void forEachChunk(const std::uint64_t* masks, std::size_t words, const Visit& visit) {
    for (std::size_t w = 0; w < words; ++w)
        for (std::uint64_t m = masks[w]; m != 0; m &= m - 1)
            visit(w * 64 + static_cast<std::size_t>(hwy::Num0BitsBelowLS1Bit_Nonzero64(m)));
}

// ---------------------------------------------------------------- Z = scale · W X + b

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

/// R rows of C columns of Z: each a dot product over the chunks where any of the C columns has
/// ink (masks: their union), in lanes, then across them; the last p mod kPixelChunk pixels one by
/// one; then + b. Wc holds these rows chunk by chunk: chunk c's R × kPixelChunk weights at
/// Wc + c · R · kPixelChunk, so that every load in the loop is one register plus a constant, and
/// each weight vector loaded serves all C columns.
template <int R, int C>
HWY_INLINE void forwardTile(const float* Wc, const float* Wt, std::size_t p, const std::uint8_t* X, std::size_t ldX,
                            std::size_t j0, const std::uint64_t* masks, std::size_t words, std::size_t r0,
                            const float* b, float* Z, std::size_t ldZ) {
    const FloatTag df;
    const std::size_t N = hn::Lanes(df);
    Vec acc[R][C][kLanesPerChunk];
    for (int r = 0; r < R; ++r)
        for (int col = 0; col < C; ++col)
            for (std::size_t v = 0; v < kLanesPerChunk; ++v) acc[r][col][v] = hn::Zero(df);
    // The marks are walked here rather than through forEachChunk: a lambda that captures acc would
    // make the compiler store all of it to memory on every chunk.
    for (std::size_t word = 0; word < words; ++word)
        for (std::uint64_t m = masks[word]; m != 0; m &= m - 1) { // a chunk of zeros adds nothing: skipped
            const std::size_t c = word * 64 + static_cast<std::size_t>(hwy::Num0BitsBelowLS1Bit_Nonzero64(m));
            const float* w = Wc + c * (R * kPixelChunk);
            Vec xs[C][kLanesPerChunk];
            for (int col = 0; col < C; ++col)
                for (std::size_t v = 0; v < kLanesPerChunk; ++v)
                    xs[col][v] = loadPixels(X + (j0 + col) * ldX + c * kPixelChunk + v * N);
            for (int r = 0; r < R; ++r)
                for (std::size_t v = 0; v < kLanesPerChunk; ++v) {
                    Vec wv = hn::Load(df, w + r * kPixelChunk + v * N);
                    keepInRegister(wv); // one load for all C columns (else the compiler loads it once per column)
                    for (int col = 0; col < C; ++col)
                        acc[r][col][v] = hn::MulAdd(wv, xs[col][v], acc[r][col][v]); // Σ_i Ws[r,i] X[i,j]
                }
        }
    Vec rowSum[R * C]; // entry r · C + col
    for (int r = 0; r < R; ++r)
        for (int col = 0; col < C; ++col) {
            Vec sum = acc[r][col][0];
            for (std::size_t v = 1; v < kLanesPerChunk; ++v) sum = hn::Add(sum, acc[r][col][v]);
            rowSum[r * C + col] = sum;
        }
    // Across the lanes: four sums at a time share their shuffles (sumOfLanes4).
    constexpr int kAll = R * C, kQuads = kAll / 4 * 4;
    float sums[kAll + 3];
    for (int q = 0; q < kQuads; q += 4) sumOfLanes4(rowSum[q], rowSum[q + 1], rowSum[q + 2], rowSum[q + 3], sums + q);
    for (int e = kQuads; e < kAll; ++e) sums[e] = hn::GetLane(hn::SumOfLanes(df, rowSum[e]));
    const std::size_t tail = p / kPixelChunk * kPixelChunk;
    for (int r = 0; r < R; ++r)
        for (int col = 0; col < C; ++col) {
            const std::uint8_t* x = X + (j0 + col) * ldX;
            float sum = sums[r * C + col];
            for (std::size_t t = tail; t < p; ++t) sum += Wt[(r0 + r) * (p - tail) + t - tail] * static_cast<float>(x[t]);
            Z[(j0 + col) * ldZ + r0 + r] = sum + b[r0 + r]; // Z = Ws X + b
        }
}

/// Rows r0 … r0 + R − 1 of one column z of Z from the lane sums rowSum[0…R) (one vector per row):
/// across the lanes, four rows at a time sharing their shuffles (sumOfLanes4), then the last
/// p mod kPixelChunk pixels of x one by one, then + b.
template <int R>
HWY_INLINE void finishColumn(const Vec* rowSum, const float* Wt, std::size_t p, const std::uint8_t* x, std::size_t r0,
                             const float* b, float* z) {
    const FloatTag df;
    constexpr int kQuads = R / 4 * 4;
    float sums[R + 3];
    for (int q = 0; q < kQuads; q += 4) sumOfLanes4(rowSum[q], rowSum[q + 1], rowSum[q + 2], rowSum[q + 3], sums + q);
    for (int r = kQuads; r < R; ++r) sums[r] = hn::GetLane(hn::SumOfLanes(df, rowSum[r]));
    const std::size_t tail = p / kPixelChunk * kPixelChunk;
    for (int r = 0; r < R; ++r) {
        float sum = sums[r];
        for (std::size_t t = tail; t < p; ++t) sum += Wt[(r0 + r) * (p - tail) + t - tail] * static_cast<float>(x[t]);
        z[r0 + r] = sum + b[r0 + r]; // Z = Ws X + b
    }
}

/// R rows of one column of Z, as forwardTile<R, 1> computes them, written for one column: the
/// compiler keeps this form tighter (about a quarter fewer cycles per column, measured).
template <int R>
HWY_INLINE void forwardColumn(const float* Wc, const float* Wt, std::size_t p, const std::uint8_t* x,
                              const std::uint64_t* masks, std::size_t words, std::size_t r0, const float* b, float* z) {
    const FloatTag df;
    const std::size_t N = hn::Lanes(df);
    Vec acc[R][kLanesPerChunk];
    for (int r = 0; r < R; ++r)
        for (std::size_t v = 0; v < kLanesPerChunk; ++v) acc[r][v] = hn::Zero(df);
    for (std::size_t word = 0; word < words; ++word)
        for (std::uint64_t m = masks[word]; m != 0; m &= m - 1) { // a chunk of zeros adds nothing: skipped
            const std::size_t c = word * 64 + static_cast<std::size_t>(hwy::Num0BitsBelowLS1Bit_Nonzero64(m));
            const float* w = Wc + c * (R * kPixelChunk);
            Vec xs[kLanesPerChunk];
            for (std::size_t v = 0; v < kLanesPerChunk; ++v) xs[v] = loadPixels(x + c * kPixelChunk + v * N);
            for (int r = 0; r < R; ++r)
                for (std::size_t v = 0; v < kLanesPerChunk; ++v)
                    acc[r][v] = hn::MulAdd(hn::Load(df, w + r * kPixelChunk + v * N), xs[v], acc[r][v]); // Σ_i Ws[r,i] X[i,j]
        }
    Vec rowSum[R];
    for (int r = 0; r < R; ++r) {
        rowSum[r] = acc[r][0];
        for (std::size_t v = 1; v < kLanesPerChunk; ++v) rowSum[r] = hn::Add(rowSum[r], acc[r][v]);
    }
    finishColumn<R>(rowSum, Wt, p, x, r0, b, z);
}

#if HWY_TARGET <= HWY_AVX3 // a chunk is one vector
/// R rows of two columns x0, x1 of Z, for chunks of one vector (AVX-512). Where both columns have
/// ink, each weight vector is loaded once for the two; where only one has, as forwardColumn. No
/// chunk of zeros is multiplied (a union of the two columns' chunks would multiply 69 % of all
/// chunks of MNIST against 58 %), and the weight loads, which bound this loop on a CPU that
/// serves about one vector load from L1 per cycle, fall by a third.
template <int R>
HWY_INLINE void forwardTwoColumns(const float* Wc, const float* Wt, std::size_t p, const std::uint8_t* x0,
                                  const std::uint8_t* x1, const std::uint64_t* m0, const std::uint64_t* m1,
                                  std::size_t words, std::size_t r0, const float* b, float* z0, float* z1) {
    const FloatTag df;
    Vec acc0[R], acc1[R];
    for (int r = 0; r < R; ++r) acc0[r] = hn::Zero(df), acc1[r] = hn::Zero(df);
    for (std::size_t word = 0; word < words; ++word)
        for (std::uint64_t m = m0[word] & m1[word]; m != 0; m &= m - 1) { // ink in both columns
            const std::size_t c = word * 64 + static_cast<std::size_t>(hwy::Num0BitsBelowLS1Bit_Nonzero64(m));
            const float* w = Wc + c * (R * kPixelChunk);
            const Vec a = loadPixels(x0 + c * kPixelChunk), e = loadPixels(x1 + c * kPixelChunk);
            for (int r = 0; r < R; ++r) {
                Vec wv = hn::Load(df, w + r * kPixelChunk);
                keepInRegister(wv); // one load for both columns
                acc0[r] = hn::MulAdd(wv, a, acc0[r]); // Σ_i Ws[r,i] X[i,j]
                acc1[r] = hn::MulAdd(wv, e, acc1[r]);
            }
        }
    // Then the chunks with ink in one column only, column by column. (Written out twice: a lambda
    // over acc0 or acc1 made the compiler keep them in memory.)
    for (std::size_t word = 0; word < words; ++word)
        for (std::uint64_t m = m0[word] & ~m1[word]; m != 0; m &= m - 1) { // ink in x0 only
            const std::size_t c = word * 64 + static_cast<std::size_t>(hwy::Num0BitsBelowLS1Bit_Nonzero64(m));
            const float* w = Wc + c * (R * kPixelChunk);
            const Vec a = loadPixels(x0 + c * kPixelChunk);
            for (int r = 0; r < R; ++r) acc0[r] = hn::MulAdd(hn::Load(df, w + r * kPixelChunk), a, acc0[r]);
        }
    for (std::size_t word = 0; word < words; ++word)
        for (std::uint64_t m = m1[word] & ~m0[word]; m != 0; m &= m - 1) { // ink in x1 only
            const std::size_t c = word * 64 + static_cast<std::size_t>(hwy::Num0BitsBelowLS1Bit_Nonzero64(m));
            const float* w = Wc + c * (R * kPixelChunk);
            const Vec e = loadPixels(x1 + c * kPixelChunk);
            for (int r = 0; r < R; ++r) acc1[r] = hn::MulAdd(hn::Load(df, w + r * kPixelChunk), e, acc1[r]);
        }
    finishColumn<R>(acc0, Wt, p, x0, r0, b, z0);
    finishColumn<R>(acc1, Wt, p, x1, r0, b, z1);
}
#endif

/// Z's columns two at a time (as many pairs as there are), for layers of several row groups.
/// Returns the first column not done. Kept out of line: inlined beside forwardSingles, it made the
/// compiler schedule that loop worse (a third more cycles per column, measured).
HWY_NOINLINE std::size_t forwardPairs(const float* packed, const float* Wt, std::size_t n, std::size_t p,
                                      const std::uint8_t* X, std::size_t ldX, std::size_t k, const PixelChunks& chunks,
                                      const float* b, float* Z, std::size_t ldZ) {
    const std::size_t words = chunkWords(p), full = p / kPixelChunk;
    std::uint64_t* own = tScratch.columnMasks.data();
    std::uint64_t* both = tScratch.chunkMasks.data();
    std::size_t j = 0;
    for (; j + 2 <= k; j += 2) {
        if (j + kPrefetchColumns + 2 <= k) // columns ahead, to arrive from memory while these compute
            for (std::size_t t = 0; t < 2 * ldX; t += 64) hwy::Prefetch(X + (j + kPrefetchColumns) * ldX + t);
        const std::uint64_t* first = masksOf(chunks, X + j * ldX, p, j, own);
        const std::uint64_t* second = masksOf(chunks, X + (j + 1) * ldX, p, j + 1, own + words);
        for (std::size_t w = 0; w < words; ++w) both[w] = first[w] | second[w]; // ink in either column
        for (std::size_t r0 = 0; r0 < n; r0 += kRows) {
            const std::size_t rows = std::min<std::size_t>(n - r0, kRows);
            withCount<kRows>(rows, [&](auto R) {
                forwardTile<decltype(R)::value, 2>(packed + r0 * full * kPixelChunk, Wt, p, X, ldX, j, both, words, r0,
                                                   b, Z, ldZ);
            });
        }
    }
    return j;
}

/// Z's columns j0 … k − 1: one at a time, or for one group of rows with AVX-512 two at a time.
HWY_NOINLINE void forwardSingles(const float* packed, const float* Wt, std::size_t n, std::size_t p,
                                 const std::uint8_t* X, std::size_t ldX, std::size_t j0, std::size_t k,
                                 const PixelChunks& chunks, const float* b, float* Z, std::size_t ldZ) {
    const std::size_t words = chunkWords(p), full = p / kPixelChunk;
    std::uint64_t* own = tScratch.columnMasks.data();
    std::size_t j = j0;
#if HWY_TARGET <= HWY_AVX3
    if (n <= static_cast<std::size_t>(kRows)) // one group of rows: two columns at a time, split by ink
        for (; j + 2 <= k; j += 2) {
            if (j + kPrefetchColumns + 2 <= k) // columns ahead, to arrive from memory while these compute
                for (std::size_t t = 0; t < 2 * ldX; t += 64) hwy::Prefetch(X + (j + kPrefetchColumns) * ldX + t);
            const std::uint64_t* m0 = masksOf(chunks, X + j * ldX, p, j, own);
            const std::uint64_t* m1 = masksOf(chunks, X + (j + 1) * ldX, p, j + 1, own + words);
            withCount<kRows>(n, [&](auto R) {
                forwardTwoColumns<decltype(R)::value>(packed, Wt, p, X + j * ldX, X + (j + 1) * ldX, m0, m1, words, 0,
                                                      b, Z + j * ldZ, Z + (j + 1) * ldZ);
            });
        }
#endif
    for (; j < k; ++j) {
        if (j + kPrefetchColumns < k) // a column ahead, to arrive from memory while this one computes
            for (std::size_t t = 0; t < p; t += 64) hwy::Prefetch(X + (j + kPrefetchColumns) * ldX + t);
        const std::uint64_t* masks = masksOf(chunks, X + j * ldX, p, j, own);
        for (std::size_t r0 = 0; r0 < n; r0 += kRows) {
            const std::size_t rows = std::min<std::size_t>(n - r0, kRows);
            withCount<kRows>(rows, [&](auto R) {
                forwardColumn<decltype(R)::value>(packed + r0 * full * kPixelChunk, Wt, p, X + j * ldX, masks, words,
                                                  r0, b, Z + j * ldZ);
            });
        }
    }
}

void MultiplyPixels(const float* W, std::size_t ldW, float scale, std::size_t n, std::size_t p, const std::uint8_t* X,
                    std::size_t ldX, std::size_t k, const PixelChunks& chunks, const float* b, float* Z, std::size_t ldZ) {
    const std::size_t words = chunkWords(p), full = p / kPixelChunk, tail = p - full * kPixelChunk;
    tScratch.columnMasks.resize(2 * words); // made here when no marks are given, for two columns
    tScratch.chunkMasks.resize(words);      // their union
    // scale · W's whole chunks regrouped for forwardTile, rows r0 … r0 + R − 1 from
    // r0 · full · kPixelChunk on, starting at a vector boundary; the last p mod kPixelChunk
    // columns row by row. Both are taken straight from W, scaled on the way: one pass over it.
    constexpr std::size_t kAlign = hn::MaxLanes(FloatTag());
    const auto aligned = [](float* at) {
        return at + (kAlign - reinterpret_cast<std::uintptr_t>(at) / sizeof(float) % kAlign) % kAlign;
    };
    // The stepper calls this once per block of columns with the same weights: they are regrouped
    // once, and each later call only checks, bit for bit, that W is still what was regrouped.
    Scratch& scratch = tScratch;
    bool same = scratch.packedRows == n && scratch.packedScale == scale && scratch.packedFrom.size() == n * p &&
                scratch.weights.size() == n * full * kPixelChunk + kAlign;
    for (std::size_t i = 0; same && i < p; ++i)
        same = std::memcmp(W + i * ldW, scratch.packedFrom.data() + i * n, n * sizeof(float)) == 0;
    if (!same) {
        scratch.weights.resize(n * full * kPixelChunk + kAlign);
        float* packed = aligned(scratch.weights.data());
        for (std::size_t r0 = 0; r0 < n; r0 += kRows) {
            const std::size_t rows = std::min<std::size_t>(n - r0, kRows);
            float* group = packed + r0 * full * kPixelChunk;
            for (std::size_t c = 0; c < full; ++c)
                for (std::size_t t = 0; t < kPixelChunk; ++t) {
                    const float* column = W + (c * kPixelChunk + t) * ldW + r0;
                    for (std::size_t r = 0; r < rows; ++r) group[(c * rows + r) * kPixelChunk + t] = column[r] * scale;
                }
        }
        scratch.tailWeights.resize(n * tail);
        for (std::size_t t = 0; t < tail; ++t)
            for (std::size_t r = 0; r < n; ++r)
                scratch.tailWeights[r * tail + t] = W[(full * kPixelChunk + t) * ldW + r] * scale;
        scratch.packedFrom.resize(n * p);
        for (std::size_t i = 0; i < p; ++i) std::copy_n(W + i * ldW, n, scratch.packedFrom.data() + i * n);
        scratch.packedRows = n;
        scratch.packedScale = scale;
    }
    const float* packed = aligned(scratch.weights.data());
    const float* Wt = scratch.tailWeights.data();
    std::size_t j = 0;
    if (kForwardColumns == 2 && n > static_cast<std::size_t>(kRows)) // one group of rows: forwardSingles' split pairs are faster (measured)
        j = forwardPairs(packed, Wt, n, p, X, ldX, k, chunks, b, Z, ldZ);
    forwardSingles(packed, Wt, n, p, X, ldX, j, k, chunks, b, Z, ldZ);
}

// ---------------------------------------------------------------- S += scale · dZ Xᵀ

/// R rows × one chunk of dZ Xᵀ over one group of columns: the running sums `sums` (R × kPixelChunk
/// floats, row r at sums + r · kPixelChunk) are loaded, the columns j0 + g for each set bit g of
/// `group` are added in registers, and the sums stored back.
template <int R>
HWY_INLINE void outerChunk(const float* dZ, std::size_t ldDZ, const std::uint8_t* X, std::size_t ldX,
                           std::size_t j0, std::uint64_t group, std::size_t r0, std::size_t i0, float* sums) {
    const FloatTag df;
    const std::size_t N = hn::Lanes(df);
    Vec acc[R][kLanesPerChunk];
    for (int r = 0; r < R; ++r)
        for (std::size_t v = 0; v < kLanesPerChunk; ++v) acc[r][v] = hn::Load(df, sums + r * kPixelChunk + v * N);
    for (std::uint64_t m = group; m != 0; m &= m - 1) { // the columns of the group with ink in this chunk
        const std::size_t j = j0 + static_cast<std::size_t>(hwy::Num0BitsBelowLS1Bit_Nonzero64(m));
        const float* d = dZ + j * ldDZ + r0;
        Vec xs[kLanesPerChunk];
        for (std::size_t v = 0; v < kLanesPerChunk; ++v) xs[v] = loadPixels(X + j * ldX + i0 + v * N);
        for (int r = 0; r < R; ++r) {
            const Vec dr = hn::Set(df, d[r]);
            for (std::size_t v = 0; v < kLanesPerChunk; ++v) acc[r][v] = hn::MulAdd(dr, xs[v], acc[r][v]); // Σ_j dZ[r,j] X[i,j]
        }
    }
    for (int r = 0; r < R; ++r)
        for (std::size_t v = 0; v < kLanesPerChunk; ++v) hn::Store(acc[r][v], df, sums + r * kPixelChunk + v * N);
}

#if HWY_TARGET <= HWY_AVX3 // a chunk is one vector
/// outerChunk for two neighbouring chunks at once (pixels i0 … i0 + 31), R ≤ 12 rows: the columns
/// with ink in both chunks broadcast each dZ value once for the two; those with ink in one go
/// alone. The broadcasts, which compete with the pixels for the load ports, fall by a third.
template <int R>
HWY_INLINE void outerChunkPair(const float* dZ, std::size_t ldDZ, const std::uint8_t* X, std::size_t ldX,
                               std::size_t j0, std::uint64_t first, std::uint64_t second, std::size_t r0,
                               std::size_t i0, float* sums0, float* sums1) {
    const FloatTag df;
    Vec acc0[R], acc1[R];
    for (int r = 0; r < R; ++r) acc0[r] = hn::Load(df, sums0 + r * kPixelChunk), acc1[r] = hn::Load(df, sums1 + r * kPixelChunk);
    for (std::uint64_t m = first & second; m != 0; m &= m - 1) { // ink in both chunks
        const std::size_t j = j0 + static_cast<std::size_t>(hwy::Num0BitsBelowLS1Bit_Nonzero64(m));
        const float* d = dZ + j * ldDZ + r0;
        const Vec a = loadPixels(X + j * ldX + i0), e = loadPixels(X + j * ldX + i0 + kPixelChunk);
        for (int r = 0; r < R; ++r) {
            Vec dr = hn::Set(df, d[r]);
            keepInRegister(dr); // one broadcast for both chunks
            acc0[r] = hn::MulAdd(dr, a, acc0[r]); // Σ_j dZ[r,j] X[i,j]
            acc1[r] = hn::MulAdd(dr, e, acc1[r]);
        }
    }
    for (std::uint64_t m = first & ~second; m != 0; m &= m - 1) { // ink in the first chunk only
        const std::size_t j = j0 + static_cast<std::size_t>(hwy::Num0BitsBelowLS1Bit_Nonzero64(m));
        const float* d = dZ + j * ldDZ + r0;
        const Vec a = loadPixels(X + j * ldX + i0);
        for (int r = 0; r < R; ++r) acc0[r] = hn::MulAdd(hn::Set(df, d[r]), a, acc0[r]);
    }
    for (std::uint64_t m = second & ~first; m != 0; m &= m - 1) { // ink in the second chunk only
        const std::size_t j = j0 + static_cast<std::size_t>(hwy::Num0BitsBelowLS1Bit_Nonzero64(m));
        const float* d = dZ + j * ldDZ + r0;
        const Vec e = loadPixels(X + j * ldX + i0 + kPixelChunk);
        for (int r = 0; r < R; ++r) acc1[r] = hn::MulAdd(hn::Set(df, d[r]), e, acc1[r]);
    }
    for (int r = 0; r < R; ++r) hn::Store(acc0[r], df, sums0 + r * kPixelChunk), hn::Store(acc1[r], df, sums1 + r * kPixelChunk);
}
#endif

void AccumulatePixelsTransposed(const float* dZ, std::size_t ldDZ, std::size_t n, const std::uint8_t* X,
                                std::size_t ldX, std::size_t p, std::size_t k, const PixelChunks& chunks, float scale,
                                float* S, std::size_t ldS) {
    if (k == 0) return;
    // The block is taken kOuterGroup columns at a time, few enough to stay in L1 (25 KB) while
    // every chunk's sums visit them; per chunk, the group's columns with ink there are one word of
    // bits. The sums of the whole block (rows padded to kOuterRows, chunk by chunk) stay in a
    // per-thread buffer and are added into S once, at the end.
    constexpr std::size_t kOuterGroup = 32;
    const std::size_t full = p / kPixelChunk, words = chunkWords(p);
    const std::size_t groups = (n + kOuterRows - 1) / kOuterRows, tileFloats = kOuterRows * kPixelChunk;
    Scratch& scratch = tScratch;
    scratch.columnMasks.resize(words);
    scratch.sums.assign(groups * full * tileFloats + hn::MaxLanes(FloatTag()), 0.0f);
    float* sums = scratch.sums.data();
    sums += (hn::MaxLanes(FloatTag()) - reinterpret_cast<std::uintptr_t>(sums) / sizeof(float) % hn::MaxLanes(FloatTag())) %
            hn::MaxLanes(FloatTag());
    scratch.chunkMasks.resize(full);
    std::uint64_t* byChunk = scratch.chunkMasks.data();
    for (std::size_t j0 = 0; j0 < k; j0 += kOuterGroup) {
        const std::size_t width = std::min(kOuterGroup, k - j0);
        std::fill(byChunk, byChunk + full, std::uint64_t{0});
        for (std::size_t g = 0; g < width; ++g) {
            const std::uint64_t* masks = masksOf(chunks, X + (j0 + g) * ldX, p, j0 + g, scratch.columnMasks.data());
            const std::uint64_t bit = std::uint64_t{1} << g;
            forEachChunk(masks, words, [&](std::size_t c) { byChunk[c] |= bit; });
        }
        // The next group's columns are asked into L2 while this one computes, a few lines per
        // chunk: walked 16 bytes at a time in 32 columns at once, they defeat the hardware
        // prefetcher, and when X comes from memory (the whole-batch dW¹ of a lesson step) that
        // measured up to twice the time; all at once, the requests would overflow the queue of
        // misses and be dropped. Nothing is read from them here.
        const std::size_t nextWidth = j0 + kOuterGroup < k ? std::min(kOuterGroup, k - j0 - kOuterGroup) : 0;
        const std::uint8_t* next = nextWidth > 0 ? X + (j0 + kOuterGroup) * ldX : X;
        const std::size_t linesPerChunk = (nextWidth * ((p + 63) / 64) + full - 1) / std::max<std::size_t>(full, 1);
        std::size_t nextColumn = 0, nextByte = 0; // the next line to ask for
        for (std::size_t q = 0; q < groups; ++q) {
            const std::size_t r0 = q * kOuterRows, rows = std::min<std::size_t>(n - r0, kOuterRows);
            withCount<kOuterRows>(rows, [&](auto R) {
                constexpr int kR = decltype(R)::value;
                const auto prefetchStep = [&] {
                    for (std::size_t line = 0; line < linesPerChunk && nextColumn < nextWidth; ++line) {
                        __builtin_prefetch(next + nextColumn * ldX + nextByte, 0, 2); // read, into L2
                        nextByte += 64;
                        if (nextByte >= p) nextByte = 0, ++nextColumn;
                    }
                };
                std::size_t c = 0;
#if HWY_TARGET <= HWY_AVX3
                if constexpr (kR <= 12) // two chunks' sums in registers: 2 R of the 32
                    for (; c + 2 <= full; c += 2) {
                        prefetchStep();
                        prefetchStep();
                        if ((byChunk[c] | byChunk[c + 1]) != 0) // chunks of zeros in every column add nothing
                            outerChunkPair<kR>(dZ, ldDZ, X, ldX, j0, byChunk[c], byChunk[c + 1], r0, c * kPixelChunk,
                                               sums + (q * full + c) * tileFloats, sums + (q * full + c + 1) * tileFloats);
                    }
#endif
                for (; c < full; ++c) {
                    prefetchStep();
                    if (byChunk[c] != 0) // a chunk of zeros in every column of the group adds nothing
                        outerChunk<kR>(dZ, ldDZ, X, ldX, j0, byChunk[c], r0, c * kPixelChunk,
                                       sums + (q * full + c) * tileFloats);
                }
            });
        }
    }
    for (std::size_t q = 0; q < groups; ++q) {
        const std::size_t r0 = q * kOuterRows, rows = std::min<std::size_t>(n - r0, kOuterRows);
        for (std::size_t c = 0; c < full; ++c) {
            const float* tile = sums + (q * full + c) * tileFloats; // row r's 16 pixels at tile + 16 r
            for (std::size_t t = 0; t < kPixelChunk; ++t) {
                float* column = S + (c * kPixelChunk + t) * ldS + r0;
                for (std::size_t r = 0; r < rows; ++r) column[r] += scale * tile[r * kPixelChunk + t]; // S += scale · dZ Xᵀ
            }
        }
        for (std::size_t i = full * kPixelChunk; i < p; ++i) // the last p mod kPixelChunk pixels, one at a time
            for (std::size_t r = r0; r < r0 + rows; ++r) {
                float sum = 0.0f;
                for (std::size_t j = 0; j < k; ++j) sum += dZ[j * ldDZ + r] * static_cast<float>(X[j * ldX + i]);
                S[i * ldS + r] += scale * sum;
            }
    }
}

const char* TargetName() { return hwy::TargetName(HWY_TARGET); }

} // namespace stepwise::core::simd::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

// ---------------------------------------------------------------- dispatch

#if HWY_ONCE
#include <cstring>

namespace stepwise::core::simd {

HWY_EXPORT(MultiplyPixels);
HWY_EXPORT(AccumulatePixelsTransposed);
HWY_EXPORT(TargetName);

void multiplyPixels(const float* W, std::size_t ldW, float scale, std::size_t n, std::size_t p, const std::uint8_t* X,
                    std::size_t ldX, std::size_t k, const PixelChunks& chunks, const float* b, float* Z, std::size_t ldZ) {
    HWY_DYNAMIC_DISPATCH(MultiplyPixels)(W, ldW, scale, n, p, X, ldX, k, chunks, b, Z, ldZ);
}

void accumulatePixelsTransposed(const float* dZ, std::size_t ldDZ, std::size_t n, const std::uint8_t* X,
                                std::size_t ldX, std::size_t p, std::size_t k, const PixelChunks& chunks, float scale,
                                float* S, std::size_t ldS) {
    HWY_DYNAMIC_DISPATCH(AccumulatePixelsTransposed)(dZ, ldDZ, n, X, ldX, p, k, chunks, scale, S, ldS);
}

const char* instructionSet() { return HWY_DYNAMIC_DISPATCH(TargetName)(); }

void markChunks(const std::uint8_t* x, std::size_t p, std::uint64_t* masks) {
    const std::size_t chunks = p / kPixelChunk;
    for (std::size_t w = 0; w * 64 < chunks; ++w) {
        std::uint64_t word = 0; // in a register: or-ing into masks[w] would chain every chunk through memory
        for (std::size_t c = w * 64; c < std::min(chunks, w * 64 + 64); ++c) {
            std::uint64_t a, b; // the chunk's 16 bytes as two words: ink anywhere makes them nonzero
            std::memcpy(&a, x + c * kPixelChunk, 8);
            std::memcpy(&b, x + c * kPixelChunk + 8, 8);
            word |= static_cast<std::uint64_t>((a | b) != 0) << (c % 64);
        }
        masks[w] = word;
    }
}

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

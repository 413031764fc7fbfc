// Per-target pieces shared by the SIMD kernels (pixel_products.cpp, narrow_products.cpp): the
// float vector type, a compile-time count from a run-time one, a register pin, and loading or
// storing the first rows of a chunk of vectors. Each kernel file includes this once per Highway
// target, after foreach_target.h; hence the include guard that toggles with HWY_TARGET_TOGGLE,
// Highway's convention for such headers.
#if defined(STEPWISE_CORE_SIMD_KERNEL_UTIL_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef STEPWISE_CORE_SIMD_KERNEL_UTIL_INL_H_
#undef STEPWISE_CORE_SIMD_KERNEL_UTIL_INL_H_
#else
#define STEPWISE_CORE_SIMD_KERNEL_UTIL_INL_H_
#endif

#include <hwy/highway.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <type_traits>

HWY_BEFORE_NAMESPACE();
namespace stepwise::core::simd::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

using FloatTag = hn::ScalableTag<float>;
using Vec = hn::Vec<FloatTag>;

/// Calls body(integral_constant<int, C>) for C = count, 1 ≤ count ≤ Max (nothing otherwise), so
/// a tile's size can be a template argument and its arrays live in registers.
template <int Max, int C = 1, class Body>
HWY_INLINE void withCount(std::size_t count, const Body& body) {
    if constexpr (C <= Max) {
        if (count == static_cast<std::size_t>(C)) body(std::integral_constant<int, C>{});
        else withCount<Max, C + 1>(count, body);
    }
}

/// Stops the compiler from folding v's load into each instruction that uses it: one load, not
/// one per use, so the loads do not compete with the arithmetic for the load ports.
HWY_INLINE void keepInRegister(Vec& v) {
#if HWY_ARCH_X86 && HWY_TARGET != HWY_SCALAR && HWY_TARGET != HWY_EMU128
    asm("" : "+v"(v.raw));
#else
    (void)v;
#endif
}

// AVX2 and AVX-512 store and load part of a vector under a mask, touching nothing outside it
// (and raising no fault there); below AVX2 a partial vector goes through a buffer.
#if HWY_TARGET <= HWY_AVX2
constexpr bool kMaskedMemory = true;
#else
constexpr bool kMaskedMemory = false;
#endif

/// Stores the first `rows` of the chunk held in v[0…V) at out, writing nothing past them.
template <int V>
HWY_INLINE void storeRows(const Vec* v, std::size_t rows, float* out) {
    const FloatTag df;
    const std::size_t N = hn::Lanes(df);
    for (int t = 0; t < V; ++t) {
        const std::size_t first = static_cast<std::size_t>(t) * N;
        if (first + N <= rows) {
            hn::StoreU(v[t], df, out + first);
        } else if (first < rows) {
            if constexpr (kMaskedMemory) {
                hn::BlendedStore(v[t], hn::FirstN(df, rows - first), df, out + first);
            } else {
                HWY_ALIGN float buffer[hn::MaxLanes(FloatTag())];
                hn::Store(v[t], df, buffer);
                std::memcpy(out + first, buffer, std::min(rows - first, N) * sizeof(float));
            }
        }
    }
}

/// Loads rows [0, rows) of a chunk into v[0…V), zero beyond them: V whole vectors straight from
/// `in` when reading them there is allowed (`whole`), else under a mask or through a buffer.
template <int V>
HWY_INLINE void loadRows(const float* in, std::size_t rows, bool whole, Vec* v) {
    const FloatTag df;
    const std::size_t N = hn::Lanes(df);
    for (int t = 0; t < V; ++t) {
        const std::size_t first = static_cast<std::size_t>(t) * N;
        if (whole || first + N <= rows) {
            v[t] = hn::LoadU(df, in + first);
        } else if (first >= rows) {
            v[t] = hn::Zero(df);
        } else if constexpr (kMaskedMemory) {
            v[t] = hn::MaskedLoad(hn::FirstN(df, rows - first), df, in + first);
        } else {
            HWY_ALIGN float buffer[hn::MaxLanes(FloatTag())] = {};
            std::memcpy(buffer, in + first, std::min(rows - first, N) * sizeof(float));
            v[t] = hn::Load(df, buffer);
        }
    }
}

} // namespace stepwise::core::simd::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif // include guard

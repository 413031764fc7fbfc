// Per-target pieces shared by the SIMD kernels (pixel_products.cpp, narrow_products.cpp): the
// float vector type, a compile-time count from a run-time one, and a register pin. Each kernel
// file includes this once per Highway target, after foreach_target.h; hence the include guard
// that toggles with HWY_TARGET_TOGGLE, Highway's convention for such headers.
#if defined(STEPWISE_CORE_SIMD_KERNEL_UTIL_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef STEPWISE_CORE_SIMD_KERNEL_UTIL_INL_H_
#undef STEPWISE_CORE_SIMD_KERNEL_UTIL_INL_H_
#else
#define STEPWISE_CORE_SIMD_KERNEL_UTIL_INL_H_
#endif

#include <hwy/highway.h>

#include <cstddef>
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

} // namespace stepwise::core::simd::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif // include guard

// The products of the narrow layers: Z² = W²A¹ + b², W²ᵀdZ² (inside dZ¹) and dW² = dZ²A¹ᵀ, and
// their like in deeper networks. With 10 rows and a 512-column block they are tiny for a general
// GEMM, whose packing and 3 × 16-row tiles then cost more than the arithmetic. These kernels hold
// one column of the result (or of S's rows) in one or two SIMD registers instead, and run many
// columns side by side. Google Highway picks the instruction set at run time, as for the pixel
// kernels (core/simd/pixel_products.hpp). The equations that call them are in core/equations.cpp.
#pragma once

#include <cstddef>

namespace stepwise::core::simd {

/// \brief Z = P · A + b for a small P.
///
/// \param P  n × p, column-major, column i at P + i·ldP
/// \param A  p × k, column-major, column j at A + j·ldA
/// \param b  n values added to every column, or nullptr for none
/// \param Z  n × k result, column-major, column j at Z + j·ldZ (may not overlap A)
/// Sums run over i = 0…p−1 in order, one register per 16 (AVX-512) or 8 (AVX2) rows.
/// Any thread; no allocation beyond a padded copy of P.
void multiplyNarrow(const float* P, std::size_t ldP, std::size_t n, std::size_t p, const float* A, std::size_t ldA,
                    std::size_t k, const float* b, float* Z, std::size_t ldZ);

/// \brief S += D · Aᵀ for a small S.
///
/// \param D  n × k, column-major, column j at D + j·ldD
/// \param A  p × k, column-major, column j at A + j·ldA
/// \param S  n × p accumulator, column-major, column i at S + i·ldS
/// Each entry sums over j = 0…k−1 in order in a register, then is added to S once.
void accumulateNarrowTransposed(const float* D, std::size_t ldD, std::size_t n, const float* A, std::size_t ldA,
                                std::size_t p, std::size_t k, float* S, std::size_t ldS);

} // namespace stepwise::core::simd

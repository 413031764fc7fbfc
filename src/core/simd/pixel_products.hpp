// The two products of the paper's network that read the pixels: Z¹ = W¹A⁰ and dW¹ = dZ¹A⁰ᵀ,
// each a (hidden × 784) by (784 × k) product, are nearly all of an iteration's arithmetic. These
// kernels read the pixel bytes directly (A⁰ = X/255 folded into the scale), keep their sums in
// SIMD registers, and pick the widest instruction set of the CPU at run time (Google Highway:
// SSE4, AVX2, AVX-512). The equations that call them are in core/equations.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace stepwise::core::simd {

/// \brief Z = Ws · X + b, with X given as pixel bytes.
///
/// \param Ws  n × p weights, row-major (row r at Ws + r·p), already scaled by 1/255
/// \param X   p × k pixel bytes, column-major, column j at X + j·ldX
/// \param b   n biases
/// \param Z   n × k result, column-major, column j at Z + j·ldZ
/// Sums run over p in vector lanes, then across the lanes. Any thread; no allocation.
void multiplyPixels(const float* Ws, std::size_t n, std::size_t p, const std::uint8_t* X, std::size_t ldX,
                    std::size_t k, const float* b, float* Z, std::size_t ldZ);

/// \brief S += scale · dZ · Xᵀ, with X given as pixel bytes.
///
/// \param dZ    n × k, column-major, column j at dZ + j·ldDZ
/// \param X     p × k pixel bytes, column-major, column j at X + j·ldX
/// \param scale multiplies the product before it is added (1/255 turns X into A⁰)
/// \param S     n × p accumulator, column-major, column i at S + i·ldS
/// Each sum stays in a register while all k columns stream past it. Any thread; no allocation.
void accumulatePixelsTransposed(const float* dZ, std::size_t ldDZ, std::size_t n, const std::uint8_t* X,
                                std::size_t ldX, std::size_t p, std::size_t k, float scale, float* S, std::size_t ldS);

/// \brief Name of the instruction set the kernels dispatch to on this CPU (e.g. "AVX3", "AVX2").
const char* instructionSet();

/// \brief The instruction sets compiled into the kernels that this CPU can run, best first.
std::vector<std::string> instructionSets();

/// \brief For tests: dispatch only to \p name (one of instructionSets()), so every compiled path
/// is checked on one machine; an empty name restores the CPU's best. False for an unknown name.
/// Not thread-safe: call it while no kernel runs.
bool restrictInstructionSet(std::string_view name);

} // namespace stepwise::core::simd

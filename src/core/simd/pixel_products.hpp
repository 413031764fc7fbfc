// The two products of the paper's network that read the pixels: Z¹ = W¹A⁰ and dW¹ = dZ¹A⁰ᵀ,
// each a (hidden × 784) by (784 × k) product, are nearly all of an iteration's arithmetic. These
// kernels read the pixel bytes directly (A⁰ = X/255 folded into the scale), keep their sums in
// SIMD registers, and pick the widest instruction set of the CPU at run time (Google Highway:
// SSE4, AVX2, AVX-512). They skip every chunk of 16 pixels that holds only zeros: such a chunk
// adds exactly nothing to either product, and about two chunks in five of an MNIST digit are
// background. The equations that call them are in core/equations.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace stepwise::core::simd {

/// \brief The pixels of a column are taken in chunks of this many, and a chunk of zeros is skipped.
inline constexpr std::size_t kPixelChunk = 16;

/// \brief 64-bit words of chunk marks for a column of p pixels (one bit per whole chunk).
constexpr std::size_t chunkWords(std::size_t p) { return (p / kPixelChunk + 63) / 64; }

/// \brief Marks the chunks of x[0…p) that hold a nonzero pixel: bit c % 64 of masks[c / 64] is set
/// for chunk c (pixels 16c … 16c + 15). Writes chunkWords(p) words. Any thread; no allocation.
void markChunks(const std::uint8_t* x, std::size_t p, std::uint64_t* masks);

/// \brief The chunk marks of some columns, made beforehand (core::NonzeroChunks): column j's
/// words at masks + j · words, with words = chunkWords(p). With masks == nullptr the kernels
/// mark each column's chunks themselves.
struct PixelChunks {
    const std::uint64_t* masks = nullptr; ///< the first column's words, then the next column's, …
    std::size_t words = 0;                ///< words per column
};

/// \brief Z = scale · W · X + b, with X given as pixel bytes.
///
/// \param W     n × p weights, column-major (column i at W + i·ldW)
/// \param ldW   W's column stride, at least n
/// \param scale multiplies each weight before use (1/255 turns X into A⁰): the product of a
///              weight and a pixel is (scale · W[r,i]) · X[i,j], rounded as written
/// \param X   p × k pixel bytes, column-major, column j at X + j·ldX
/// \param chunks where X's chunks with ink are, or {} to find them here
/// \param b   n biases
/// \param Z   n × k result, column-major, column j at Z + j·ldZ
/// Sums run over p in vector lanes, then across the lanes. Any thread; keeps a per-thread scratch.
void multiplyPixels(const float* W, std::size_t ldW, float scale, std::size_t n, std::size_t p, const std::uint8_t* X,
                    std::size_t ldX, std::size_t k, const PixelChunks& chunks, const float* b, float* Z, std::size_t ldZ);

/// \brief S += scale · dZ · Xᵀ, with X given as pixel bytes.
///
/// \param dZ    n × k, column-major, column j at dZ + j·ldDZ
/// \param X     p × k pixel bytes, column-major, column j at X + j·ldX
/// \param chunks where X's chunks with ink are, or {} to find them here
/// \param scale multiplies the product before it is added (1/255 turns X into A⁰)
/// \param S     n × p accumulator, column-major, column i at S + i·ldS
/// Each sum stays in a register while the k columns stream past it. Any thread; keeps a
/// per-thread scratch.
void accumulatePixelsTransposed(const float* dZ, std::size_t ldDZ, std::size_t n, const std::uint8_t* X,
                                std::size_t ldX, std::size_t p, std::size_t k, const PixelChunks& chunks, float scale,
                                float* S, std::size_t ldS);

/// \brief Name of the instruction set the kernels dispatch to on this CPU (e.g. "AVX3", "AVX2").
const char* instructionSet();

/// \brief The instruction sets compiled into the kernels that this CPU can run, best first.
std::vector<std::string> instructionSets();

/// \brief For tests: dispatch only to \p name (one of instructionSets()), so every compiled path
/// is checked on one machine; an empty name restores the CPU's best. False for an unknown name.
/// Not thread-safe: call it while no kernel runs.
bool restrictInstructionSet(std::string_view name);

} // namespace stepwise::core::simd

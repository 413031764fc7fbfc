// The paper's data protocol: take the first 42,000 images, shuffle them, hold out 1,000 as the
// dev set and train on the rest; plus toBatch, which lays images out as the columns of X (A⁰ = X / 255).
#pragma once

#include "core/batch.hpp"
#include "data/labeled_images.hpp"

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace stepwise::data {

/// \brief The train and dev batches of the paper's protocol.
struct PaperSplit {
    core::Batch train;      ///< X is 784 × (totalRows − dev size)
    core::Batch dev;        ///< X is 784 × dev size, the first images after the shuffle
    Eigen::Index totalRows; ///< images taken before splitting: the script's m = 42,000 (errata #7)
};

/// \brief Lays images out as the paper's input: column j of X is image j, the pixel bytes as stored (A⁰ = X / 255).
///
/// Pixel k = row * 28 + col of image j goes to `X(k, j)`; `labels(j)` is its digit.
/// \param images the images to convert, all of them
/// \return a Batch with X of shape 784 × images.count()
[[nodiscard]] core::Batch toBatch(const LabeledImages& images);

/// \brief An unbiased draw from {0, ..., bound − 1}, the same on every standard library.
///
/// Rejection sampling on the generator's raw 64-bit output: values below
/// `(2⁶⁴ − bound) mod bound` are redrawn, the rest are reduced `mod bound`.
/// \param generator the source of randomness, advanced by one or more draws
/// \param bound     one more than the largest value wanted; must be at least 1
/// \return a value in [0, bound)
[[nodiscard]] std::uint64_t drawBelow(std::mt19937_64& generator, std::uint64_t bound);

/// \brief A deterministic Fisher–Yates shuffle of 0, ..., count − 1.
///
/// For i = count − 1 down to 1: swap entries i and drawBelow(generator, i + 1), with
/// `generator = std::mt19937_64(seed)`. The same seed gives the same order everywhere.
/// \param count how many indices to shuffle
/// \param seed  seed of the std::mt19937_64 that drives the shuffle
/// \return a permutation of 0, ..., count − 1
[[nodiscard]] std::vector<std::size_t> shuffledIndices(std::size_t count, std::uint64_t seed);

/// \brief Splits images the way the paper's script does.
///
/// Takes the first min(\p take, count) images, shuffles them with shuffledIndices(\p seed), and
/// makes the first \p devCount shuffled images the dev set and the rest the train set. When the
/// data holds fewer than \p take images (a smaller data set), all are used and the dev set is a
/// tenth of them, at least one, leaving at least one to train on.
/// Any thread may call it; it shares no state.
/// \param all      the images, in file order
/// \param seed     shuffle seed; the same seed always gives the same split
/// \param take     how many images to take from the front (the script's 42,000)
/// \param devCount dev images when \p take images are available (the script's 1,000); must be
///                 smaller than \p take
/// \return the train and dev batches and how many images were taken
/// \throws InputError when \p all has fewer than two images; std::invalid_argument when
///         \p devCount is not smaller than \p take.
[[nodiscard]] PaperSplit splitPaperProtocol(const LabeledImages& all, std::uint64_t seed,
                                            std::size_t take = 42000, std::size_t devCount = 1000);

} // namespace stepwise::data

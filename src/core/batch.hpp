// The data one training iteration runs on: images as columns of pixel bytes X, so that
// A⁰ = X / 255, and their labels. The bytes are kept as they are stored (a quarter of the
// floats' memory, read once per iteration); A⁰'s exact 0…1 values are made where they are shown.
#pragma once

#include "core/simd/pixel_products.hpp"

#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <vector>

namespace stepwise::core {

/// \brief Pixel bytes, one image per column (0 = background, 255 = full ink).
using PixelMatrix = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic>;
/// \brief Read-only view of some columns of a PixelMatrix.
using ConstPixelsRef = Eigen::Ref<const PixelMatrix>;

/// \brief The A⁰ value of one pixel byte: v / 255 in float, rounded exactly as the script's X / 255.
[[nodiscard]] float pixelValue(std::uint8_t v);

/// \brief A⁰ = X / 255 for the given pixel columns. Shapes: X p × k → p × k. Any thread.
[[nodiscard]] Eigen::MatrixXf pixelsToA0(const ConstPixelsRef& X);

/// \brief The nearest pixel bytes to values in 0…1 (a drawn digit, say): round(255 a), clamped.
[[nodiscard]] PixelMatrix a0ToPixels(const Eigen::Ref<const Eigen::MatrixXf>& A0);

/// \brief A set of images and their digit labels, laid out the way the paper's equations want them.
///
/// Shapes: `X` is 784 × m pixel bytes (one column per image); A⁰ = X / 255.
/// `labels` is m × 1 with values 0–9. Any thread may read a Batch that no one mutates.
/// \see The lesson step that runs \f$A^0 = X\f$: \ref equation_forward_a0 "forward.a0".
struct Batch {
    PixelMatrix X;          ///< 784 × m, column j is image j, bytes 0…255
    Eigen::VectorXi labels; ///< m × 1, the digit (0–9) shown in column j of X

    /// \brief Number of images m (columns of X).
    [[nodiscard]] Eigen::Index size() const { return X.cols(); }
    /// \brief A⁰ = X / 255 for columns first … first + count − 1 (exact values, as shown on screen).
    [[nodiscard]] Eigen::MatrixXf A0(Eigen::Index first, Eigen::Index count) const {
        return pixelsToA0(X.middleCols(first, count));
    }
};

/// \brief Which chunks of 16 pixels of each image hold a nonzero pixel, marked once for a whole
/// matrix of images.
///
/// Z¹ = W¹A⁰ + b¹ and dW¹ = dZ¹A⁰ᵀ/m get nothing from a zero pixel (0 · w = 0), and about two
/// chunks in five of an MNIST digit are all background. The pixel kernels
/// (core/simd/pixel_products.hpp) skip those; without these marks they find them column by column
/// on every call. 8 bytes per image. Immutable once made; any thread may read it.
class NonzeroChunks {
public:
    /// \brief Marks the chunks of every column of \p X.
    explicit NonzeroChunks(const PixelMatrix& X);

    /// \brief The kernels' view of the marks from column \p first on.
    [[nodiscard]] simd::PixelChunks from(Eigen::Index first) const {
        return {m_masks.data() + static_cast<std::size_t>(first) * m_words, m_words};
    }
    /// \brief Number of columns marked.
    [[nodiscard]] Eigen::Index columns() const { return m_columns; }

private:
    Eigen::Index m_columns = 0;
    std::size_t m_words = 0;             // per column: simd::chunkWords(rows)
    std::vector<std::uint64_t> m_masks;  // column j's words at j · m_words
};

/// \brief The NonzeroChunks of \p batch's X, made on the first request and then shared by every
/// caller holding the same batch while any of them keeps it (the Steppers of a run, of its
/// restarts and of side-by-side runs all train on one immutable Batch). Any thread.
[[nodiscard]] std::shared_ptr<const NonzeroChunks> nonzeroChunksOf(const std::shared_ptr<const Batch>& batch);

} // namespace stepwise::core

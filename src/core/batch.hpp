// The data one training iteration runs on: images as columns of pixel bytes X, so that
// A⁰ = X / 255, and their labels. The bytes are kept as they are stored (a quarter of the
// floats' memory, read once per iteration); A⁰'s exact 0…1 values are made where they are shown.
#pragma once

#include <Eigen/Core>
#include <cstdint>

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

} // namespace stepwise::core

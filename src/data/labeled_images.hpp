// LabeledImages: MNIST-style 28x28 digit images and their labels exactly as read from disk,
// before any scaling or splitting. Every reader in stepwise::data returns one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace stepwise::data {

/// \brief Width and height of one image in pixels (MNIST and Kaggle both use 28 x 28).
inline constexpr std::size_t kImageSide = 28;
/// \brief Pixels in one image: 28 * 28 = 784, the rows of X = A⁰.
inline constexpr std::size_t kImagePixels = kImageSide * kImageSide;

/// \brief Raw images (bytes 0-255) and their digit labels (0-9), as stored in the file.
///
/// Layout: image-major, each image row-major, so pixel (row, col) of image i is
/// `pixels[i * 784 + row * 28 + col]`; `pixels.size() == count() * 784` and
/// `labels.size() == count()`. Any thread may read one that no one mutates.
struct LabeledImages {
    std::vector<std::uint8_t> pixels; ///< count() * 784 bytes, image-major, row-major 28 x 28
    std::vector<std::uint8_t> labels; ///< count() digits, each 0-9
    std::string origin;               ///< where the images came from, for display, e.g. the file names

    /// \brief Number of images.
    /// \return how many images (and labels) there are
    [[nodiscard]] std::size_t count() const noexcept { return labels.size(); }
};

} // namespace stepwise::data

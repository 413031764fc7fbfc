// readIdx: loads MNIST's IDX files (raw or gzip) into LabeledImages, refusing anything that
// is not exactly an unsigned-byte image file of 28x28 images and a matching label file.
#pragma once

#include "data/labeled_images.hpp"

#include <filesystem>

namespace stepwise::data {

/// \brief Reads an IDX image file and its IDX label file, each raw or gzip.
///
/// Images: big-endian magic `0x00000803` (unsigned byte, 3 dimensions), then count, rows and
/// columns (28 and 28), then count * 784 pixel bytes. Labels: magic `0x00000801`, count, then
/// count bytes 0-9. The counts must agree and nothing may follow the data. A file is gzip when it
/// starts with `1f 8b`; it is inflated as it is read, never into more than its header implies.
/// Any thread may call it; it shares no state.
/// \param images the `*-images-idx3-ubyte[.gz]` file
/// \param labels the `*-labels-idx1-ubyte[.gz]` file
/// \return the images with `origin` naming both files
/// \throws InputError for a missing, malformed, truncated or inconsistent file.
[[nodiscard]] LabeledImages readIdx(const std::filesystem::path& images, const std::filesystem::path& labels);

} // namespace stepwise::data

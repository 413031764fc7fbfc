// loadData: turns the one path a user gives (a Kaggle train.csv or a folder of MNIST IDX
// files) into training images and, when the path holds them, MNIST's separate test images.
#pragma once

#include "data/labeled_images.hpp"

#include <filesystem>
#include <optional>

namespace stepwise::data {

/// \brief The images a run trains on, and the held-out test set when the source has one.
struct DataSource {
    LabeledImages train;               ///< images to split into train and dev (splitPaperProtocol)
    std::optional<LabeledImages> test; ///< MNIST's t10k set; absent for a CSV or a single IDX pair
};

/// \brief Loads the data at \p path, whatever form it takes.
///
/// - a `.csv` (or `.csv.gz`) file: read with readKaggleCsv as the training images; no test set;
/// - a folder: its `*images-idx3-ubyte[.gz]` and `*labels-idx1-ubyte[.gz]` files (a `.` may stand
///   for the `-` before `idx`) are paired by the text before `images`/`labels`. When MNIST's
///   `train-` and `t10k-` pairs are both present they become train and test; a folder with
///   exactly one pair uses it as train. A raw file is preferred over its `.gz` twin.
///
/// Any thread may call it; it shares no state.
/// \param path a `.csv` file or a folder
/// \return the training images, and the test images when the folder holds MNIST's t10k pair
/// \throws InputError when the path is missing, is another kind of file, holds no usable pair or
///         several pairs without MNIST's names, or when a file in it is malformed.
[[nodiscard]] DataSource loadData(const std::filesystem::path& path);

} // namespace stepwise::data

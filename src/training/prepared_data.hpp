// From a data path to the batches one training run needs: the paper's shuffled train/dev split
// and, when present, MNIST's test set. Shared by `stepwise train`, `trace`, `render` and the window.
#pragma once

#include "core/batch.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>
#include <memory>
#include <string>

namespace stepwise::training {

/// \brief The batches of one run. Immutable once built, so any thread may read them.
struct PreparedData {
    std::shared_ptr<const core::Batch> train; ///< 784 × m training columns (m = 41,000 for MNIST)
    std::shared_ptr<const core::Batch> dev;   ///< 784 × 1,000 held-out columns
    std::shared_ptr<const core::Batch> test;  ///< MNIST's 10,000 test images, or null
    Eigen::Index totalRows = 0;               ///< images taken before the split (the script's m = 42,000)
    std::string origin;                       ///< where the data came from, for display
    /// \brief The names of the classes 0, 1, … when they are not digits (Fashion-MNIST's "T-shirt/top",
    /// "Trouser", …); empty for MNIST, whose classes are the digits themselves.
    std::vector<std::string> classNames;
};

/// \brief Fashion-MNIST's ten class names, in label order.
const std::vector<std::string>& fashionMnistClassNames();

/// \brief The class names of the data at \p path: Fashion-MNIST's when the path names it (a folder
/// or file whose name contains "fashion", as Debian's /usr/share/datasets/fashion-mnist does), else
/// none (digits). The files themselves do not say: Fashion-MNIST has MNIST's exact IDX format.
std::vector<std::string> classNamesFor(const std::filesystem::path& path);

/// \brief Loads \p path (a Kaggle CSV or a folder of IDX files), splits it by the paper's protocol
/// with \p seed, and optionally keeps only the first \p samples training columns (0 = all).
/// Throws data::InputError on bad input.
PreparedData prepareData(const std::filesystem::path& path, std::uint64_t seed, Eigen::Index samples = 0);

} // namespace stepwise::training

// readKaggleCsv: loads the Kaggle Digit Recognizer train.csv (the file the paper's script
// reads) into LabeledImages, reporting any bad cell by line and cell number.
#pragma once

#include "data/labeled_images.hpp"

#include <filesystem>

namespace stepwise::data {

/// \brief Reads a Kaggle Digit Recognizer `train.csv`.
///
/// Line 1 is the header `label,pixel0,pixel1,...,pixel783` (785 cells); every further line is
/// 785 unsigned integers: the label 0-9, then pixels 0-255 in row-major order
/// (`pixelK` is row K / 28, column K % 28). LF or CRLF line ends, a missing final newline,
/// a UTF-8 byte-order mark and blank lines at the very end are accepted; so is a gzip file.
/// Errors name the place as `line L, cell C (name)`, both 1-based, C counting cells, not characters.
/// Any thread may call it; it shares no state.
/// \param csv the file to read
/// \return the images with `origin` set to the file name
/// \throws InputError for a missing or empty file, a wrong header, no rows, a row with too few or
///         too many cells, or a cell that is not an integer in range.
[[nodiscard]] LabeledImages readKaggleCsv(const std::filesystem::path& csv);

} // namespace stepwise::data

// NumPy .npy files: the writer exports tensors (X, labels, weights) for checking in Python;
// the reader loads them back, mainly so tests can round-trip what the writer wrote.
// Any thread may call these functions; they share no state.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace stepwise::data {

/// \brief Writes \p matrix as a NumPy .npy v1.0 file: dtype `<f4`, C order, shape (rows, cols).
///
/// Element (r, c) of the matrix is `np.load(file)[r, c]`. The header is padded with spaces so
/// the data starts at a multiple of 64 bytes, and ends in a newline.
/// \param file   where to write; replaced if it exists
/// \param matrix any float matrix or block of one, rows × cols
/// \throws std::runtime_error naming \p file when it cannot be written.
void writeNpy(const std::filesystem::path& file, const Eigen::Ref<const Eigen::MatrixXf>& matrix);

/// \brief Writes \p labels as a 1-D NumPy .npy v1.0 file of dtype `<i8` (NumPy's default int64).
/// \param file   where to write; replaced if it exists
/// \param labels m integers, for example Batch::labels
/// \throws std::runtime_error naming \p file when it cannot be written.
void writeNpy(const std::filesystem::path& file, const Eigen::Ref<const Eigen::VectorXi>& labels);

/// \brief The contents of a .npy file: its dtype, shape and values in C order.
struct NpyArray {
    std::string dtype;              ///< `<f4` or `<i8`
    std::vector<std::size_t> shape; ///< e.g. {784, 42000}, or {m} for labels
    std::vector<float> f32;         ///< the values when dtype is `<f4`, C order
    std::vector<std::int64_t> i64;  ///< the values when dtype is `<i8`, C order

    /// \brief Number of elements.
    /// \return the product of the shape (1 for a 0-d array)
    [[nodiscard]] std::size_t size() const noexcept;
};

/// \brief Reads a .npy file (v1.0, v2.0 or v3.0) of dtype `<f4` or `<i8` in C order.
/// \param file the file to read
/// \return its dtype, shape and values
/// \throws InputError for a missing or malformed file, another dtype, Fortran order, or data that
///         does not match the shape.
[[nodiscard]] NpyArray readNpy(const std::filesystem::path& file);

} // namespace stepwise::data

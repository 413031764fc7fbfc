// The data one training iteration runs on: images as columns of A⁰ = X, and their labels.
#pragma once

#include <Eigen/Core>
#include <cstdint>

namespace stepwise::core {

/// \brief A set of images and their digit labels, laid out the way the paper's equations want them.
///
/// Shapes: `X` is 784 × m (one column per image, pixels scaled to 0…1 by 1/255),
/// `labels` is m × 1 with values 0–9. Any thread may read a Batch that no one mutates.
/// \see The lesson step that runs \f$A^0 = X\f$: \ref equation_forward_a0 "forward.a0".
struct Batch {
    Eigen::MatrixXf X;      ///< 784 × m, column j is image j, values in [0, 1]
    Eigen::VectorXi labels; ///< m × 1, the digit (0–9) shown in column j of X

    /// \brief Number of images m (columns of X).
    [[nodiscard]] Eigen::Index size() const { return X.cols(); }
};

} // namespace stepwise::core

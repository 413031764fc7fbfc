// Live checks the lesson screen shows: an equation's matrix shapes, backpropagation against
// finite differences, and the corrected math against the paper's script on the same batch.
#pragma once

#include "core/batch.hpp"
#include "core/network_config.hpp"
#include "training/snapshot.hpp"

#include <Eigen/Core>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace stepwise::app {

/// \brief One line of a live check: a name and two numbers to compare.
struct CheckRow {
    std::string name;      ///< e.g. "W1[3, 573]" or "loss L"
    double backprop = 0.0; ///< backpropagation's value (or the corrected math's)
    double numeric = 0.0;  ///< the finite difference (or the paper's script's value)
    double relative = 0.0; ///< |a − b| / (|a| + |b|), for the gradient check
    bool chosen = false;   ///< the entry a lesson step asked for, not one picked by its gradient
};

/// \brief Named tensors as a training snapshot holds them.
using TensorMap = std::map<std::string, Eigen::MatrixXf, std::less<>>;

/// \brief "(10×784)·(784×m) + (10×1) → 10×m     (m = 41,000)" for equation \p id of the
/// network \p snapshot comes from: the catalogue's shape rule and the snapshot's m. In the
/// paper-faithful mode the gradients' divisor is named too: "(m = 41,000; m_all = 42,000)".
std::string shapeLine(const training::TrainingSnapshot& snapshot, const std::string& id);

/// \brief The finite-difference step ε of gradientCheck(). The forward pass runs in float32, so
/// a loss near 1 carries rounding noise around 1e-7; divided by 2ε = 0.02 that stays near 1e-5,
/// well below the gradients checked, while the chord's h² error is smaller still (lesson 7 says so).
inline constexpr float kFiniteDifferenceStep = 0.01f;

/// \brief One parameter entry to check: a weight "W1" (row, column) or a bias "b2" (row, 0).
struct CheckedEntry {
    std::string tensor;  ///< "W1", "b2", … (a weight or a bias of the network)
    Eigen::Index row = 0; ///< row of the entry
    Eigen::Index col = 0; ///< column (0 for a bias)
};

/// \brief Central finite differences (L(w+ε) − L(w−ε)) / 2ε, ε = kFiniteDifferenceStep, on the
/// whole \p batch, beside backprop's dW and db from \p tensors (which must hold W1, b1, …, dW1,
/// db1, … of one iteration): first the \p chosen entries (those a lesson step is about, marked
/// CheckRow::chosen), then the weights and biases with the largest gradients. Any thread.
std::vector<CheckRow> gradientCheck(core::NetworkConfig config, TensorMap tensors,
                                    std::shared_ptr<const core::Batch> batch, std::vector<CheckedEntry> chosen = {});

/// \brief One iteration from the parameters in \p tensors on \p batch with the corrected math and
/// with the paper's script (m = \p paperRows, scalar bias gradient, softmax without the max):
/// m, loss, a few db and dW entries, and non-finite entries of A2. Any thread.
std::vector<CheckRow> comparePaper(core::NetworkConfig config, TensorMap tensors,
                                   std::shared_ptr<const core::Batch> batch, Eigen::Index paperRows);

} // namespace stepwise::app

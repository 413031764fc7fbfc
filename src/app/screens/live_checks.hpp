// Live checks the lesson screen shows: an equation's matrix shapes, backpropagation against
// finite differences, and the corrected math against the paper's script on the same batch.
#pragma once

#include "core/batch.hpp"
#include "core/network_config.hpp"
#include "training/snapshot.hpp"

#include <Eigen/Core>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace stepwise::app {

/// \brief One line of a live check: a name and two numbers to compare.
struct CheckRow {
    std::string name;      ///< e.g. "W1[3, 573]" or "loss L"
    std::string shortName; ///< a shorter name where the table is narrow ("L"); empty: the same as name
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

/// \brief "m = 41,000" for \p snapshot, with the paper-faithful divisor when it differs:
/// "m = 41,000; m_all = 42,000".
std::string batchSizeLine(const training::TrainingSnapshot& snapshot);

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

/// \brief The loss along one parameter: L(w) for values of one weight or bias around its own, every
/// other parameter held where it is. The tangent at the middle has backprop's gradient as its slope.
struct LossSlice {
    std::string name;         ///< the entry, e.g. "W2[3, 5]"
    std::vector<double> w;    ///< the entry's values, ascending; w[w.size() / 2] is w0
    std::vector<double> loss; ///< L at each value, on the whole batch
    double w0 = 0.0;          ///< the entry's value now
    double loss0 = 0.0;       ///< L at w0
    double gradient = 0.0;    ///< backprop's dL/dw at w0, from core's equations: the tangent's slope
    double step = 0.0;        ///< how far this iteration's update moves the entry (−α·dW for gradient descent)
    double lossAfterStep = 0.0; ///< L(w0 + step) with the other parameters held
};

/// \brief What a panel's background job returns: a check's rows or a loss slice.
struct BackgroundResult {
    std::vector<CheckRow> rows;     ///< gradient check or corrected-against-paper rows
    std::optional<LossSlice> slice; ///< a loss-slice view's curve
};

/// \brief L(w) at \p points values of \p entry (odd, at least 3) spread evenly over w0 ± radius
/// on the whole \p batch, from the parameters in \p tensors (W1, b1, …). Backprop's gradient and
/// the update's step come from one iteration of core::Stepper from those parameters (m =
/// \p paperRows in the paper-faithful mode, as comparePaper()); momentum and Adam start that
/// iteration from zero state, so their step is a first step's. The radius is 0.5, the scale of
/// the first weights (so the curve's bend shows), or 8 steps when that is more (at most 2).
/// Any thread.
LossSlice lossSlice(core::NetworkConfig config, TensorMap tensors, std::shared_ptr<const core::Batch> batch,
                    CheckedEntry entry, Eigen::Index paperRows = 0, int points = 41);

/// \brief One iteration from the parameters in \p tensors on \p batch with the corrected math and
/// with the paper's script (m = \p paperRows, scalar bias gradient, softmax without the max):
/// m, loss, a few db and dW entries, and non-finite entries of A2. Any thread.
std::vector<CheckRow> comparePaper(core::NetworkConfig config, TensorMap tensors,
                                   std::shared_ptr<const core::Batch> batch, Eigen::Index paperRows);

} // namespace stepwise::app

// What the UI sees of training: an immutable picture of the network at one moment, published by
// the trainer thread and read by any number of frames without locks.
#pragma once

#include "core/batch.hpp"
#include "core/network_config.hpp"
#include "core/parameters.hpp"

#include <Eigen/Core>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace stepwise::training {

/// \brief Whether the trainer is running, paused, or stopped because training blew up.
enum class TrainerState {
    Paused,  ///< waiting for a command
    Running, ///< iterating continuously
    Diverged ///< stopped: the loss or the parameters stopped being finite or exploded
};

/// \brief One point of the training history.
struct HistoryPoint {
    long iteration = 0;          ///< completed iterations
    double loss = 0.0;           ///< cross-entropy of that iteration
    double trainAccuracy = 0.0;  ///< training accuracy, from A^L before the update
    double devAccuracy = -1.0;   ///< dev accuracy after the update (−1 when not measured)
    double seconds = 0.0;        ///< CPU seconds of every thread's training work up to this point (not kept in checkpoints)
};

/// \brief Immutable state of training at one moment. Built by the trainer thread; read-only after.
///
/// While training runs, tensors whose columns are the m training images (Z1, A1, …, Y, dZ1,
/// dZ2) hold only the first `sampleColumns` (`windowed` is true); when paused or stepping they
/// are whole. Parameter-shaped ones (W1, dW1, b1_after, …) are always whole. A0 holds the first
/// Trainer::a0Window columns as floats, made once and shared by every snapshot; any other column
/// comes from the batch's bytes (core::Batch::A0).
struct TrainingSnapshot {
    core::NetworkConfig config;           ///< network and training rule in force
    long iteration = 0;                   ///< completed iterations
    std::size_t position = 0;             ///< equations executed in the current iteration (0…N)
    std::vector<std::string> equationIds; ///< the iteration's equations in order
    TrainerState state = TrainerState::Paused; ///< running, paused or diverged
    std::string message;                  ///< status line, e.g. why training diverged
    double loss = 0.0;                    ///< loss of the latest completed iteration
    double trainAccuracy = 0.0;           ///< training accuracy of the latest completed iteration
    double devAccuracy = 0.0;             ///< dev accuracy of the current parameters
    double testAccuracy = -1.0;           ///< MNIST test accuracy when measured (−1: not measured)
    double iterationsPerSecond = 0.0;     ///< measured rate while running
    double computeSeconds = 0.0;          ///< CPU seconds the iterations since the last reset used, on every thread
    double targetIterationsPerSecond = 0.0; ///< speed limit (0 = full speed)
    Eigen::Index trainColumns = 0;        ///< m
    Eigen::Index paperRows = 0;           ///< rows the script divides by in paper-faithful mode (42,000)
    bool miniBatch = false;               ///< each iteration runs on a mini-batch of trainColumns columns
    long optimizerSteps = 0;              ///< the optimiser's step count t now (after the update at position N)
    long optimizerStepsBefore = 0;        ///< t before the current iteration's update

    /// \brief The m that divides every gradient, as core::Stepper::gradientDivisor() has it:
    /// trainColumns, or paperRows (42,000) in the paper-faithful mode on the full batch (erratum 7).
    [[nodiscard]] Eigen::Index gradientDivisor() const {
        return config.paperFaithful && paperRows > 0 && !miniBatch ? paperRows : trainColumns;
    }

    core::Parameters parameters;          ///< the current parameters
    std::map<std::string, Eigen::MatrixXf, std::less<>> tensors; ///< available tensors by name (see above)
    std::shared_ptr<const core::Batch> batch; ///< the iteration's batch (the mini-batch in sgd runs): pixel bytes X (A0 = X / 255) and the labels
    std::shared_ptr<const Eigen::MatrixXf> a0Window; ///< A0 of the first Trainer::a0Window columns, shared
    bool windowed = false;                ///< per-column tensors hold only sampleColumns
    Eigen::VectorXi sampleColumns;        ///< which training columns the window holds
    Eigen::VectorXi sampleLabels;         ///< their labels

    std::vector<HistoryPoint> history;    ///< one point per completed iteration (thinned when long)
    Eigen::MatrixXi confusion;            ///< 10 × 10 dev-set counts, rows = actual, columns = predicted
    std::vector<std::string> classNames;  ///< the data's class names (Fashion-MNIST), empty for digits
    Eigen::VectorXi devLabels;            ///< the first dev labels (for the prediction gallery)
    Eigen::VectorXi devPredictions;       ///< predictions for those dev images
    Eigen::MatrixXf devImages;            ///< 784 × k: those dev images

    /// \brief A tensor by name, or null when it is not available at this position.
    [[nodiscard]] const Eigen::MatrixXf* tensor(std::string_view name) const {
        if (name == "A0") return a0Window.get(); // the first columns only: see a0Window
        const auto it = tensors.find(name);
        return it == tensors.end() ? nullptr : &it->second;
    }
};

} // namespace stepwise::training

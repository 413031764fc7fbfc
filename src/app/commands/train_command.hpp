// `stepwise train` and `stepwise trace`: the paper's protocol on the command line, and the
// export of every named tensor of one iteration as .npy files for checking in NumPy.
#pragma once

#include "core/network_config.hpp"

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace stepwise::app {

/// \brief Options of `stepwise train`.
struct TrainOptions {
    std::filesystem::path data;    ///< Kaggle CSV or IDX folder
    long iterations = 500;         ///< full-batch iterations
    long every = 50;               ///< print a line every this many iterations
    bool json = false;             ///< print one JSON object instead of text
    core::NetworkConfig network;   ///< sizes, activation, α, init, seed, paper-faithful
    /// \brief When set, a checkpoint of the trained network is written here (training::saveCheckpoint)
    /// for `stepwise --load`: lesson id "" (the window's default lesson), step 0, position 0.
    std::filesystem::path save;
};

/// \brief Runs `stepwise train`; writes results to \p out and progress to \p err. Returns the exit code.
/// \throws std::runtime_error naming the file when TrainOptions::save cannot be written.
int runTrain(const TrainOptions& options, std::ostream& out, std::ostream& err);

/// \brief Options of `stepwise trace`.
struct TraceOptions {
    std::filesystem::path data;   ///< Kaggle CSV or IDX folder
    std::filesystem::path out;    ///< folder for the .npy files and manifest.json
    long iteration = 0;           ///< which iteration to write (after training this many)
    long samples = 0;             ///< train on the first M training images only (0 = all)
    core::NetworkConfig network;  ///< sizes, activation, α, init, seed, paper-faithful
};

/// \brief Runs `stepwise trace`. Returns the exit code.
int runTrace(const TraceOptions& options, std::ostream& out, std::ostream& err);

/// \brief The tensors of one moment of an iteration, as writeTensorFolder() writes them.
struct TensorFolder {
    long iteration = 0;               ///< \brief completed iterations before this one
    core::NetworkConfig network;      ///< \brief the network and its training rule
    long long gradientDivisor = 0;    ///< \brief m that divides the gradients (batch size, or 42,000 paper-faithful)
    double loss = 0.0;                ///< \brief loss L of this iteration, NaN (written as null) before loss.ce
    long long batch = 0;              ///< \brief columns of this iteration: the training set, or the mini-batch B
    long optimizerSteps = 0;          ///< \brief the optimiser's step count t after this iteration's update
    /// \brief The tensor \p name, or nothing when it is not available; asked for every name of
    /// core::tensorNames(network), in that order. The map must stay valid until the next call.
    std::function<std::optional<Eigen::Map<const Eigen::MatrixXf>>(const std::string& name)> tensor;
    Eigen::VectorXi labels;           ///< \brief the label of every column of A0
    /// \brief Tensors (and "labels") that hold only some columns of the batch; their manifest
    /// entries list those columns as `"columns"`. Empty when every tensor is whole.
    std::vector<std::string> partial;
    std::vector<int> columns;         ///< \brief the batch columns (sample indices) the #partial tensors hold
    nlohmann::json extra = nlohmann::json::object(); ///< \brief more top-level manifest keys
};

/// \brief Writes `NAME.npy` for every available tensor, `labels.npy`, and `manifest.json`:
/// `iteration`, `network` (hidden, activation, alpha, init, seed, paper_faithful,
/// gradient_divisor_m), `optimizer` (name, alpha, batch, t, and beta for momentum or beta1,
/// beta2, epsilon for Adam), `loss`, and `tensors` (per name: file, shape, dtype, the id of the
/// equation that produces it or null, and `columns` for a partial one), plus the keys of
/// TensorFolder::extra. The format of `stepwise trace`, read by tests/app/check_trace.py.
/// Any thread.
/// \param dir    the folder, created if needed; files of the same names are replaced
/// \param folder what to write
/// \return the number of .npy files written (labels included)
/// \throws std::runtime_error naming the file that cannot be written.
std::size_t writeTensorFolder(const std::filesystem::path& dir, const TensorFolder& folder);

} // namespace stepwise::app

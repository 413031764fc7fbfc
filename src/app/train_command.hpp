// `stepwise train` and `stepwise trace`: the paper's protocol on the command line, and the
// export of every named tensor of one iteration as .npy files for checking in NumPy.
#pragma once

#include "core/network_config.hpp"

#include <cstdint>
#include <filesystem>
#include <iosfwd>

namespace stepwise::app {

/// \brief Options of `stepwise train`.
struct TrainOptions {
    std::filesystem::path data;    ///< Kaggle CSV or IDX folder
    long iterations = 500;         ///< full-batch iterations
    long every = 50;               ///< print a line every this many iterations
    bool json = false;             ///< print one JSON object instead of text
    core::NetworkConfig network;   ///< sizes, activation, α, init, seed, paper-faithful
};

/// \brief Runs `stepwise train`; writes results to \p out and progress to \p err. Returns the exit code.
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

} // namespace stepwise::app

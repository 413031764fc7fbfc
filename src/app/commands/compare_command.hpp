// `stepwise compare`: several runs (core::RunSpec) trained side by side on the same data split
// and seed, each on its own thread, written out as curves.csv, summary.md, curves.png and a JSON
// summary.
#pragma once

#include "core/network_config.hpp"

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace stepwise::app {

/// \brief Options of `stepwise compare`.
struct CompareOptions {
    std::vector<std::string> runs;  ///< one run spec per run (core::parseRunSpec), in order
    long iterations = 500;          ///< iterations per run
    std::filesystem::path out;      ///< folder for curves.csv, summary.md and curves.png
    std::filesystem::path data;     ///< Kaggle CSV or IDX folder
    core::NetworkConfig base;       ///< what every spec starts from (the seed is shared)
    bool json = false;              ///< print a JSON summary on stdout instead of text
};

/// \brief Runs `stepwise compare`: trains every run on its own thread (the operating system
/// shares the cores between them, so a costly run advances slower but never starves the
/// others) and writes DIR/curves.csv, DIR/summary.md and DIR/curves.png (the loss and dev
/// accuracy of every run against the iteration). Seconds are each run's own compute time (its
/// thread's CPU clock). Returns 0; 2 on a malformed spec (one line on \p err, nothing trained);
/// 1 without an X display, after writing the CSV and the table (one line on \p err says so).
/// \throws std::runtime_error naming the file when the output cannot be written.
int runCompare(const CompareOptions& options, std::ostream& out, std::ostream& err);

} // namespace stepwise::app

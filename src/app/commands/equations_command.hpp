// `stepwise equations`: the equation catalogue printed for one network configuration, as a
// teacher's cheat-sheet (text) or for scripts and tests (--json).
#pragma once

#include "core/network_config.hpp"

#include <ostream>

namespace stepwise::app {

/// \brief Options of `stepwise equations`.
struct EquationsOptions {
    core::NetworkConfig network; ///< the network whose equations are printed
    bool json = false;           ///< one JSON array instead of text
};

/// \brief Prints every equation of one iteration of the network in execution order: id, TeX,
/// shape rule and implementing function (and, with --json, layer, reads and writes). Returns 0.
int runEquations(const EquationsOptions& options, std::ostream& out);

} // namespace stepwise::app

// A ParallelFor for the fused iteration: the block shards run on two threads.
#pragma once

#include "core/stepper.hpp"

namespace stepwise::training {

/// \brief Runs body(0…n−1) with body(0) on the calling thread and the others on short-lived
/// threads, returning when all have finished. Falls back to one thread on single-core machines.
void runOnThreads(int n, const std::function<void(int)>& body);

/// \brief One iteration's scores, computed from the stepper's A^L after runIteration().
struct IterationScores {
    double loss = 0.0;          ///< cross-entropy L of the iteration
    double trainAccuracy = 0.0; ///< share of training columns whose A^L argmax matched, before the update
};

/// \brief Loss and training accuracy of the iteration the stepper just completed.
IterationScores scoreIteration(const core::Stepper& stepper);

} // namespace stepwise::training

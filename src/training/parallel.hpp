// A ParallelFor for the fused iteration: the block shards run on two threads.
#pragma once

#include "core/stepper.hpp"

namespace stepwise::training {

/// \brief Runs body(0…n−1) with body(0) on the calling thread and the others on short-lived
/// threads, returning when all have finished. Falls back to one thread on single-core machines.
void runOnThreads(int n, const std::function<void(int)>& body);

/// \brief CPU seconds the calling thread has used so far: its compute, not the wall-clock time it
/// spent waiting for a core (CLOCK_THREAD_CPUTIME_ID).
double threadCpuSeconds();

/// \brief runOnThreads that also adds to \p cpuSeconds the CPU time of the bodies run on the
/// other threads (body(0)'s time belongs to the calling thread's own clock).
void runOnThreadsCounted(int n, const std::function<void(int)>& body, double& cpuSeconds);

/// \brief One iteration's scores, computed from the stepper's A^L after runIteration().
struct IterationScores {
    double loss = 0.0;          ///< cross-entropy L of the iteration
    double trainAccuracy = 0.0; ///< share of training columns whose A^L argmax matched, before the update
};

/// \brief Loss and training accuracy of the iteration the stepper just completed.
IterationScores scoreIteration(const core::Stepper& stepper);

} // namespace stepwise::training

// A ParallelFor for the fused iteration: the block shards run on every core, each core taking
// the next shard not yet taken.
#pragma once

#include "core/stepper.hpp"

#include <atomic>
#include <chrono>

namespace stepwise::training {

/// \brief Runs body(0…n−1) on the calling thread and one short-lived helper thread per further
/// core, each taking the next index not yet taken; returns when all have finished. Which thread
/// runs which body varies; the Stepper's shards keep their own partial sums, so the numbers do not.
/// One thread on single-core machines.
void runOnThreads(int n, const std::function<void(int)>& body);

/// \brief CPU seconds the calling thread has used so far: its compute, not the wall-clock time it
/// spent waiting for a core (CLOCK_THREAD_CPUTIME_ID).
double threadCpuSeconds();

/// \brief runOnThreads that also adds to \p cpuSeconds the CPU time of the helper threads (the
/// calling thread's time is on its own clock). While \p pauseHelpers is set, helpers take no new
/// body (for at most \p maxPause in all), so the calling thread does the rest: the trainer lends
/// the window a core this way while a frame is drawn.
void runOnThreadsCounted(int n, const std::function<void(int)>& body, double& cpuSeconds,
                         const std::atomic<bool>* pauseHelpers = nullptr,
                         std::chrono::milliseconds maxPause = std::chrono::milliseconds(0));

/// \brief One iteration's scores, computed from the stepper's A^L after runIteration().
struct IterationScores {
    double loss = 0.0;          ///< cross-entropy L of the iteration
    double trainAccuracy = 0.0; ///< share of training columns whose A^L argmax matched, before the update
};

/// \brief Loss and training accuracy of the iteration the stepper just completed.
IterationScores scoreIteration(const core::Stepper& stepper);

} // namespace stepwise::training

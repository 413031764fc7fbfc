// runOnThreads and scoreIteration.
#include "training/parallel.hpp"

#include <algorithm>
#include <ctime>
#include <thread>
#include <vector>

namespace stepwise::training {

void runOnThreads(int n, const std::function<void(int)>& body) {
    if (n <= 1 || std::thread::hardware_concurrency() < 2) {
        core::runSequentially(n, body);
        return;
    }
    std::vector<std::jthread> others;
    for (int i = 1; i < n; ++i) others.emplace_back([&body, i] { body(i); });
    body(0);
}

double threadCpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

void runOnThreadsCounted(int n, const std::function<void(int)>& body, double& cpuSeconds) {
    if (n <= 1 || std::thread::hardware_concurrency() < 2) {
        core::runSequentially(n, body); // all on the calling thread: its own clock counts it
        return;
    }
    std::vector<double> used(static_cast<std::size_t>(std::max(n, 1)), 0.0);
    runOnThreads(n, [&](int i) {
        if (i == 0) return body(0);
        const double start = threadCpuSeconds();
        body(i);
        used[static_cast<std::size_t>(i)] = threadCpuSeconds() - start; // each shard writes only its own slot
    });
    for (double u : used) cpuSeconds += u;
}

IterationScores scoreIteration(const core::Stepper& stepper) {
    IterationScores s;
    s.loss = stepper.loss();
    const auto L = std::to_string(stepper.config().layers());
    if (auto A = stepper.tensor("A" + L)) s.trainAccuracy = core::accuracy(*A, stepper.batch().labels);
    return s;
}

} // namespace stepwise::training

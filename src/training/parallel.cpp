// runOnThreads and scoreIteration.
#include "training/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <thread>
#include <vector>

namespace stepwise::training {

namespace {
/// The bodies 0…n−1 on the calling thread and one helper per further core, each taking the next
/// body not yet taken. Before taking one, a helper waits while *pause is set (at most maxPause
/// in all), so the calling thread then does the rest. helperSeconds, when given, gains the CPU
/// time of the helpers.
void runPooled(int n, const std::function<void(int)>& body, const std::atomic<bool>* pause,
               std::chrono::milliseconds maxPause, double* helperSeconds) {
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const int helpers = std::min(n, cores) - 1;
    if (helpers <= 0) {
        core::runSequentially(n, body);
        return;
    }
    std::atomic<int> next{0};
    std::vector<double> used(static_cast<std::size_t>(helpers), 0.0);
    const auto work = [&](int helper) {
        const double start = helper >= 0 ? threadCpuSeconds() : 0.0;
        const auto giveUp = std::chrono::steady_clock::now() + maxPause;
        for (;;) {
            if (helper >= 0 && pause != nullptr)
                while (pause->load(std::memory_order_relaxed) && std::chrono::steady_clock::now() < giveUp)
                    std::this_thread::sleep_for(std::chrono::microseconds(200));
            const int i = next.fetch_add(1, std::memory_order_relaxed);
            if (i >= n) break;
            body(i);
        }
        if (helper >= 0) used[static_cast<std::size_t>(helper)] = threadCpuSeconds() - start; // its own slot
    };
    {
        std::vector<std::jthread> others;
        for (int h = 0; h < helpers; ++h) others.emplace_back(work, h);
        work(-1);
    } // the helpers are joined here
    if (helperSeconds != nullptr)
        for (double u : used) *helperSeconds += u;
}
} // namespace

void runOnThreads(int n, const std::function<void(int)>& body) {
    runPooled(n, body, nullptr, std::chrono::milliseconds(0), nullptr);
}

double threadCpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

void runOnThreadsCounted(int n, const std::function<void(int)>& body, double& cpuSeconds,
                         const std::atomic<bool>* pauseHelpers, std::chrono::milliseconds maxPause) {
    runPooled(n, body, pauseHelpers, maxPause, &cpuSeconds);
}

IterationScores scoreIteration(const core::Stepper& stepper) {
    IterationScores s;
    s.loss = stepper.loss();
    const auto L = std::to_string(stepper.config().layers());
    if (auto A = stepper.tensor("A" + L)) s.trainAccuracy = core::accuracy(*A, stepper.batch().labels);
    return s;
}

} // namespace stepwise::training

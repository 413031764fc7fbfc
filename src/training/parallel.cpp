// runOnThreads and scoreIteration.
#include "training/parallel.hpp"

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

IterationScores scoreIteration(const core::Stepper& stepper) {
    IterationScores s;
    s.loss = stepper.loss();
    const auto L = std::to_string(stepper.config().layers());
    if (auto A = stepper.tensor("A" + L)) s.trainAccuracy = core::accuracy(*A, stepper.batch().labels);
    return s;
}

} // namespace stepwise::training

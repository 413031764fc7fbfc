// Times one full-batch training iteration of the 784-10-10 network at m = 41,000 (the paper's
// protocol), fused on two threads as the trainer runs it, the wider 784-128-10 and
// 784-128-64-10 networks the same way, each equation alone as the step-by-step lesson runs it,
// and the real Trainer at full speed on MNIST with no window (bench/compare.sh sets that beside
// the window's own rate). All on the paper's 41,000 training images (see paperSizedBatch).
#include "core/stepper.hpp"
#include "training/parallel.hpp"
#include "training/prepared_data.hpp"
#include "training/trainer.hpp"

#include <benchmark/benchmark.h>
#include <filesystem>
#include <random>
#include <thread>
#include <vector>

namespace {

/// The paper's training set: the 41,000 MNIST images its split trains on (data/mnist, seed 0).
/// The pixel kernels skip chunks of background, so the time depends on the images: real ones,
/// not noise. Without data/mnist (run scripts/setup.sh), synthetic digits of the same shape: a
/// random 20 × 20 box of ink, a fifth of its pixels lit, in each 28 × 28 image.
std::shared_ptr<const stepwise::core::Batch> paperSizedBatch() {
    static const auto batch = []() -> std::shared_ptr<const stepwise::core::Batch> {
        const std::filesystem::path mnist = std::filesystem::path(STEPWISE_SOURCE_DIR) / "data" / "mnist";
        if (std::filesystem::exists(mnist)) return stepwise::training::prepareData(mnist, 0).train;
        auto b = std::make_shared<stepwise::core::Batch>();
        std::mt19937 rng(1);
        b->X = stepwise::core::PixelMatrix::Zero(784, 41000);
        for (Eigen::Index j = 0; j < b->X.cols(); ++j) {
            const int top = static_cast<int>(rng() % 9), left = static_cast<int>(rng() % 9);
            for (int k = 0; k < 150; ++k) {
                const int row = top + static_cast<int>(rng() % 20), column = left + static_cast<int>(rng() % 20);
                b->X(row * 28 + column, j) = static_cast<std::uint8_t>(1 + rng() % 255);
            }
        }
        b->labels.resize(41000);
        for (Eigen::Index j = 0; j < 41000; ++j) b->labels(j) = static_cast<int>(rng() % 10);
        return b;
    }();
    return batch;
}

void fusedIteration(benchmark::State& state, bool threads, std::vector<int> hidden = {10}) {
    stepwise::core::NetworkConfig config;
    config.hidden = std::move(hidden);
    stepwise::core::Stepper stepper(config, stepwise::core::initialParameters(config), paperSizedBatch());
    for (auto _ : state) {
        if (threads)
            stepper.runIteration(stepwise::training::runOnThreads);
        else
            stepper.runIteration();
        benchmark::DoNotOptimize(stepper.loss());
    }
    state.counters["ms_per_iteration"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_FusedIterationTwoThreads(benchmark::State& state) { fusedIteration(state, true); }
void BM_FusedIterationOneThread(benchmark::State& state) { fusedIteration(state, false); }
// The wide and the deep network of the paper's Discussion, each against its own bound in bench/compare.sh.
void BM_FusedIterationHidden128(benchmark::State& state) { fusedIteration(state, true, {128}); }
void BM_FusedIterationHidden128x64(benchmark::State& state) { fusedIteration(state, true, {128, 64}); }

/// The window's Trainer (same data as `stepwise` opens: data/mnist, seed 0; same priority as
/// under the window) playing at full speed for 20 s with nothing drawn. Counter: iterations/s.
void BM_TrainerAlone(benchmark::State& state) {
    using namespace stepwise;
    const std::filesystem::path mnist = std::filesystem::path(STEPWISE_SOURCE_DIR) / "data" / "mnist";
    if (!std::filesystem::exists(mnist)) {
        state.SkipWithError("data/mnist is missing: run scripts/setup.sh");
        return;
    }
    training::Trainer trainer(core::NetworkConfig{}, training::prepareData(mnist, 0));
    trainer.send(training::command::YieldToInterface{});
    trainer.send(training::command::Play{});
    for (auto _ : state) {
        std::this_thread::sleep_for(std::chrono::seconds(2)); // past the first iterations
        const long first = trainer.latest()->iteration;
        const auto start = std::chrono::steady_clock::now();
        std::this_thread::sleep_for(std::chrono::seconds(20));
        const long last = trainer.latest()->iteration;
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        state.counters["iterations_per_second"] = static_cast<double>(last - first) / seconds;
    }
    trainer.send(training::command::Pause{});
}

void BM_Equation(benchmark::State& state) {
    stepwise::core::NetworkConfig config;
    stepwise::core::Stepper stepper(config, stepwise::core::initialParameters(config), paperSizedBatch());
    const auto index = static_cast<std::size_t>(state.range(0));
    state.SetLabel(stepper.equations()[index].id);
    for (auto _ : state) {
        state.PauseTiming();
        while (stepper.position() != index) {
            if (stepper.position() > index) stepper.stepBack();
            else stepper.step();
        }
        state.ResumeTiming();
        stepper.step(stepwise::training::runOnThreads); // as the trainer steps it: both cores
    }
}

} // namespace

BENCHMARK(BM_FusedIterationTwoThreads)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_FusedIterationOneThread)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_FusedIterationHidden128)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_FusedIterationHidden128x64)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_TrainerAlone)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_Equation)->DenseRange(0, 16)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();

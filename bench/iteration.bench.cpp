// Times one full-batch training iteration of the 784-10-10 network at m = 41,000 (the paper's
// protocol), fused on two threads as the trainer runs it, plus each equation alone as the
// step-by-step lesson runs it. Synthetic pixels: the arithmetic does not depend on the values.
#include "core/stepper.hpp"
#include "training/parallel.hpp"

#include <benchmark/benchmark.h>
#include <random>
#include <vector>

namespace {

std::shared_ptr<const stepwise::core::Batch> paperSizedBatch() {
    static const auto batch = [] {
        auto b = std::make_shared<stepwise::core::Batch>();
        std::mt19937 rng(1);
        b->X = stepwise::core::PixelMatrix::Zero(784, 41000);
        for (Eigen::Index j = 0; j < b->X.cols(); ++j)
            for (int k = 0; k < 200; ++k) b->X(static_cast<Eigen::Index>(rng() % 784), j) = static_cast<std::uint8_t>(rng() % 256);
        b->labels.resize(41000);
        for (Eigen::Index j = 0; j < 41000; ++j) b->labels(j) = static_cast<int>(rng() % 10);
        return std::shared_ptr<const stepwise::core::Batch>(std::move(b));
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
        stepper.step();
    }
}

} // namespace

BENCHMARK(BM_FusedIterationTwoThreads)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_FusedIterationOneThread)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_FusedIterationHidden128)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_FusedIterationHidden128x64)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Equation)->DenseRange(0, 16)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();

// Frame time of the lesson screen while the trainer runs at full speed in the same program:
// each benchmark iteration takes the newest snapshot and draws one frame of a lesson step
// into an off-screen texture, as the window loop does. Reports median and p99 in ms.
// Needs an X display: run under xvfb-run -a -s "-screen 0 1920x1080x24".
#include "app/screens/lesson_screen.hpp"
#include "lessons/lesson_parser.hpp"
#include "training/trainer.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <random>

namespace {

stepwise::training::PreparedData paperSizedData() {
    auto make = [](Eigen::Index n, unsigned seed) {
        std::mt19937 rng(seed);
        auto b = std::make_shared<stepwise::core::Batch>();
        b->X = stepwise::core::PixelMatrix::Zero(784, n);
        b->labels.resize(n);
        for (Eigen::Index j = 0; j < n; ++j) {
            b->labels(j) = static_cast<int>(rng() % 10);
            for (int k = 0; k < 150; ++k) b->X(static_cast<Eigen::Index>(rng() % 784), j) = static_cast<std::uint8_t>(rng() % 256);
        }
        return std::shared_ptr<const stepwise::core::Batch>(std::move(b));
    };
    stepwise::training::PreparedData d;
    d.train = make(41000, 1);
    d.dev = make(1000, 2);
    d.totalRows = 42000;
    return d;
}

void frameWhileTraining(benchmark::State& state, const char* lessonId, std::size_t step) {
    using namespace stepwise;
    const auto library = lessons::loadLibrary(std::filesystem::path(STEPWISE_SOURCE_DIR) / "lessons");
    lessons::LessonPlayer player(library.lessons);
    if (!player.jumpTo(lessonId, step)) {
        state.SkipWithError("lesson step not found");
        return;
    }
    sf::RenderTexture texture;
    if (!texture.create(1920, 1080)) {
        state.SkipWithError("no X display: run under xvfb-run");
        return;
    }
    training::Trainer trainer(core::NetworkConfig{}, paperSizedData());
    trainer.send(training::command::Play{});
    app::LessonScreen screen(views::Theme::dark());
    screen.setSize({1920.f, 1080.f});
    std::vector<double> ms;
    for (auto _ : state) {
        const auto start = std::chrono::steady_clock::now();
        const auto snapshot = trainer.latest();
        screen.update(player.currentLesson(), player.stepIndex(), *snapshot);
        screen.draw(texture);
        texture.display();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    if (!ms.empty()) {
        state.counters["median_ms"] = ms[ms.size() / 2];
        state.counters["p99_ms"] = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
        state.counters["iterations_trained"] = static_cast<double>(trainer.latest()->iteration);
    }
}

void BM_FrameForwardZ1(benchmark::State& state) { frameWhileTraining(state, "forward", 1); }
void BM_FrameUpdateWeights(benchmark::State& state) { frameWhileTraining(state, "update", 0); }
void BM_FrameResultsCurves(benchmark::State& state) { frameWhileTraining(state, "results", 1); }

} // namespace

BENCHMARK(BM_FrameForwardZ1)->Unit(benchmark::kMillisecond)->Iterations(300)->UseRealTime();
BENCHMARK(BM_FrameUpdateWeights)->Unit(benchmark::kMillisecond)->Iterations(300)->UseRealTime();
BENCHMARK(BM_FrameResultsCurves)->Unit(benchmark::kMillisecond)->Iterations(300)->UseRealTime();
BENCHMARK_MAIN();

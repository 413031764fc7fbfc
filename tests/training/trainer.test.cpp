// The trainer thread: start, pause, one iteration, live snapshots, stepping equations, stop —
// each within a timeout — the CPU class the window asks for, and stepping every equation
// equals one trainer iteration bit for bit.
#include "training/trainer.hpp"

#include "synthetic_data.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <cerrno>
#include <sched.h>
#include <sys/resource.h>

using namespace stepwise;
using namespace std::chrono_literals;

using stepwise::test::syntheticData;

TEST_CASE("[training] trainer starts paused at iteration 0 and runs one iteration on request") {
    training::Trainer trainer(core::NetworkConfig{}, syntheticData(600, 1));
    REQUIRE(trainer.waitUntilIdle(5s));
    auto snap = trainer.latest();
    REQUIRE(snap);
    CHECK(snap->iteration == 0);
    CHECK(snap->state == training::TrainerState::Paused);
    trainer.send(training::command::StepIteration{});
    REQUIRE(trainer.waitUntilIdle(5s));
    snap = trainer.latest();
    CHECK(snap->iteration == 1);
    CHECK(snap->history.size() == 1);
    CHECK(std::isfinite(snap->loss));
    REQUIRE(snap->tensor("dW1"));
    CHECK(snap->tensor("dW1")->rows() == 10);
    CHECK(snap->tensor("dW1")->cols() == 784);
    REQUIRE(snap->tensor("Z1"));
    CHECK(snap->tensor("Z1")->cols() == 600); // paused: whole
    // A0 = X / 255 for the first columns, made once and shared by every snapshot, never the whole m.
    REQUIRE(snap->tensor("A0"));
    CHECK(snap->tensor("A0") == snap->a0Window.get());
    CHECK(snap->tensor("A0")->cols() == std::min<Eigen::Index>(training::Trainer::a0Window, 600));
    CHECK(*snap->tensor("A0") == snap->batch->A0(0, snap->tensor("A0")->cols()));
    trainer.send(training::command::StepIteration{});
    REQUIRE(trainer.waitUntilIdle(10s));
    CHECK(trainer.latest()->a0Window == snap->a0Window);
}

TEST_CASE("[training] RunUntil trains up to a completed-iteration count and never past it") {
    training::Trainer trainer(core::NetworkConfig{}, syntheticData(300, 4));
    trainer.send(training::command::RunIterations{5});
    trainer.send(training::command::RunUntil{8}); // the trainer counts: 8 in all, whatever ran before
    REQUIRE(trainer.waitUntilIdle(10s));
    CHECK(trainer.latest()->iteration == 8);
    trainer.send(training::command::RunUntil{3}); // already past: nothing
    REQUIRE(trainer.waitUntilIdle(10s));
    CHECK(trainer.latest()->iteration == 8);
    CHECK(trainer.latest()->state == training::TrainerState::Paused);
}

TEST_CASE("[training] WindowedSnapshots keeps paused snapshots to the sample window, parameters whole") {
    training::Trainer trainer(core::NetworkConfig{}, syntheticData(600, 1));
    trainer.send(training::command::WindowedSnapshots{});
    trainer.send(training::command::RunIterations{2});
    REQUIRE(trainer.waitUntilIdle(10s));
    const auto snap = trainer.latest();
    CHECK(snap->iteration == 2);
    CHECK(snap->state == training::TrainerState::Paused);
    CHECK(snap->windowed);
    for (const char* perImage : {"Z1", "A1", "dZ1", "Z2", "A2", "dZ2", "Y"}) {
        INFO(perImage);
        REQUIRE(snap->tensor(perImage));
        CHECK(snap->tensor(perImage)->cols() == training::Trainer::sampleWindow);
    }
    REQUIRE(snap->tensor("dW1"));
    CHECK(snap->tensor("dW1")->cols() == 784);
    CHECK(snap->history.size() == 2u);
}

TEST_CASE("[training] play publishes live snapshots, pause stops, loss falls") {
    training::Trainer trainer(core::NetworkConfig{}, syntheticData(600, 2));
    trainer.send(training::command::Play{});
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    long seen = 0;
    while (std::chrono::steady_clock::now() < deadline && seen < 30) {
        seen = trainer.latest()->iteration;
        std::this_thread::sleep_for(5ms);
    }
    CHECK(seen >= 30);
    const auto running = trainer.latest();
    CHECK(running->state == training::TrainerState::Running);
    CHECK(running->windowed);
    REQUIRE(running->tensor("Z1"));
    CHECK(running->tensor("Z1")->cols() == training::Trainer::sampleWindow); // running: a window of the m columns
    trainer.send(training::command::Pause{});
    REQUIRE(trainer.waitUntilIdle(5s));
    const auto paused = trainer.latest();
    CHECK(paused->state == training::TrainerState::Paused);
    std::this_thread::sleep_for(50ms);
    CHECK(trainer.latest()->iteration == paused->iteration);
    CHECK(paused->history.back().loss < paused->history.front().loss);
}

TEST_CASE("[training] stepping every equation gives bit-identical parameters to one trainer iteration") {
    const auto data = syntheticData(1200, 3);
    training::Trainer stepped(core::NetworkConfig{}, data);
    training::Trainer whole(core::NetworkConfig{}, data);
    const std::size_t n = core::iterationEquations(core::NetworkConfig{}).size();
    for (std::size_t i = 0; i < n; ++i) stepped.send(training::command::StepEquation{});
    whole.send(training::command::StepIteration{});
    REQUIRE(stepped.waitUntilIdle(5s));
    REQUIRE(whole.waitUntilIdle(5s));
    const auto a = stepped.latest(), b = whole.latest();
    CHECK(a->iteration == 1);
    CHECK(b->iteration == 1);
    CHECK(a->position == n);
    for (int l = 1; l <= 2; ++l) {
        CHECK(a->parameters.W(l) == b->parameters.W(l));
        CHECK(a->parameters.b(l) == b->parameters.b(l));
    }
    CHECK(a->loss == b->loss);
    // and continuous training resumes from there
    stepped.send(training::command::StepIteration{});
    REQUIRE(stepped.waitUntilIdle(5s));
    CHECK(stepped.latest()->iteration == 2);
}

TEST_CASE("[training] step back keeps tensors and seek moves to a position") {
    training::Trainer trainer(core::NetworkConfig{}, syntheticData(300, 4));
    trainer.send(training::command::SeekPosition{2}); // forward.a0, forward.z1
    REQUIRE(trainer.waitUntilIdle(5s));
    auto snap = trainer.latest();
    CHECK(snap->position == 2);
    REQUIRE(snap->tensor("Z1"));
    CHECK_FALSE(snap->tensor("A1"));
    const Eigen::MatrixXf z1 = *snap->tensor("Z1");
    trainer.send(training::command::StepBack{});
    trainer.send(training::command::StepEquation{});
    REQUIRE(trainer.waitUntilIdle(5s));
    CHECK(*trainer.latest()->tensor("Z1") == z1);
}

TEST_CASE("[training] a huge alpha ends in a clear divergence, not NaN on screen") {
    core::NetworkConfig config;
    config.alpha = 50.0f;
    training::Trainer trainer(config, syntheticData(300, 5));
    trainer.send(training::command::RunIterations{200});
    REQUIRE(trainer.waitUntilIdle(20s));
    const auto snap = trainer.latest();
    CHECK(snap->state == training::TrainerState::Diverged);
    CHECK(snap->message.find("Diverged at iteration") != std::string::npos);
    CHECK(snap->iteration < 200);
    trainer.send(training::command::Play{}); // refused while diverged
    REQUIRE(trainer.waitUntilIdle(5s));
    CHECK(trainer.latest()->state == training::TrainerState::Diverged);
    trainer.send(training::command::Reset{1});
    REQUIRE(trainer.waitUntilIdle(5s));
    CHECK(trainer.latest()->state == training::TrainerState::Paused);
    CHECK(trainer.latest()->iteration == 0);
}

TEST_CASE("[training] speed limit holds the rate near the target") {
    training::Trainer trainer(core::NetworkConfig{}, syntheticData(200, 6));
    trainer.send(training::command::SetSpeed{20.0});
    trainer.send(training::command::Play{});
    std::this_thread::sleep_for(500ms);
    const long done = trainer.latest()->iteration;
    trainer.send(training::command::Pause{});
    REQUIRE(trainer.waitUntilIdle(5s));
    CHECK(done >= 3);   // about 10 expected in half a second at 20 per second
    CHECK(done <= 15);  // far below full speed (hundreds per second on this tiny batch)
}

TEST_CASE("[training] destroying a running trainer stops it promptly") {
    const auto start = std::chrono::steady_clock::now();
    {
        training::Trainer trainer(core::NetworkConfig{}, syntheticData(2000, 7));
        trainer.send(training::command::Play{});
        std::this_thread::sleep_for(50ms);
    }
    // One iteration on 2,000 columns is a few ms; generous bound for sanitizer builds.
    CHECK(std::chrono::steady_clock::now() - start < 3s);
}

namespace {
/// How many threads of this process run in \p policy at nice \p nice (every /proc/self/task entry).
int threadsIn(int policy, int nice) {
    int n = 0;
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
        const auto tid = static_cast<pid_t>(std::stol(task.path().filename().string()));
        errno = 0;
        const int value = getpriority(PRIO_PROCESS, static_cast<id_t>(tid));
        if (sched_getscheduler(tid) == policy && errno == 0 && value == nice) ++n;
    }
    return n;
}
} // namespace

TEST_CASE("[training] yielding to the interface moves the trainer thread to SCHED_BATCH at nice 10, and it still trains") {
    training::Trainer trainer(core::NetworkConfig{}, syntheticData(600, 6));
    REQUIRE(trainer.waitUntilIdle(5s));
    const int before = threadsIn(SCHED_BATCH, 10);
    CHECK(threadsIn(SCHED_OTHER, 5) >= 1); // the trainer thread starts at nice 5
    trainer.send(training::command::YieldToInterface{});
    REQUIRE(trainer.waitUntilIdle(5s));
    CHECK(threadsIn(SCHED_BATCH, 10) == before + 1); // the trainer thread, and no other
    CHECK(sched_getscheduler(0) == SCHED_OTHER);      // the caller (the UI thread) keeps its class
    trainer.send(training::command::RunIterations{3}); // its shard threads inherit the class and finish
    REQUIRE(trainer.waitUntilIdle(10s));
    CHECK(trainer.latest()->iteration == 3);
}

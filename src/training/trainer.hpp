// The background trainer: the only thread that mutates the network. It runs the Stepper (whole
// iterations while playing, single equations in step mode), takes commands through a small
// queue, and publishes immutable TrainingSnapshots that the UI picks up once per frame.
#pragma once

#include "core/stepper.hpp"
#include "training/checkpoint.hpp"
#include "training/prepared_data.hpp"
#include "training/snapshot.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>
#include <variant>

namespace stepwise::training {

/// \brief Commands the UI sends; executed in order on the trainer thread.
namespace command {
/// \brief Start iterating continuously.
struct Play {};
/// \brief Stop after the current iteration.
struct Pause {};
/// \brief Run the rest of the current iteration (a whole one when at its start), then pause.
struct StepIteration {};
/// \brief Execute the next equation of the current iteration, then pause.
struct StepEquation {};
/// \brief Go back one equation, keeping every tensor, then pause.
struct StepBack {};
/// \brief Move to stepper position \p position (0…N) of the current iteration, executing or stepping back.
struct SeekPosition {
    std::size_t position = 0; ///< target number of executed equations
};
/// \brief New initial parameters from \p seed, iteration 0, history cleared, paused.
struct Reset {
    std::uint64_t seed = 0; ///< initialisation seed
};
/// \brief Replace the network definition (layer sizes, activation, init, paper-faithful), then reset.
struct Reconfigure {
    core::NetworkConfig config; ///< the new definition
};
/// \brief Change α for the following updates.
struct SetAlpha {
    float alpha = 0.1f; ///< new learning rate
};
/// \brief Limit the speed: 0 = full speed, otherwise iterations per second.
struct SetSpeed {
    double iterationsPerSecond = 0.0; ///< target rate
};
/// \brief Train \p iterations iterations as fast as possible, then pause (used by `render`).
struct RunIterations {
    long iterations = 0; ///< how many
};
/// \brief Continue from a checkpoint: its network, parameters, iteration count, history and stepper
/// position replace the current ones; dev accuracy is re-measured on the trainer's data; paused.
/// A checkpoint that does not fit the data (checkCompatible()) changes nothing and says why in
/// the snapshot's message.
struct Restore {
    std::shared_ptr<const Checkpoint> checkpoint; ///< the checkpoint, e.g. from loadCheckpoint()
};
/// \brief From now on training gives way to the interface: the trainer thread (and the shard
/// threads it starts) move to Linux's SCHED_BATCH class at nice 10, so a waking frame (the UI
/// thread and the renderer's threads) preempts an iteration at once and gets about 90 % of a
/// contended core, while training still keeps a share against other busy programs (SCHED_IDLE
/// would starve it behind any of them). The window sends it; tests and `render` keep nice 5.
struct YieldToInterface {};
/// \brief From now on every snapshot keeps only the sample window of the per-image tensors (Z¹,
/// A¹, dZ¹, …), paused or not. The compare screen's runs send it: nobody steps them, and whole
/// tensors of a 128-neuron run over 41,000 images are 63 MB per snapshot.
struct WindowedSnapshots {};
/// \brief Train as fast as possible until \p iteration iterations are complete, then pause (none
/// when there already are). Unlike RunIterations it cannot overshoot when the caller's view of
/// the count is stale: the trainer counts on its own thread (the compare screen's resume).
struct RunUntil {
    long iteration = 0; ///< completed iterations to reach
};
} // namespace command

/// \brief Any trainer command.
using Command = std::variant<command::Play, command::Pause, command::StepIteration, command::StepEquation,
                             command::StepBack, command::SeekPosition, command::Reset, command::Reconfigure,
                             command::SetAlpha, command::SetSpeed, command::RunIterations, command::Restore,
                             command::YieldToInterface, command::WindowedSnapshots, command::RunUntil>;

/// \brief Owns the training thread. Every public member may be called from any thread.
class Trainer {
public:
    /// \brief Number of training columns copied into each snapshot's sample window.
    static constexpr Eigen::Index sampleWindow = 32;
    /// \brief Number of training columns of A⁰ = X / 255 the snapshots carry as floats (the
    /// batch itself keeps only the pixel bytes; the lessons show at most a few dozen images).
    static constexpr Eigen::Index a0Window = 256;

    /// \brief Prepares the network on \p data and starts the thread, paused at iteration 0.
    Trainer(core::NetworkConfig config, PreparedData data);
    /// \brief Stops the thread (within one iteration: well under 100 ms for the paper's network).
    ~Trainer();
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    /// \brief Queues a command. Never blocks on training.
    void send(Command command);
    /// \brief The newest snapshot. Never blocks on training (a pointer swap under a mutex).
    [[nodiscard]] std::shared_ptr<const TrainingSnapshot> latest() const;
    /// \brief The window says a frame is being drawn (true) or is done (false). While it is,
    /// one of the two training threads pauses between blocks, so the frame has a core. Never
    /// blocks: a flag, read by training.
    void drawingFrame(bool drawing) noexcept { m_framing.store(drawing, std::memory_order_relaxed); }
    /// \brief Waits until the trainer has executed every command sent so far and is paused or
    /// diverged, or until \p timeout passes. For tests and `render`; the UI never calls it.
    bool waitUntilIdle(std::chrono::milliseconds timeout) const;
    /// \brief The data the trainer works on.
    [[nodiscard]] const PreparedData& data() const { return m_data; }

private:
    void run(std::stop_token stop);
    void apply(Command& command);
    void restore(const std::shared_ptr<const Checkpoint>& checkpoint);
    void yieldToInterface();
    void iterate();
    void recordIteration(); // scores the completed iteration, measures dev accuracy, appends to the history
    void publish();
    void checkDivergence();

    PreparedData m_data;
    std::shared_ptr<const Eigen::MatrixXf> m_a0Window; // A⁰ of the first a0Window columns, made once
    std::shared_ptr<const core::Batch> m_a0WindowBatch; // the mini-batch m_a0Window was made from
    std::unique_ptr<core::Stepper> m_stepper; // trainer thread only
    std::vector<HistoryPoint> m_history;      // trainer thread only
    TrainerState m_state = TrainerState::Paused;
    std::string m_message;
    double m_targetRate = 0.0;
    long m_remaining = 0;                     // iterations left of a RunIterations command
    double m_rate = 0.0;
    double m_devAccuracy = 0.0;
    Eigen::MatrixXf m_devOutput;  // A^L of the dev set for the current parameters (trainer thread only)
    bool m_devOutputFresh = false; // m_devOutput was made with the parameters the stepper has now
    double m_computeSeconds = 0.0;            // CPU seconds of the iterations since the last reset
    std::chrono::steady_clock::time_point m_lastPublish{};
    std::chrono::steady_clock::time_point m_nextDue{};

    std::atomic<bool> m_framing{false};       // drawingFrame(): set by the window, read by training
    mutable std::mutex m_mutex;               // guards m_queue, m_latest, m_busy
    mutable std::condition_variable_any m_wake;
    mutable std::condition_variable_any m_idle;
    std::deque<Command> m_queue;
    bool m_busy = true;
    bool m_alwaysWindowed = false; // command::WindowedSnapshots (trainer thread only)
    std::shared_ptr<const TrainingSnapshot> m_latest;
    std::jthread m_thread;                    // last member: starts after everything above exists
};

} // namespace stepwise::training

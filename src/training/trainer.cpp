// The trainer thread: command loop, continuous iterations with an optional speed limit,
// divergence detection, and snapshot publishing.
// Sections: lifetime, commands, iterating, snapshots.
#include "training/trainer.hpp"

#include "data/input_error.hpp"
#include "training/parallel.hpp"

#include <cmath>
#include <cstdio>
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace stepwise::training {

using Clock = std::chrono::steady_clock;

namespace {
/// Loss far above chance (ln 10 ≈ 2.3 for ten classes): the updates are overshooting.
constexpr double explodedLoss = 20.0;
/// Snapshots are published at most this often while running. The window redraws training's
/// progress at most 20 times a second (window_command.cpp, kLiveRedraw); each snapshot costs the
/// trainer a forward pass of the dev set and copies of the shown tensors, so publishing faster
/// than that would slow training for frames nobody draws.
constexpr auto publishInterval = std::chrono::milliseconds(50);
/// The longest a frame keeps the second shard waiting (Trainer::drawingFrame).
constexpr auto kFrameYield = std::chrono::milliseconds(30);

template <class... Ts> struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;
} // namespace

// ---------------------------------------------------------------- lifetime

Trainer::Trainer(core::NetworkConfig config, PreparedData data)
    : m_data(std::move(data)),
      m_a0Window(std::make_shared<const Eigen::MatrixXf>(
          m_data.train->A0(0, std::min(a0Window, m_data.train->size())))) {
    m_stepper = std::make_unique<core::Stepper>(config, core::initialParameters(config), m_data.train,
                                                m_data.totalRows);
    publish();
    m_thread = std::jthread([this](std::stop_token stop) { run(stop); });
}

Trainer::~Trainer() {
    m_thread.request_stop();
    m_wake.notify_all();
}

void Trainer::send(Command command) {
    {
        std::scoped_lock lock(m_mutex);
        m_queue.push_back(std::move(command));
        m_busy = true;
    }
    m_wake.notify_all();
}

std::shared_ptr<const TrainingSnapshot> Trainer::latest() const {
    std::scoped_lock lock(m_mutex);
    return m_latest;
}

bool Trainer::waitUntilIdle(std::chrono::milliseconds timeout) const {
    std::unique_lock lock(m_mutex);
    return m_idle.wait_for(lock, timeout, [&] { return !m_busy && m_queue.empty(); });
}

void Trainer::run(std::stop_token stop) {
    // Training yields to the UI thread: a frame must never wait behind an iteration. The shard
    // threads of runOnThreads inherit this nice value. Failure only costs smoothness.
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 5);
    while (!stop.stop_requested()) {
        std::optional<Command> next;
        {
            std::unique_lock lock(m_mutex);
            const bool iterating = m_state == TrainerState::Running || m_remaining > 0;
            const bool due = m_remaining > 0 || m_targetRate <= 0.0 || Clock::now() >= m_nextDue;
            if (m_queue.empty() && !(iterating && due)) {
                m_busy = iterating;
                if (!m_busy) m_idle.notify_all();
                if (iterating)
                    m_wake.wait_until(lock, stop, m_nextDue, [&] { return !m_queue.empty(); });
                else
                    m_wake.wait(lock, stop, [&] { return !m_queue.empty(); });
                continue;
            }
            m_busy = true;
            if (!m_queue.empty()) {
                next = std::move(m_queue.front());
                m_queue.pop_front();
            }
        }
        if (next) {
            apply(*next);
            publish();
            continue;
        }
        iterate();
        if (m_remaining > 0 && --m_remaining == 0 && m_state != TrainerState::Running) {
            publish();
        } else if (Clock::now() - m_lastPublish >= publishInterval || m_state != TrainerState::Running) {
            publish();
        }
    }
}

// ---------------------------------------------------------------- commands

void Trainer::apply(Command& command) {
    m_devOutputFresh = false; // a command may change the parameters: the dev set is scored again
    auto pauseForStepping = [&] {
        if (m_state == TrainerState::Running) m_state = TrainerState::Paused;
        m_remaining = 0;
    };
    auto afterStep = [&] {
        if (m_stepper->position() == m_stepper->equations().size()) {
            // The last update ran: record the completed iteration like a continuous one.
            // (Single steps are not counted as compute: they wait on the learner.)
            recordIteration();
            checkDivergence();
        }
    };
    std::visit(Overloaded{
                   [&](command::Play&) {
                       if (m_state != TrainerState::Diverged) {
                           m_state = TrainerState::Running;
                           m_message.clear();
                           m_nextDue = Clock::now();
                       }
                   },
                   [&](command::Pause&) {
                       if (m_state == TrainerState::Running) m_state = TrainerState::Paused;
                       m_remaining = 0;
                   },
                   [&](command::StepIteration&) {
                       pauseForStepping();
                       if (m_state != TrainerState::Diverged) iterate();
                   },
                   [&](command::StepEquation&) {
                       pauseForStepping();
                       if (m_state == TrainerState::Diverged) return;
                       m_stepper->step(runOnThreads);
                       afterStep();
                   },
                   [&](command::StepBack&) {
                       pauseForStepping();
                       m_stepper->stepBack();
                   },
                   [&](command::SeekPosition& c) {
                       pauseForStepping();
                       const std::size_t target = std::min(c.position, m_stepper->equations().size());
                       while (m_stepper->position() > target) m_stepper->stepBack();
                       while (m_stepper->position() < target && m_state != TrainerState::Diverged) {
                           m_stepper->step(runOnThreads);
                           afterStep();
                       }
                   },
                   [&](command::Reset& c) {
                       core::NetworkConfig config = m_stepper->config();
                       config.seed = c.seed;
                       m_stepper = std::make_unique<core::Stepper>(config, core::initialParameters(config),
                                                                   m_data.train, m_data.totalRows);
                       m_history.clear();
                       m_computeSeconds = 0.0;
                       m_state = TrainerState::Paused;
                       m_message = "Reset with seed " + std::to_string(c.seed);
                       m_remaining = 0;
                   },
                   [&](command::Reconfigure& c) {
                       m_stepper = std::make_unique<core::Stepper>(c.config, core::initialParameters(c.config),
                                                                   m_data.train, m_data.totalRows);
                       m_history.clear();
                       m_computeSeconds = 0.0;
                       m_state = TrainerState::Paused;
                       m_message.clear();
                       m_remaining = 0;
                   },
                   [&](command::SetAlpha& c) { m_stepper->setAlpha(c.alpha); },
                   [&](command::SetSpeed& c) {
                       m_targetRate = std::max(0.0, c.iterationsPerSecond);
                       m_nextDue = Clock::now();
                   },
                   [&](command::RunIterations& c) {
                       if (m_state != TrainerState::Diverged) m_remaining = std::max(0L, c.iterations);
                   },
                   [&](command::Restore& c) { restore(c.checkpoint); },
                   [&](command::YieldToInterface&) { yieldToInterface(); },
                   [&](command::WindowedSnapshots&) { m_alwaysWindowed = true; },
                   [&](command::RunUntil& c) {
                       if (m_state != TrainerState::Diverged)
                           m_remaining = std::max(0L, c.iteration - m_stepper->iteration());
                   },
               },
               command);
}

void Trainer::yieldToInterface() {
    // Threads started from here on inherit the class and the nice value (pthread's default is
    // to inherit the creator's policy; Linux keeps nice per thread and copies it to new ones),
    // so runOnThreads' shard threads follow. Failure only costs smoothness.
    sched_param batch{};
    (void)pthread_setschedparam(pthread_self(), SCHED_BATCH, &batch);
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
}

void Trainer::restore(const std::shared_ptr<const Checkpoint>& checkpoint) {
    if (!checkpoint) return;
    const Checkpoint& k = *checkpoint;
    try {
        checkCompatible(k, m_data.train->X.rows(), "checkpoint");
    } catch (const data::InputError& e) {
        // Training goes on untouched; the UI shows why the checkpoint was refused.
        m_message = std::string("Checkpoint not restored: ") + e.what();
        return;
    }
    auto stepper = std::make_unique<core::Stepper>(k.config, k.parameters, m_data.train, m_data.totalRows);
    stepper->resetParameters(k.parameters, k.iteration, k.optimizerState);
    // Replaying the equations up to the saved position recomputes the very tensors that were on
    // screen: the same parameters on the same batch give the same bits.
    while (stepper->position() < k.position) stepper->step(runOnThreads);
    m_stepper = std::move(stepper);
    m_history = k.history;
    m_computeSeconds = 0.0;
    const auto dev = core::forwardOutput(m_stepper->config(), m_stepper->parameters(), m_data.dev->X);
    m_devAccuracy = core::accuracy(dev, m_data.dev->labels);
    m_state = TrainerState::Paused;
    m_remaining = 0;
    m_message = "Restored a checkpoint at iteration " + std::to_string(m_stepper->iteration());
}

// ---------------------------------------------------------------- iterating

void Trainer::recordIteration() {
    const IterationScores s = scoreIteration(*m_stepper);
    m_devOutput = core::forwardOutput(m_stepper->config(), m_stepper->parameters(), m_data.dev->X);
    m_devOutputFresh = true; // publish() reuses it while the parameters stay as they are
    m_devAccuracy = core::accuracy(m_devOutput, m_data.dev->labels);
    m_history.push_back({m_stepper->iteration(), s.loss, s.trainAccuracy, m_devAccuracy, m_computeSeconds});
}

void Trainer::iterate() {
    const auto start = Clock::now();
    const double cpuStart = threadCpuSeconds();
    double shardSeconds = 0.0;
    // While the window draws a frame, the helper thread takes no new shard (each about a
    // millisecond of work), so the frame and the renderer's threads have a core of their own and
    // this thread works through the remaining shards: frames stay short, and training keeps a
    // core busy. Never for long: at most kFrameYield per iteration.
    m_stepper->runIteration([&](int n, const std::function<void(int)>& body) {
        runOnThreadsCounted(n, body, shardSeconds, &m_framing, kFrameYield);
    });
    recordIteration();
    m_computeSeconds += threadCpuSeconds() - cpuStart + shardSeconds; // scoring included
    m_history.back().seconds = m_computeSeconds;
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    m_rate = m_rate == 0.0 ? 1.0 / seconds : 0.9 * m_rate + 0.1 / seconds;
    if (m_targetRate > 0.0)
        m_nextDue = std::max(m_nextDue + std::chrono::duration_cast<Clock::duration>(
                                              std::chrono::duration<double>(1.0 / m_targetRate)),
                             start);
    checkDivergence();
}

void Trainer::checkDivergence() {
    const double loss = m_stepper->loss();
    const bool finite = std::isfinite(loss) && m_stepper->parameters().allFinite();
    // Exploded: far above chance and well above where this run started (an all-positive start
    // begins near 50 and must not count as divergence).
    const double start = m_history.empty() ? loss : m_history.front().loss;
    if (finite && m_stepper->config().activation == core::Activation::ReLU) {
        // Every ReLU of the first hidden layer silent on every image: no gradient can flow
        // back through it ever again, so training is stuck for good.
        const auto A1 = m_stepper->tensor("A1");
        if (A1 && A1->size() > 0 && A1->maxCoeff() <= 0.0f) {
            m_state = TrainerState::Diverged;
            m_remaining = 0;
            m_message = "Stuck at iteration " + std::to_string(m_stepper->iteration()) +
                        ": every hidden ReLU outputs 0 for every image, so no gradient flows back and the network "
                        "can only guess (loss " + std::to_string(loss).substr(0, 5) + "). alpha = " +
                        std::to_string(m_stepper->config().alpha).substr(0, 5) +
                        " threw the weights too far. Press R to reset and choose a smaller alpha.";
            return;
        }
    }
    if (finite && (loss < explodedLoss || loss < 2.0 * start)) return;
    m_state = TrainerState::Diverged;
    m_remaining = 0;
    char text[256];
    const double first = start;
    std::snprintf(text, sizeof text,
                  "Diverged at iteration %ld: the loss went from %.3g to %s with alpha = %g. Each update "
                  "overshoots the minimum and the next gradient is larger still. Press R to reset, then "
                  "choose a smaller alpha.",
                  m_stepper->iteration(), first, finite ? std::to_string(loss).c_str() : "infinity/NaN",
                  static_cast<double>(m_stepper->config().alpha));
    m_message = text;
}

// ---------------------------------------------------------------- snapshots

void Trainer::publish() {
    auto snap = std::make_shared<TrainingSnapshot>();
    const core::Stepper& s = *m_stepper;
    snap->config = s.config();
    snap->iteration = s.iteration();
    snap->position = s.position();
    for (const auto& e : s.equations()) snap->equationIds.push_back(e.id);
    snap->state = m_state;
    snap->message = m_message;
    snap->iterationsPerSecond = m_state == TrainerState::Running ? m_rate : 0.0;
    snap->computeSeconds = m_computeSeconds;
    snap->targetIterationsPerSecond = m_targetRate;
    snap->trainColumns = s.batch().size();
    snap->paperRows = m_data.totalRows;
    snap->miniBatch = s.miniBatch();
    snap->optimizerSteps = s.optimizerState().t;
    snap->optimizerStepsBefore = s.position() == s.equations().size() ? s.optimizerState().t - 1 : s.optimizerState().t;
    snap->parameters = s.parameters();
    if (!m_history.empty()) {
        snap->loss = m_history.back().loss;
        snap->trainAccuracy = m_history.back().trainAccuracy;
    } else {
        snap->loss = std::nan("");
    }

    const Eigen::Index m = s.batch().size();
    const Eigen::Index window = std::min(sampleWindow, m);
    snap->sampleColumns = Eigen::VectorXi::LinSpaced(window, 0, static_cast<int>(window - 1));
    snap->sampleLabels = s.batch().labels.head(window);
    snap->batch = s.sharedBatch();
    if (s.miniBatch() && (!m_a0Window || m_a0WindowBatch != s.sharedBatch())) {
        // A0 follows the iteration's own columns: made once per mini-batch.
        m_a0Window = std::make_shared<const Eigen::MatrixXf>(s.batch().A0(0, std::min(a0Window, s.batch().size())));
        m_a0WindowBatch = s.sharedBatch();
    } else if (!s.miniBatch() && m_a0WindowBatch) { // back on the full batch after a Reconfigure
        m_a0Window = std::make_shared<const Eigen::MatrixXf>(m_data.train->A0(0, std::min(a0Window, m_data.train->size())));
        m_a0WindowBatch.reset();
    }
    snap->a0Window = m_a0Window;
    snap->windowed = m_state == TrainerState::Running || m_alwaysWindowed;
    for (const core::TensorInfo& info : core::tensorCatalogue(s.config())) {
        const std::string& name = info.name;
        const auto t = s.tensor(name);
        if (!t || name == "A0") continue;
        const bool perColumn = info.perSample();
        snap->tensors.emplace(name, perColumn && snap->windowed ? Eigen::MatrixXf(t->leftCols(window))
                                                                : Eigen::MatrixXf(*t));
    }
    snap->history = m_history;

    const Eigen::MatrixXf dev =
        m_devOutputFresh ? m_devOutput : core::forwardOutput(s.config(), s.parameters(), m_data.dev->X);
    const Eigen::VectorXi predicted = core::predictions(dev);
    snap->devAccuracy = core::accuracy(dev, m_data.dev->labels);
    const int classes = s.config().outputs;
    snap->confusion = Eigen::MatrixXi::Zero(classes, classes);
    snap->classNames = m_data.classNames;
    for (Eigen::Index j = 0; j < predicted.size(); ++j) {
        const int actual = m_data.dev->labels(j);
        if (actual >= 0 && actual < classes) snap->confusion(actual, predicted(j)) += 1;
    }
    const Eigen::Index gallery = std::min<Eigen::Index>(24, predicted.size());
    snap->devLabels = m_data.dev->labels.head(gallery);
    snap->devPredictions = predicted.head(gallery);
    snap->devImages = m_data.dev->A0(0, gallery);
    if (m_data.test && m_state != TrainerState::Running) {
        const Eigen::MatrixXf test = core::forwardOutput(s.config(), s.parameters(), m_data.test->X);
        snap->testAccuracy = core::accuracy(test, m_data.test->labels);
    }

    std::shared_ptr<const TrainingSnapshot> frozen = std::move(snap);
    {
        std::scoped_lock lock(m_mutex);
        m_latest = std::move(frozen);
    }
    m_lastPublish = Clock::now();
}

} // namespace stepwise::training

// The files a class makes from the window: Ctrl+S writes a checkpoint and Ctrl+O brings the
// network, its history and the lesson step back; a damaged checkpoint changes nothing; Ctrl+E
// writes the step's tensors as .npy. Driven through LessonSession with synthesised keys.
#include "app/screens/lesson_session.hpp"
#include "support/display.hpp"
#include "data/npy.hpp"
#include "lessons/lesson_parser.hpp"
#include "support/test_paths.hpp"
#include "training/trainer.hpp"

#include "app_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

using namespace stepwise;
using namespace std::chrono_literals;

using namespace stepwise::test;

namespace {

bool sameParameters(const core::Parameters& a, const core::Parameters& b) {
    if (a.weights.size() != b.weights.size()) return false;
    for (std::size_t l = 0; l < a.weights.size(); ++l)
        if (a.weights[l] != b.weights[l] || a.biases[l] != b.biases[l]) return false;
    return true;
}

} // namespace

TEST_CASE("[app] Ctrl+S saves a checkpoint and Ctrl+O restores network, history and step") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    app::SessionOptions o;
    o.checkpointDir = test::scratchDir("session-checkpoints");
    app::LessonSession session(allLessons(), trainer, o);
    trainer.send(training::command::RunIterations{3});
    REQUIRE(trainer.waitUntilIdle(60s));
    REQUIRE(session.player().jumpTo("forward", 1));
    session.syncTrainer();
    REQUIRE(trainer.waitUntilIdle(60s));
    const auto saved = trainer.latest();
    REQUIRE(saved->iteration >= 2); // stepping back into the third iteration un-completes it

    press(session, sf::Keyboard::S, true);
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(o.checkpointDir)) files.push_back(e.path());
    REQUIRE(files.size() == 1);
    CHECK(files[0].filename() == "forward-step-2-iteration-" + std::to_string(saved->iteration) + ".stepwise");

    // Move away: new weights, another lesson.
    press(session, sf::Keyboard::R);
    REQUIRE(session.player().jumpTo("update", 0));
    REQUIRE(trainer.waitUntilIdle(60s));
    REQUIRE_FALSE(sameParameters(trainer.latest()->parameters, saved->parameters));

    // A damaged copy is refused and changes nothing.
    const auto damaged = o.checkpointDir / "damaged.stepwise";
    {
        std::ifstream in(files[0], std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x5a);
        std::ofstream(damaged, std::ios::binary) << bytes;
    }
    const auto before = trainer.latest();
    CHECK_FALSE(session.loadCheckpoint(damaged));
    REQUIRE(trainer.waitUntilIdle(60s));
    CHECK(sameParameters(trainer.latest()->parameters, before->parameters));
    CHECK(session.player().currentLesson().id == "update");

    // Ctrl+O reopens the checkpoint saved last.
    press(session, sf::Keyboard::O, true);
    REQUIRE(trainer.waitUntilIdle(60s));
    const auto restored = trainer.latest();
    CHECK(sameParameters(restored->parameters, saved->parameters));
    CHECK(restored->iteration == saved->iteration);
    CHECK(restored->history.size() == saved->history.size());
    CHECK(restored->position == saved->position);
    CHECK(session.player().currentLesson().id == "forward");
    CHECK(session.player().stepIndex() == 1);
}

TEST_CASE("[app] Ctrl+E writes the current step's tensors as .npy files") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    app::SessionOptions o;
    o.exportDir = test::scratchDir("session-export");
    app::LessonSession session(allLessons(), trainer, o);
    REQUIRE(session.player().jumpTo("forward", 1)); // Z1 has just been computed
    session.syncTrainer();
    REQUIRE(trainer.waitUntilIdle(60s));
    press(session, sf::Keyboard::E, true);
    std::vector<std::filesystem::path> dirs;
    for (const auto& e : std::filesystem::directory_iterator(o.exportDir)) dirs.push_back(e.path());
    REQUIRE(dirs.size() == 1);
    CHECK(dirs[0].filename().string().starts_with("forward-step-2"));
    CHECK(std::filesystem::exists(dirs[0] / "manifest.json"));
    const auto z1 = data::readNpy(dirs[0] / "Z1.npy");
    const Eigen::MatrixXf& want = *trainer.latest()->tensor("Z1");
    REQUIRE(z1.dtype == "<f4");
    REQUIRE(z1.shape == std::vector<std::size_t>{static_cast<std::size_t>(want.rows()), static_cast<std::size_t>(want.cols())});
    // .npy is in C order: row-major.
    using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    CHECK(Eigen::Map<const RowMajor>(z1.f32.data(), want.rows(), want.cols()) == want);
}

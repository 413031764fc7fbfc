// Ghost curves (issue 11): when a lesson button restarts training with another network or another
// α, the run before stays on the loss and accuracy plots as a faded, labelled curve, so the
// comparison the narration asks for is on screen. The test presses lesson buttons the way a
// learner does and reads the session's ghosts and the pixels of the frame.
#include "app/screens/lesson_session.hpp"
#include "support/display.hpp"
#include "training/trainer.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include "app_support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace stepwise;
using namespace std::chrono_literals;
using namespace stepwise::test;

namespace {

app::SessionOptions quietOptions() { return test::scratchSessionOptions("ghost-curve-checkpoints"); }

/// Jumps to the step of lesson \p lessonId whose title starts with \p title.
void goTo(app::LessonSession& session, std::string_view lessonId, std::string_view title) {
    auto& player = session.player();
    for (std::size_t l = 0; l < player.lessons().size(); ++l)
        for (std::size_t k = 0; k < player.lessons()[l].steps.size(); ++k)
            if (player.lessons()[l].id == lessonId && player.lessons()[l].steps[k].title.starts_with(title)) {
                REQUIRE(player.jumpTo(l, k));
                session.syncTrainer();
                return;
            }
    FAIL("no such step");
}

/// The button of the current step that sets \p kind to \p value.
lessons::StepAction button(const app::LessonSession& session, lessons::ActionKind kind, std::string_view value) {
    for (const auto& action : session.player().currentStep().actions)
        if (action.kind == kind && action.value == value) return action;
    FAIL("the step has no such button");
    return {};
}

/// Live steps start training (as the window does): stop it, so the test decides what is trained.
void settle(training::Trainer& trainer) {
    trainer.send(training::command::Pause{});
    REQUIRE(trainer.waitUntilIdle(60s));
}

void train(training::Trainer& trainer, int iterations) {
    settle(trainer);
    for (int i = 0; i < iterations; ++i) trainer.send(training::command::StepIteration{});
    REQUIRE(trainer.waitUntilIdle(60s));
}

/// Pixels of the frame within 8 (sum over r, g, b) of \p colour.
int pixelsNear(app::LessonSession& session, training::Trainer& trainer, sf::RenderTexture& texture, sf::Color colour) {
    REQUIRE(trainer.waitUntilIdle(60s));
    session.draw(texture);
    session.draw(texture); // the second pass draws with measured layouts
    texture.display();
    const sf::Image image = texture.getTexture().copyToImage();
    if (const char* dir = std::getenv("STEPWISE_TEST_PNG_DIR")) { // for a person to look at
        static int shot = 0;
        (void)image.saveToFile(std::string(dir) + "/ghost-" + std::to_string(++shot) + ".png");
    }
    int n = 0;
    for (unsigned y = 0; y < image.getSize().y; ++y)
        for (unsigned x = 0; x < image.getSize().x; ++x) {
            const sf::Color c = image.getPixel(x, y);
            n += std::abs(c.r - colour.r) + std::abs(c.g - colour.g) + std::abs(c.b - colour.b) <= 8 ? 1 : 0;
        }
    return n;
}

/// \p line drawn at \p alpha over \p under, as the plot blends a ghost.
sf::Color blend(sf::Color line, sf::Color under, int alpha) {
    auto mix = [&](sf::Uint8 a, sf::Uint8 b) { return static_cast<sf::Uint8>((a * alpha + b * (255 - alpha) + 127) / 255); };
    return {mix(line.r, under.r), mix(line.g, under.g), mix(line.b, under.b)};
}

} // namespace

TEST_CASE("[app] a lesson button that restarts training leaves the run before as a faded, labelled ghost curve") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    app::LessonSession session(allLessons(), trainer, quietOptions());
    session.setSize({1920.f, 1080.f});
    sf::RenderTexture texture;
    REQUIRE(texture.create(1920, 1080));
    const views::Theme& theme = session.screen().theme();
    const sf::Color firstGhost = blend(theme.series[2], theme.panel, 130);

    goTo(session, "discussion", "Wider");
    train(trainer, 6);
    const std::size_t trained = trainer.latest()->history.size(); // 6, and whatever the live step played
    REQUIRE(trained >= 6u);
    const int before = pixelsNear(session, trainer, texture, firstGhost);
    CHECK(session.screen().ghosts().empty());

    // 128 hidden neurons: training starts again, and the 10-neuron run stays as a ghost.
    session.applyStepAction(button(session, lessons::ActionKind::Hidden, "128"));
    settle(trainer);
    CHECK(trainer.latest()->config.hidden == std::vector<int>{128});
    REQUIRE(session.screen().ghosts().size() == 1u);
    CHECK(session.screen().ghosts()[0].label == "was: hidden 10, α 0.1");
    CHECK(session.screen().ghosts()[0].history.size() == trained);
    train(trainer, 3);
    const std::size_t wideTrained = trainer.latest()->history.size();
    const int after = pixelsNear(session, trainer, texture, firstGhost);
    INFO("ghost-coloured pixels before " << before << ", after " << after);
    CHECK(after > before + 100); // the ghost's lines on the loss and the accuracy plot

    // A button that changes nothing leaves the ghosts alone.
    session.applyStepAction(button(session, lessons::ActionKind::Hidden, "128"));
    CHECK(session.screen().ghosts().size() == 1u);

    // α in lesson 6 restarts from the same starting weights too; at most two ghosts are kept.
    goTo(session, "update", "The learning rate");
    settle(trainer);
    session.applyStepAction(button(session, lessons::ActionKind::Alpha, "1"));
    settle(trainer);
    CHECK(trainer.latest()->config.alpha == 1.f);
    REQUIRE(session.screen().ghosts().size() == 2u);
    CHECK(session.screen().ghosts()[1].label == "was: hidden 128, α 0.1");
    CHECK(session.screen().ghosts()[1].history.size() >= wideTrained);
    train(trainer, 2);
    session.applyStepAction(button(session, lessons::ActionKind::Alpha, "0.01"));
    REQUIRE(session.screen().ghosts().size() == 2u);
    CHECK(session.screen().ghosts()[0].label == "was: hidden 128, α 0.1");
    CHECK(session.screen().ghosts()[1].label == "was: hidden 128, α 1");
}

TEST_CASE("[app] ghost curves belong to their lesson: another lesson drops them") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    app::LessonSession session(allLessons(), trainer, quietOptions());
    session.setSize({1280.f, 720.f});
    sf::RenderTexture texture;
    REQUIRE(texture.create(1280, 720));
    goTo(session, "discussion", "Other activations");
    train(trainer, 2);
    session.applyStepAction(button(session, lessons::ActionKind::Activation, "tanh"));
    REQUIRE(session.screen().ghosts().size() == 1u);
    CHECK(session.screen().ghosts()[0].label == "was: hidden 10, α 0.1");
    // A second button before the first one's restart reached the trainer: its snapshot is of the
    // network before, so it makes no second ghost of the same run.
    session.applyStepAction(button(session, lessons::ActionKind::Activation, "sigmoid"));
    CHECK(session.screen().ghosts().size() <= 2u);
    if (session.screen().ghosts().size() == 2u) CHECK(session.screen().ghosts()[1].label == "was: hidden 10, tanh, α 0.1");
    settle(trainer);
    goTo(session, "update", "The learning rate");
    settle(trainer);
    (void)pixelsNear(session, trainer, texture, sf::Color::Black); // draws a frame of the other lesson
    CHECK(session.screen().ghosts().empty());
}

TEST_CASE("[app] a step with its own network switches to it on arrival, keeps its buttons' changes, and gives the old one back") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    app::LessonSession session(allLessons(), trainer, quietOptions());
    session.setSize({1920.f, 1080.f});
    sf::RenderTexture texture;
    REQUIRE(texture.create(1920, 1080));
    goTo(session, "discussion", "Wider");
    session.applyStepAction(button(session, lessons::ActionKind::Hidden, "128"));
    const core::NetworkConfig mine = session.network(); // what the learner had chosen
    REQUIRE(mine.hidden == std::vector<int>{128});

    goTo(session, "discussion", "Adam, one update");
    settle(trainer);
    CHECK(session.network().optimizer == core::Optimizer::Adam);
    CHECK(session.network().hidden == std::vector<int>{10});
    CHECK(session.network().seed == mine.seed);
    const auto snap = trainer.latest();
    CHECK(snap->config == session.network());
    // Stopped in the first iteration at Adam's update of W2, with both moments computed.
    REQUIRE(snap->position > 0);
    CHECK(snap->equationIds.at(snap->position - 1) == "update.w2");
    REQUIRE(snap->tensor("mW2_after") != nullptr);
    REQUIRE(snap->tensor("dW2") != nullptr);
    CHECK(snap->tensor("mW2_after")->isApprox(0.1f * *snap->tensor("dW2")));
    const Eigen::MatrixXf dW2 = *snap->tensor("dW2");
    CHECK(snap->tensor("vW2_after")->isApprox(0.001f * dW2.cwiseProduct(dW2), 1e-4f)); // 1 − 0.999f is 0.00099999
    // 09/10: the live M-hat and V-hat the step shows are the gradient and its square at t = 1.
    REQUIRE(snap->tensor("mhatW2") != nullptr);
    REQUIRE(snap->tensor("vhatW2") != nullptr);
    CHECK(snap->tensor("mhatW2")->isApprox(dW2, 1e-5f));
    CHECK(snap->tensor("vhatW2")->isApprox(dW2.cwiseProduct(dW2), 1e-4f));
    // 09/10: on the first iteration every weight moves by almost exactly alpha = 0.001.
    const Eigen::ArrayXXf moved = (*snap->tensor("W2_after") - *snap->tensor("W2")).array().abs();
    CHECK(moved.minCoeff() > 0.00099f);
    CHECK(moved.maxCoeff() < 0.00101f);
    // The Adam step's equation is typeset for Adam (the bias-corrected moments).
    (void)pixelsNear(session, trainer, texture, sf::Color::Black);
    CHECK(session.screen().equation().tex().find("1 - \\beta_{1}^{t}") != std::string::npos);

    goTo(session, "discussion", "Momentum, one update");
    settle(trainer);
    CHECK(session.network().optimizer == core::Optimizer::Momentum);
    CHECK(*trainer.latest()->tensor("vW2_after") == *trainer.latest()->tensor("dW2")); // v starts at 0

    goTo(session, "discussion", "Smaller batches"); // no network of its own: the learner's comes back
    settle(trainer);
    CHECK(session.network() == mine);
    CHECK(trainer.latest()->config == mine);
}

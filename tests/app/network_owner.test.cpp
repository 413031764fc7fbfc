// The session owns the network: a lesson action, a checkpoint load or the command line changes
// it in one place, and the trainer, the lesson positions, the typeset equation and the views
// follow. Each test changes the network the way a learner does and reads what is on screen.
#include "app/screens/lesson_session.hpp"
#include "support/display.hpp"
#include "core/equation_catalogue.hpp"
#include "core/stepper.hpp"
#include "training/trainer.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include "app_support.hpp"

#include <catch2/catch.hpp>

using namespace stepwise;
using namespace std::chrono_literals;
using namespace stepwise::test;

namespace {

app::SessionOptions quietOptions() {
    app::SessionOptions o;
    o.checkpointDir = test::scratchDir("network-owner-checkpoints");
    return o;
}

/// Goes to the first step (in lesson order) that \p wanted accepts; fails the test when none does.
template <class Predicate> void goToStep(app::LessonSession& session, Predicate wanted) {
    auto& player = session.player();
    for (std::size_t l = 0; l < player.lessons().size(); ++l)
        for (std::size_t k = 0; k < player.lessons()[l].steps.size(); ++k)
            if (wanted(player.lessons()[l].steps[k])) {
                REQUIRE(player.jumpTo(l, k));
                session.syncTrainer();
                return;
            }
    FAIL("no lesson step matches");
}

/// The lesson action (a button of lesson 9) that sets \p kind to \p value.
lessons::StepAction findAction(const app::LessonSession& session, lessons::ActionKind kind, std::string_view value) {
    for (const auto& lesson : session.player().lessons())
        for (const auto& step : lesson.steps)
            for (const auto& action : step.actions)
                if (action.kind == kind && action.value == value) return action;
    FAIL("no lesson has the action");
    return {};
}

/// The pixels of \p rect of the frame \p session draws now.
sf::Image drawEquation(app::LessonSession& session, sf::RenderTexture& texture, training::Trainer& trainer) {
    REQUIRE(trainer.waitUntilIdle(60s));
    session.draw(texture);
    session.draw(texture); // the second pass draws with measured layouts
    texture.display();
    const sf::FloatRect r = session.screen().equationRect();
    INFO("equation rect " << r.left << "," << r.top << " " << r.width << "x" << r.height);
    REQUIRE(r.width >= 1.f);
    REQUIRE(r.height >= 1.f);
    sf::Image crop;
    crop.create(static_cast<unsigned>(r.width), static_cast<unsigned>(r.height));
    crop.copy(texture.getTexture().copyToImage(), 0, 0,
              {static_cast<int>(r.left), static_cast<int>(r.top), static_cast<int>(r.width), static_cast<int>(r.height)});
    return crop;
}

/// The typeset text of the equation on screen (every glyph run, in reading order).
std::u32string typesetText(const app::LessonSession& session) {
    std::u32string text;
    for (const auto& run : session.screen().equation().layout().glyphs) text += run.text;
    return text;
}

bool samePixels(const sf::Image& a, const sf::Image& b) {
    if (a.getSize() != b.getSize()) return false;
    for (unsigned y = 0; y < a.getSize().y; ++y)
        for (unsigned x = 0; x < a.getSize().x; ++x)
            if (a.getPixel(x, y) != b.getPixel(x, y)) return false;
    return true;
}

} // namespace

TEST_CASE("[app] after a lesson action switches to tanh, the A1 step is typeset with tanh") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    app::LessonSession session(allLessons(), trainer, quietOptions());
    session.setSize({1920.f, 1080.f});
    sf::RenderTexture texture;
    REQUIRE(texture.create(1920, 1080));
    const auto executesA1 = [](const lessons::LessonStep& s) { return s.executes == "forward.a1"; };

    goToStep(session, executesA1);
    const sf::Image relu = drawEquation(session, texture, trainer);
    CHECK(session.screen().equation().tex() == "A^{1} = \\mathrm{ReLU}(Z^{1})");
    CHECK(typesetText(session).find(U"ReLU") != std::u32string::npos);

    session.applyStepAction(findAction(session, lessons::ActionKind::Activation, "tanh"));
    goToStep(session, executesA1);
    const sf::Image tanh = drawEquation(session, texture, trainer);

    // One owner: the session, the trainer and the equation on screen all say tanh.
    CHECK(session.network().activation == core::Activation::Tanh);
    const auto snap = trainer.latest();
    CHECK(snap->config.activation == core::Activation::Tanh);
    CHECK(session.screen().equation().tex() == core::findEquation(session.network(), "forward.a1")->tex);
    CHECK(session.screen().equation().tex() == "A^{1} = \\tanh(Z^{1})");
    const std::u32string text = typesetText(session);
    CHECK(text.find(U"tanh") != std::u32string::npos);
    CHECK(text.find(U"ReLU") == std::u32string::npos);
    CHECK_FALSE(samePixels(relu, tanh));
    const auto shots = test::scratchDir("network-owner"); // for a human to look at
    relu.saveToFile((shots / "a1-relu.png").string());
    tanh.saveToFile((shots / "a1-tanh.png").string());
    // ...and the A1 on screen is tanh of Z1: every entry in (−1, 1), some of them negative.
    const Eigen::MatrixXf& A1 = *snap->tensor("A1");
    CHECK(A1.maxCoeff() <= 1.f);
    CHECK(A1.minCoeff() < 0.f);
    CHECK((A1.array() - snap->tensor("Z1")->array().tanh()).abs().maxCoeff() < 1e-6f);
}

TEST_CASE("[app] after hidden = 128, 64 the session steps through all 24 equations of the new network") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    app::LessonSession session(allLessons(), trainer, quietOptions());
    session.applyStepAction(findAction(session, lessons::ActionKind::Hidden, "128,64"));
    REQUIRE(trainer.waitUntilIdle(60s));
    const core::NetworkConfig network = session.network();
    REQUIRE(network.hidden == std::vector<int>{128, 64});
    CHECK(trainer.latest()->config == network);

    // The lesson positions follow the network: update.b2 is the 22nd equation of 784-128-64-10.
    goToStep(session, [](const lessons::LessonStep& s) { return s.executes == "update.b2"; });
    REQUIRE(trainer.waitUntilIdle(60s));
    CHECK(trainer.latest()->position == 22u);
    CHECK(session.player().stepperTarget(network) == 22u);

    // From the start of an iteration, one equation at a time: each shows its own tensor.
    trainer.send(training::command::SeekPosition{0});
    REQUIRE(trainer.waitUntilIdle(60s));
    const auto start = trainer.latest();
    const auto equations = core::iterationEquations(network);
    REQUIRE(equations.size() == 24u);
    for (std::size_t k = 0; k < equations.size(); ++k) {
        INFO(equations[k].id);
        trainer.send(training::command::StepEquation{});
        REQUIRE(trainer.waitUntilIdle(60s));
        const auto snap = trainer.latest();
        CHECK(snap->position == k + 1);
        CHECK(snap->equationIds.at(k) == equations[k].id);
        const Eigen::MatrixXf* out = snap->tensor(equations[k].output);
        REQUIRE(out != nullptr);
        const auto info = core::findTensor(network, equations[k].output);
        REQUIRE(info);
        CHECK(out->rows() == info->rows);
        if (!info->perSample()) CHECK(out->cols() == info->cols);
    }

    // The 24 steps leave exactly the parameters one fused iteration gives, bit for bit.
    const auto stepped = trainer.latest();
    core::Stepper fused(network, start->parameters, trainer.data().train, trainer.data().totalRows);
    fused.runIteration();
    for (int l = 1; l <= network.layers(); ++l) {
        CHECK(stepped->parameters.W(l) == fused.parameters().W(l));
        CHECK(stepped->parameters.b(l) == fused.parameters().b(l));
    }
}

TEST_CASE("[app] in the paper-faithful mode the gradient views divide by all the rows") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    app::LessonSession session(allLessons(), trainer, quietOptions());
    session.applyStepAction(findAction(session, lessons::ActionKind::PaperFaithful, "on"));
    goToStep(session, [](const lessons::LessonStep& s) { return s.executes == "backward.dw2"; });
    REQUIRE(trainer.waitUntilIdle(60s));
    const auto snap = trainer.latest();
    REQUIRE(snap->config.paperFaithful);
    CHECK(snap->gradientDivisor() == trainer.data().totalRows);
    CHECK(snap->gradientDivisor() > snap->trainColumns);
    session.setSize({1920.f, 1080.f});
    sf::RenderTexture texture;
    REQUIRE(texture.create(1920, 1080));
    drawEquation(session, texture, trainer);
    // The shape line names the divisor, and the step's equation is the script's.
    const std::string rows = views::formatCount(static_cast<long>(trainer.data().totalRows));
    CHECK(session.screen().shapeLineText().find("m_all = " + rows) != std::string::npos);
    CHECK(session.screen().equation().tex() == "dW^{2} = \\frac{1}{m_{\\mathrm{all}}} dZ^{2} A^{1\\top}");
}

TEST_CASE("[app] fresh weights and a new network keep the session and the trainer in step") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    app::LessonSession session(allLessons(), trainer, quietOptions());
    session.applyStepAction(findAction(session, lessons::ActionKind::Reset, ""));
    REQUIRE(trainer.waitUntilIdle(60s));
    CHECK(trainer.latest()->config == session.network()); // the new seed is the session's too
    session.applyStepAction(findAction(session, lessons::ActionKind::Activation, "sigmoid"));
    session.applyStepAction(findAction(session, lessons::ActionKind::Alpha, "1"));
    REQUIRE(trainer.waitUntilIdle(60s));
    CHECK(trainer.latest()->config == session.network());
    CHECK(session.network().activation == core::Activation::Sigmoid);
    CHECK(session.network().alpha == 1.f);
    CHECK(session.network().seed == 1u);
}

TEST_CASE("[app] lessons 3 and 8 open draw-a-digit with their Draw button, on the live network") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist(300));
    app::LessonSession session(allLessons(), trainer, quietOptions());
    session.setSize({1920.f, 1080.f});
    for (const std::string_view lesson : {"forward", "results"}) {
        INFO(lesson);
        REQUIRE(session.player().jumpTo(lesson));
        const auto& steps = session.player().currentLesson().steps;
        std::optional<lessons::StepAction> draw;
        for (const auto& step : steps)
            for (const auto& a : step.actions)
                if (a.kind == lessons::ActionKind::DrawDigit) draw = a;
        REQUIRE(draw);
        CHECK(draw->label == "Draw a digit (G)");
        const auto before = session.network();
        CHECK_FALSE(session.drawing());
        session.applyStepAction(*draw);
        CHECK(session.drawing());
        CHECK(session.network() == before); // the same network, untouched
        press(session, sf::Keyboard::G);
        CHECK_FALSE(session.drawing());
    }
    REQUIRE(trainer.waitUntilIdle(60s));
}

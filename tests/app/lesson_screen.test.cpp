// Every step of every lesson renders headlessly (under Xvfb) through the same LessonScreen the
// window uses, and the pixels say so: heatmap cells carry their tensor value through the
// colormap, the narration and equation regions hold ink, and stepping really runs equations.
#include "app/screens/lesson_screen.hpp"
#include "support/display.hpp"
#include "lessons/lesson_parser.hpp"
#include "support/test_paths.hpp"
#include "training/trainer.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include "app_support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <thread>

using namespace stepwise;
using namespace std::chrono_literals;

using namespace stepwise::test;

namespace {

/// Pixels in \p rect that differ clearly from \p background.
int inkIn(const sf::Image& image, const sf::FloatRect& rect, sf::Color background) {
    int ink = 0;
    const auto size = image.getSize();
    for (int y = static_cast<int>(rect.top); y < static_cast<int>(rect.top + rect.height); y += 2)
        for (int x = static_cast<int>(rect.left); x < static_cast<int>(rect.left + rect.width); x += 2) {
            if (x < 0 || y < 0 || x >= static_cast<int>(size.x) || y >= static_cast<int>(size.y)) continue;
            const sf::Color c = image.getPixel(static_cast<unsigned>(x), static_cast<unsigned>(y));
            if (std::abs(c.r - background.r) + std::abs(c.g - background.g) + std::abs(c.b - background.b) > 90) ++ink;
        }
    return ink;
}

} // namespace

TEST_CASE("[app] every step of every lesson renders with ink, equations and true heatmap colours") {
    stepwise::test::requireDisplay();
    const auto library = lessons::loadLibrary(test::sourceDir() / "lessons");
    REQUIRE(library.errors.empty());
    REQUIRE(library.lessons.size() >= 9);
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    lessons::LessonPlayer player(library.lessons);
    app::LessonScreen screen(views::Theme::dark());
    sf::RenderTexture texture;
    REQUIRE(texture.create(1280, 720));
    screen.setSize({1280.f, 720.f});
    std::size_t steps = 0, heatmapsChecked = 0;
    long completed = 0; // the most iterations any step's snapshot had completed
    do {
        if (const auto target = player.stepperTarget(trainer.latest()->config)) trainer.send(training::command::SeekPosition{*target});
        REQUIRE(trainer.waitUntilIdle(60s));
        const auto snap = trainer.latest();
        const auto& lesson = player.currentLesson();
        INFO(lesson.id << " step " << player.stepIndex() + 1);
        if (const auto target = player.stepperTarget(trainer.latest()->config)) CHECK(snap->position == *target);
        for (int pass = 0; pass < 2; ++pass) {
            screen.update(lesson, player.stepIndex(), *snap);
            screen.draw(texture);
        }
        texture.display();
        const sf::Image image = texture.getTexture().copyToImage();
        const auto& theme = screen.theme();
        CHECK(inkIn(image, screen.narrationRect(), theme.panel) > 200);
        if (!player.currentStep().equationTex(snap->config).empty()) CHECK(inkIn(image, screen.equationRect(), theme.panel) > 100);
        const auto panels = screen.panelRects();
        for (std::size_t i = 0; i < panels.size(); ++i) {
            CHECK(inkIn(image, panels[i].second, theme.panel) > 50);
            const views::MatrixView* mv = screen.matrixPanel(i);
            if (!mv || mv->rows() == 0) continue;
            const Eigen::MatrixXf* t = snap->tensor(mv->name());
            if (!t) continue;
            for (int r : {0, mv->rows() / 2, mv->rows() - 1}) {
                const int c = mv->windowFirst();
                const sf::FloatRect cell = mv->cellRect(r, c);
                if (cell.width < 4 || cell.height < 4) continue;
                // Sample the cell's corner area, away from any number written at its centre.
                const auto px = image.getPixel(static_cast<unsigned>(cell.left + 2), static_cast<unsigned>(cell.top + 2));
                const sf::Color want = mv->colormap().map((*t)(r, c));
                INFO(mv->name() << "[" << r << ", " << c << "] = " << (*t)(r, c));
                CHECK(std::abs(px.r - want.r) <= 3);
                CHECK(std::abs(px.g - want.g) <= 3);
                CHECK(std::abs(px.b - want.b) <= 3);
                ++heatmapsChecked;
            }
        }
        ++steps;
        completed = std::max(completed, snap->iteration);
    } while (player.next());
    CHECK(steps == library.stepCount());
    CHECK(heatmapsChecked > 20);
    // Walking the lessons executed the iteration equation by equation; it really advanced (a
    // later step inside an update steps back into it, so the last snapshot may be mid-iteration).
    CHECK(completed >= 1);
}

TEST_CASE("[app] stepping back keeps the earlier tensors on screen") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    trainer.send(training::command::SeekPosition{5}); // through forward.a2
    REQUIRE(trainer.waitUntilIdle(30s));
    const Eigen::MatrixXf a2 = *trainer.latest()->tensor("A2");
    trainer.send(training::command::SeekPosition{9});
    trainer.send(training::command::SeekPosition{5});
    REQUIRE(trainer.waitUntilIdle(30s));
    CHECK(*trainer.latest()->tensor("A2") == a2);
    CHECK(trainer.latest()->tensor("dW2") == nullptr);
}

TEST_CASE("[app] shape line of the paper's equations") {
    training::TrainingSnapshot s;
    s.trainColumns = 41000;
    s.paperRows = 42000;
    CHECK(app::shapeLine(s, "forward.z1") == "(10×784)·(784×m) + (10×1) → 10×m     (m = 41,000)");
    CHECK(app::shapeLine(s, "backward.dw1").starts_with("(1/m)·(10×m)·(m×784) → 10×784"));
    CHECK(app::shapeLine(s, "update.b2").starts_with("(10×1) − α·(10×1) → 10×1"));
    CHECK(app::shapeLine(s, "backward.dw9").empty()); // no such equation in 784-10-10

    // Paper-faithful: the gradients are divided by all 42,000 rows, and the line says so.
    s.config.paperFaithful = true;
    CHECK(s.gradientDivisor() == 42000);
    CHECK(app::shapeLine(s, "backward.dw2") ==
          "(1/m_all)·(10×m)·(m×10) → 10×10, m_all = every row of the file     (m = 41,000; m_all = 42,000)");

    // Deeper networks get their own shapes from the catalogue.
    s.config.paperFaithful = false;
    s.config.hidden = {128, 64};
    CHECK(app::shapeLine(s, "backward.dz2").starts_with("(64×10)·(10×m) ⊙ (64×m) → 64×m"));
}

TEST_CASE("[app] alpha = 10 on MNIST ends in a clearly explained stop, not NaN") {
    core::NetworkConfig config;
    config.alpha = 10.0f;
    training::Trainer trainer(config, smallMnist());
    trainer.send(training::command::RunIterations{200});
    REQUIRE(trainer.waitUntilIdle(120s));
    const auto snap = trainer.latest();
    CHECK(snap->state == training::TrainerState::Diverged);
    INFO(snap->message);
    CHECK((snap->message.find("Stuck at iteration") != std::string::npos ||
           snap->message.find("Diverged at iteration") != std::string::npos));
    CHECK(snap->message.find("Press R") != std::string::npos);
    CHECK(snap->parameters.allFinite());
}

TEST_CASE("[app] a step change while the gradient check runs hands the check off instead of waiting for it") {
    // The check runs in a std::async future, whose destructor blocks: dropping the panel with it
    // froze the window for the whole check on every step change in lesson 7 (the soak's 500 ms frames).
    stepwise::test::requireDisplay();
    const auto library = lessons::loadLibrary(test::sourceDir() / "lessons");
    REQUIRE(library.errors.empty());
    lessons::LessonPlayer player(library.lessons);
    REQUIRE(player.jumpTo("gradcheck", 0));
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    trainer.send(training::command::StepIteration{}); // a whole iteration leaves its gradients
    REQUIRE(trainer.waitUntilIdle(30s));
    const auto snap = trainer.latest();
    REQUIRE(snap->tensor("dW1") != nullptr);
    app::LessonScreen screen(views::Theme::dark());
    screen.setSize({1280.f, 720.f});
    screen.update(player.currentLesson(), 0, *snap); // starts the check
    REQUIRE(screen.busy());
    CHECK(screen.abandonedChecks() == 0);
    screen.update(player.currentLesson(), 1, *snap); // the next step: a new panel, a new check
    CHECK(screen.abandonedChecks() == 1);
    // The handed-off check is dropped once it is done, by a later frame, never waited for.
    for (int frame = 0; frame < 6000 && screen.abandonedChecks() > 0; ++frame) {
        std::this_thread::sleep_for(10ms);
        screen.update(player.currentLesson(), 1, *snap);
    }
    CHECK(screen.abandonedChecks() == 0);
}

// The cheat-sheet (issue 12, device 9): T shows every equation of the live network on one page,
// with its shape rule, generated from the catalogue; it follows the network, fits 1920 × 1080 and
// 1280 × 720 in presenter mode, and T or Esc closes it.
#include "app/screens/lesson_session.hpp"
#include "core/equation_catalogue.hpp"
#include "support/display.hpp"
#include "training/trainer.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include "app_support.hpp"

#include <catch2/catch.hpp>

using namespace stepwise;
using namespace std::chrono_literals;
using namespace stepwise::test;

namespace {

app::SessionOptions quietOptions() { return scratchSessionOptions("cheat-sheet-checkpoints"); }

sf::Image frame(app::LessonSession& session, training::Trainer& trainer, sf::RenderTexture& texture) {
    return settledFrame(session, trainer, texture);
}

// Every equation lies inside the sheet, none overlaps another, and each is at least \p minSize px.
void checkLaidOut(const views::EquationSheet& sheet, float minSize) {
    const sf::FloatRect area = sheet.area();
    CHECK(sheet.equationSize() >= minSize);
    const auto& views = sheet.equations();
    for (std::size_t i = 0; i < views.size(); ++i) {
        INFO(sheet.ids()[i]);
        const sf::FloatRect b = views[i].bounds();
        CHECK(b.left >= area.left);
        CHECK(b.top >= area.top);
        CHECK(b.left + b.width <= area.left + area.width);
        CHECK(b.top + b.height <= area.top + area.height);
        for (std::size_t k = i + 1; k < views.size(); ++k) CHECK_FALSE(b.intersects(views[k].bounds()));
    }
}

} // namespace

TEST_CASE("[app] T shows every equation of the live network with its shape, and it follows the network") {
    requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist(300));
    app::LessonSession session(allLessons(), trainer, quietOptions());
    session.setSize({1920.f, 1080.f});
    sf::RenderTexture texture;
    REQUIRE(texture.create(1920, 1080));
    session.syncTrainer();

    press(session, sf::Keyboard::T);
    REQUIRE(session.screen().cheatSheetShown());
    sf::Image image = frame(session, trainer, texture);
    image.saveToFile((scratchDir("cheat-sheet-shots") / "cheat-sheet-1080.png").string()); // for a human to look at
    const views::EquationSheet& sheet = session.screen().cheatSheet();
    const auto equations = core::iterationEquations(core::NetworkConfig{});
    REQUIRE(sheet.equations().size() == equations.size());
    REQUIRE(equations.size() == 17);
    for (std::size_t i = 0; i < equations.size(); ++i) {
        CHECK(sheet.ids()[i] == equations[i].id);
        CHECK(sheet.equations()[i].tex() == equations[i].tex);
        CHECK(sheet.shapes()[i] == equations[i].shape);
        // Each shape line sits just under its equation.
        const sf::FloatRect b = sheet.equations()[i].bounds();
        CHECK(sheet.shapePlaces()[i].x == Approx(b.left));
        CHECK(sheet.shapePlaces()[i].y >= b.top + b.height);
        CHECK(sheet.shapePlaces()[i].y < b.top + b.height + 12.f);
    }
    CHECK(sheet.title() == "Cheat-sheet: the 17 equations of one iteration");
    CHECK(sheet.subtitle().starts_with("The " + core::describe(core::NetworkConfig{}) + " network"));
    checkLaidOut(sheet, 20.f);
    // The sheet is drawn: its frame in the accent colour runs along the top edge.
    const auto y = static_cast<unsigned>(sheet.area().top);
    int accent = 0;
    for (unsigned x = 100; x < 1800; ++x) accent += image.getPixel(x, y) == session.screen().theme().accent;
    CHECK(accent > 1500);
    // dZ¹'s column: backward.dz1 sits right of forward.z1, update.w1 right of both.
    const auto at = [&](std::string_view id) {
        const auto& ids = sheet.ids();
        return sheet.equations()[static_cast<std::size_t>(std::find(ids.begin(), ids.end(), id) - ids.begin())].bounds();
    };
    CHECK(at("backward.dz1").left > at("forward.z1").left + at("forward.z1").width);
    CHECK(at("update.w1").left > at("backward.dz1").left);

    // Esc closes it; T opens it again; a deeper network with Adam brings its own equations.
    press(session, sf::Keyboard::Escape);
    CHECK_FALSE(session.screen().cheatSheetShown());
    core::NetworkConfig deep;
    deep.hidden = {128, 64};
    deep.optimizer = core::Optimizer::Adam;
    trainer.send(training::command::Reconfigure{deep});
    REQUIRE(trainer.waitUntilIdle(60s));
    press(session, sf::Keyboard::T);
    (void)frame(session, trainer, texture);
    const auto deepEquations = core::iterationEquations(trainer.latest()->config);
    CHECK(deepEquations.size() == 9 + 9 + 18); // forward and loss, backward, Adam's three per parameter
    CHECK(sheet.equations().size() == deepEquations.size());
    checkLaidOut(sheet, 14.f);
    press(session, sf::Keyboard::T);
    CHECK_FALSE(session.screen().cheatSheetShown());
}

TEST_CASE("[app] the cheat-sheet fits 1280 x 720 in presenter mode at a size the back row can read") {
    requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist(300));
    app::LessonSession session(allLessons(), trainer, quietOptions());
    session.setSize({1280.f, 720.f});
    sf::RenderTexture texture;
    REQUIRE(texture.create(1280, 720));
    session.syncTrainer();
    press(session, sf::Keyboard::F5);
    REQUIRE(session.presenting());
    press(session, sf::Keyboard::T);
    const sf::Image image = frame(session, trainer, texture);
    image.saveToFile((scratchDir("cheat-sheet-shots-720") / "cheat-sheet-720-present.png").string());
    const views::EquationSheet& sheet = session.screen().cheatSheet();
    REQUIRE(sheet.equations().size() == 17);
    checkLaidOut(sheet, 24.f);
}

// The help overlay's glossary page (issue 12, device 8): Tab shows every term of
// lessons/glossary.md, at 1920 × 1080 and at 1280 × 720 in presenter mode; Tab again shows the
// keys. The lesson menu names each lesson's reading time.
#include "app/screens/lesson_session.hpp"
#include "lessons/glossary.hpp"
#include "support/display.hpp"
#include "training/trainer.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include "app_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace stepwise;
using namespace std::chrono_literals;
using namespace stepwise::test;

TEST_CASE("[app] Tab opens the glossary page with every term, also at 720p in presenter mode") {
    requireDisplay();
    const auto file = sourceDir() / "lessons" / std::string(lessons::kGlossaryFile);
    const auto entries = lessons::loadGlossary(file);
    REQUIRE(entries.size() >= 16u);
    training::Trainer trainer(core::NetworkConfig{}, smallMnist(300));
    app::SessionOptions options;
    options.checkpointDir = scratchDir("glossary-checkpoints");
    options.glossaryFile = file;
    app::LessonSession session(allLessons(), trainer, options);
    session.syncTrainer();
    REQUIRE(trainer.waitUntilIdle(60s));

    press(session, sf::Keyboard::Tab);
    REQUIRE(session.screen().helpShown());
    REQUIRE(session.screen().glossaryShown());
    for (const bool present : {false, true}) {
        const sf::Vector2u size = present ? sf::Vector2u{1280, 720} : sf::Vector2u{1920, 1080};
        if (present) press(session, sf::Keyboard::F5);
        REQUIRE(session.presenting() == present);
        session.setSize({static_cast<float>(size.x), static_cast<float>(size.y)});
        sf::RenderTexture texture;
        REQUIRE(texture.create(size.x, size.y));
        session.draw(texture);
        texture.display();
        const sf::Image image = texture.getTexture().copyToImage();
        image.saveToFile((scratchDir(present ? "glossary-720-present" : "glossary-1080") / "glossary.png").string());
        INFO("presenting: " << present);
        // Every entry is shown, on one page or (on a small projector) over the pages Tab turns.
        std::size_t shown = session.screen().glossaryEntriesDrawn();
        const std::size_t pages = session.screen().glossaryPage().second;
        CHECK(pages <= (present ? 2u : 1u));
        for (std::size_t page = 1; page < pages; ++page) {
            press(session, sf::Keyboard::Tab);
            CHECK(session.screen().glossaryPage().first == page);
            session.draw(texture);
            texture.display();
            texture.getTexture().copyToImage().saveToFile(
                (scratchDir("glossary-720-present-" + std::to_string(page + 1)) / "glossary.png").string());
            shown += session.screen().glossaryEntriesDrawn();
        }
        CHECK(shown == entries.size());
        CHECK(session.screen().glossarySize() >= (present ? 18u : 15u)); // readable from the back at 720p
        // Tab from the last page shows the keys; Tab again the glossary's first page.
        press(session, sf::Keyboard::Tab);
        CHECK(session.screen().helpShown());
        CHECK_FALSE(session.screen().glossaryShown());
        press(session, sf::Keyboard::Tab);
        CHECK(session.screen().glossaryShown());
        CHECK(session.screen().glossaryPage().first == 0u);
        session.draw(texture);
        // The terms are written in the accent colour: plenty of it on the page.
        std::size_t accent = 0;
        for (unsigned y = 0; y < size.y; y += 2)
            for (unsigned x = 0; x < size.x; x += 2) accent += image.getPixel(x, y) == session.screen().theme().accent;
        CHECK(accent > 200u);
    }
    // The lesson menu gives each lesson its reading time.
    const auto& menu = session.screen().menuLessons();
    REQUIRE(menu.size() == session.player().lessons().size());
    for (std::size_t i = 0; i < menu.size(); ++i)
        CHECK(menu[i].minutes == lessons::readingMinutes(session.player().lessons()[i]));
    press(session, sf::Keyboard::F1);
    CHECK_FALSE(session.screen().helpShown());
    press(session, sf::Keyboard::F1); // F1 always opens on the keys
    CHECK(session.screen().helpShown());
    CHECK_FALSE(session.screen().glossaryShown());
}

TEST_CASE("[app] a malformed glossary says what is wrong on its page, and the lessons go on") {
    requireDisplay();
    const auto dir = scratchDir("glossary-bad");
    std::ofstream(dir / "glossary.md") << "# Glossary\n- **bias** a number\n";
    training::Trainer trainer(core::NetworkConfig{}, smallMnist(300));
    app::SessionOptions options;
    options.checkpointDir = scratchDir("glossary-bad-checkpoints");
    options.glossaryFile = dir / "glossary.md";
    app::LessonSession session(allLessons(), trainer, options);
    press(session, sf::Keyboard::Tab);
    sf::RenderTexture texture;
    REQUIRE(texture.create(1280, 720));
    session.setSize({1280.f, 720.f});
    session.draw(texture);
    CHECK(session.screen().glossaryShown());
    CHECK(session.screen().glossaryEntriesDrawn() == 0u);
    CHECK(session.screen().glossaryProblem() ==
          (dir / "glossary.md").string() + ":2:5: expected **: after the term (lessons --check validates it)");
    CHECK(session.player().lessons().size() == allLessons().lessons().size());
    REQUIRE(trainer.waitUntilIdle(60s));
}

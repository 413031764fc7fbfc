// Desktop habits of the window: Ctrl+Q and F1 through the key table, a title naming the lesson
// and step, a remembered window size and place fitted onto today's desktop, the launcher
// reopening the last lesson and step, and the palette key K. Keys are synthesised events fed to
// LessonSession (the object the window feeds); the window itself is opened under Xvfb.
#include "app/commands/window_command.hpp"
#include "app/screens/key_bindings.hpp"
#include "app/screens/lesson_session.hpp"
#include "app/screens/settings.hpp"
#include "support/display.hpp"
#include "training/trainer.hpp"
#include "views/colormap.hpp"

#include "app_support.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Graphics/RenderWindow.hpp>
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace stepwise;
using namespace std::chrono_literals;
using namespace stepwise::test;

namespace {

app::SessionOptions options(std::filesystem::path settings) {
    app::SessionOptions o;
    o.settingsFile = std::move(settings);
    o.checkpointDir = test::scratchDir("desktop-checkpoints");
    o.exportDir = test::scratchDir("desktop-exports");
    return o;
}

std::string helpText() {
    std::string all;
    for (const auto& l : app::helpLines()) all += l.keys + " | " + l.description + "\n";
    return all;
}

} // namespace

TEST_CASE("[app] Ctrl+Q quits and F1 opens the help, through the key table") {
    CHECK(app::boundAction(sf::Keyboard::Q, true) == app::UiAction::Quit);
    CHECK_FALSE(app::boundAction(sf::Keyboard::Q, false)); // a plain Q does nothing
    CHECK(app::boundAction(sf::Keyboard::F1, false) == app::UiAction::Help);
    CHECK(app::boundAction(sf::Keyboard::H, false) == app::UiAction::Help);
    CHECK(app::boundAction(sf::Keyboard::K, false) == app::UiAction::Palette);
    CHECK_FALSE(app::boundAction(sf::Keyboard::K, true));
    const std::string help = helpText();
    CHECK(help.find("F1  H") != std::string::npos);
    CHECK(help.find("Ctrl+Q") != std::string::npos);
    CHECK(help.find("heatmap colours") != std::string::npos);
    CHECK(app::buttonLabel(app::UiAction::Help) == "Help (F1)");

    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    app::LessonSession session(allLessons(), trainer, options({}));
    session.setSize({1920.f, 1080.f});
    CHECK_FALSE(session.screen().helpShown());
    CHECK(session.handleEvent(keyEvent(sf::Keyboard::F1)) == app::WindowRequest::None);
    CHECK(session.screen().helpShown());
    // Every line of the help is on screen (Ctrl+Q and F1 are near the end), also in presenter
    // mode at 1280 × 720 where the text is largest for the room.
    sf::RenderTexture texture;
    REQUIRE(texture.create(1280, 720));
    for (const bool present : {false, true}) {
        if (present) press(session, sf::Keyboard::F5);
        session.setSize({1280.f, 720.f});
        session.draw(texture);
        texture.display();
        texture.getTexture().copyToImage().saveToFile( // for a human to look at
            (stepwise::test::scratchDir(present ? "help-720-present" : "help-720") / "help.png").string());
        INFO("presenting: " << present);
        CHECK(session.screen().helpLinesDrawn() == app::helpLines().size());
    }
    press(session, sf::Keyboard::Escape);
    press(session, sf::Keyboard::F1);
    CHECK_FALSE(session.screen().helpShown());
    CHECK(session.handleEvent(keyEvent(sf::Keyboard::Q)) == app::WindowRequest::None);
    CHECK(session.handleEvent(keyEvent(sf::Keyboard::Q, true)) == app::WindowRequest::Quit);
    // Ctrl+Q quits from the draw-a-digit screen too.
    press(session, sf::Keyboard::G);
    REQUIRE(session.drawing());
    CHECK(session.handleEvent(keyEvent(sf::Keyboard::Q, true)) == app::WindowRequest::Quit);
    REQUIRE(trainer.waitUntilIdle(60s));
}

TEST_CASE("[app] the window title names the lesson and the step, and follows them") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    app::LessonSession session(allLessons(), trainer, options({}));
    CHECK(session.windowTitle() == "stepwise \xE2\x80\x94 1 The task and the data \xC2\xB7 step 1/10");
    press(session, sf::Keyboard::Right);
    CHECK(session.windowTitle() == "stepwise \xE2\x80\x94 1 The task and the data \xC2\xB7 step 2/10");
    press(session, sf::Keyboard::End);
    CHECK(session.windowTitle() == "stepwise \xE2\x80\x94 1 The task and the data \xC2\xB7 step 10/10");
    // → walks through the end check (each press reveals or moves on), then on into lesson 2.
    for (int i = 0; i < 20 && session.player().lessonIndex() == 0; ++i) press(session, sf::Keyboard::Right);
    CHECK(session.windowTitle().rfind("stepwise \xE2\x80\x94 2 ", 0) == 0);
    CHECK(session.windowTitle().find("\xC2\xB7 step 1/") != std::string::npos);
    REQUIRE(session.player().jumpTo("update", 3));
    CHECK(session.windowTitle() == "stepwise \xE2\x80\x94 6 The update \xC2\xB7 step 4/10");
    REQUIRE(trainer.waitUntilIdle(60s));
}

TEST_CASE("[app] a remembered window is fitted onto the desktop") {
    using app::WindowGeometry;
    using app::restoredGeometry;
    // On screen: unchanged.
    CHECK(restoredGeometry({100, 50, 1280, 720}, 1920, 1080) == WindowGeometry{100, 50, 1280, 720});
    // Last seen on a second monitor to the right, or partly above and left: moved fully on screen.
    CHECK(restoredGeometry({2500, 300, 1280, 720}, 1920, 1080) == WindowGeometry{640, 300, 1280, 720});
    CHECK(restoredGeometry({1800, 1000, 1280, 720}, 1920, 1080) == WindowGeometry{640, 360, 1280, 720});
    CHECK(restoredGeometry({-400, -30, 1280, 720}, 1920, 1080) == WindowGeometry{0, 0, 1280, 720});
    // Larger than today's desktop (a 4K monitor then, a laptop now): the desktop's size.
    CHECK(restoredGeometry({-10, 20, 3840, 2160}, 1366, 768) == WindowGeometry{0, 0, 1366, 768});
    // Tiny: the smallest window the layout is made for; a desktop smaller than that: the desktop.
    CHECK(restoredGeometry({10, 10, 50, 40}, 1920, 1080) ==
          WindowGeometry{10, 10, app::kMinWindowWidth, app::kMinWindowHeight});
    CHECK(restoredGeometry({10, 10, 50, 40}, 640, 480) == WindowGeometry{0, 0, 640, 480});
    CHECK(restoredGeometry({0, 0, 1280, 720}, 0, 0) == WindowGeometry{0, 0, 1, 1}); // never a zero-size window
}

TEST_CASE("[app] the window size and place survive a restart, and odd entries are dropped") {
    const auto file = test::scratchDir("desktop-geometry") / "stepwise" / "settings.toml";
    app::Settings s;
    s.window = app::WindowGeometry{-120, 40, 1500, 900};
    s.textScale = 1.1f;
    REQUIRE(app::saveSettings(file, s));
    const app::Settings back = app::loadSettings(file);
    REQUIRE(back.window);
    CHECK(*back.window == app::WindowGeometry{-120, 40, 1500, 900});
    CHECK(back.textScale == Approx(1.1f));
    // A file without a window, with a broken one, or with absurd numbers: no geometry, defaults elsewhere kept.
    for (const std::string window :
         {"", "[window]\nx = 1\ny = 2\nwidth = 0\nheight = 600\n", "[window]\nx = 1\ny = 2\nwidth = 800\n",
          "[window]\nx = 'a'\ny = 2\nwidth = 800\nheight = 600\n",
          "[window]\nx = 1\ny = 2\nwidth = 99999999999\nheight = 600\n", "window = 3\n"}) {
        INFO(window);
        std::ofstream(file) << "text_scale = 1.2\n" << window;
        const app::Settings odd = app::loadSettings(file);
        CHECK_FALSE(odd.window);
        CHECK(odd.textScale == Approx(1.2f));
    }
    // The session writes what the window loop hands it, and a new session reads it back.
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    {
        app::LessonSession session(allLessons(), trainer, options(file));
        session.rememberWindowGeometry({30, 60, 1400, 800});
    }
    app::LessonSession again(allLessons(), trainer, options(file));
    REQUIRE(again.settings().window);
    CHECK(*again.settings().window == app::WindowGeometry{30, 60, 1400, 800});
    REQUIRE(trainer.waitUntilIdle(60s));
}

TEST_CASE("[app] the window opens where it was remembered, clamped onto the desktop, and fullscreen on the desktop") {
    stepwise::test::requireDisplay();
    const sf::VideoMode desktop = sf::VideoMode::getDesktopMode();
    REQUIRE(desktop.width >= 1280u);
    REQUIRE(desktop.height >= 720u);
    sf::RenderWindow window;
    app::openLessonWindow(window, false, {40, 50, 1000, 700}, "stepwise \xE2\x80\x94 test");
    REQUIRE(window.isOpen());
    CHECK(app::windowGeometry(window) == app::WindowGeometry{40, 50, 1000, 700});
    // Off the right and bottom edges (a monitor that is gone): moved back fully on screen.
    app::openLessonWindow(window, false, {static_cast<int>(desktop.width) + 500, static_cast<int>(desktop.height), 1000, 700},
                          "stepwise");
    CHECK(app::windowGeometry(window) ==
          app::WindowGeometry{static_cast<int>(desktop.width) - 1000, static_cast<int>(desktop.height) - 700, 1000, 700});
    app::openLessonWindow(window, true, {40, 50, 1000, 700}, "stepwise");
    CHECK(window.getSize() == sf::Vector2u(desktop.width, desktop.height));
    window.close();
}

TEST_CASE("[app] the launcher reopens the last lesson and step, and --lesson and --step override") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    const auto file = test::scratchDir("desktop-last") / "settings.toml";
    {
        app::LessonSession session(allLessons(), trainer, options(file));
        press(session, sf::Keyboard::Right);
        press(session, sf::Keyboard::Right); // lesson "data", step 3
    }
    const app::Settings remembered = app::loadSettings(file);
    CHECK(remembered.lastLesson == "data");
    CHECK(remembered.lastStep == 2u);
    std::ostringstream err;
    {
        lessons::LessonPlayer player = allLessons();
        CHECK(app::openStartStep(player, app::WindowOptions{}, remembered, err));
        CHECK(player.currentLesson().id == "data");
        CHECK(player.stepIndex() == 2u);
    }
    {
        lessons::LessonPlayer player = allLessons();
        app::WindowOptions o;
        o.lesson = "update";
        CHECK(app::openStartStep(player, o, remembered, err));
        CHECK(player.currentLesson().id == "update");
        CHECK(player.stepIndex() == 0u);
        o.step = 5;
        o.stepGiven = true;
        CHECK(app::openStartStep(player, o, remembered, err));
        CHECK(player.stepIndex() == 4u);
    }
    {
        lessons::LessonPlayer player = allLessons(); // --step alone: that step of the last lesson
        app::WindowOptions o;
        o.step = 5;
        o.stepGiven = true;
        CHECK(app::openStartStep(player, o, remembered, err));
        CHECK(player.currentLesson().id == "data");
        CHECK(player.stepIndex() == 4u);
    }
    {
        // A remembered step the lesson no longer has: its first step; a lesson that is gone: lesson 1.
        lessons::LessonPlayer player = allLessons();
        app::Settings stale = remembered;
        stale.lastLesson = "update";
        stale.lastStep = 99;
        CHECK(app::openStartStep(player, app::WindowOptions{}, stale, err));
        CHECK(player.currentLesson().id == "update");
        CHECK(player.stepIndex() == 0u);
        lessons::LessonPlayer other = allLessons();
        stale.lastLesson = "no-such-lesson";
        CHECK(app::openStartStep(other, app::WindowOptions{}, stale, err));
        CHECK(other.lessonIndex() == 0u);
        CHECK(other.stepIndex() == 0u);
    }
    CHECK(err.str().empty());
    {
        lessons::LessonPlayer player = allLessons();
        app::WindowOptions o;
        o.lesson = "update";
        o.step = 40;
        CHECK_FALSE(app::openStartStep(player, o, remembered, err));
        const std::string steps = std::to_string(player.currentLesson().steps.size());
        CHECK(err.str() == "stepwise: --step 40: lesson \"update\" has steps 1 to " + steps + "; there is no step 40\n");
    }
    REQUIRE(trainer.waitUntilIdle(60s));
}

TEST_CASE("[app] K cycles the heatmap palette, the views follow and the choice is remembered") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    const auto file = test::scratchDir("desktop-palette") / "settings.toml";
    sf::RenderTexture texture;
    REQUIRE(texture.create(1920, 1080));
    {
        app::LessonSession session(allLessons(), trainer, options(file));
        session.setSize({1920.f, 1080.f});
        REQUIRE(session.player().jumpTo("anatomy", 2)); // the b1 heatmap
        session.syncTrainer();
        REQUIRE(trainer.waitUntilIdle(60s));
        session.draw(texture);
        REQUIRE(session.screen().matrixPanel(0));
        CHECK(session.screen().matrixPanel(0)->colormap().palette() == views::Palette::PurpleOrange);
        press(session, sf::Keyboard::K);
        CHECK(views::heatmapPalette() == views::Palette::BlueRed);
        session.draw(texture);
        REQUIRE(session.screen().matrixPanel(0));
        CHECK(session.screen().matrixPanel(0)->colormap().palette() == views::Palette::BlueRed);
        CHECK(app::loadSettings(file).palette == "blue-red");
        press(session, sf::Keyboard::K);
        CHECK(views::heatmapPalette() == views::Palette::Greyscale);
    }
    views::setHeatmapPalette(views::Palette::PurpleOrange);
    {
        app::LessonSession again(allLessons(), trainer, options(file)); // a restart: greyscale again
        CHECK(views::heatmapPalette() == views::Palette::Greyscale);
        press(again, sf::Keyboard::K);
        CHECK(views::heatmapPalette() == views::Palette::PurpleOrange);
    }
    // An unknown name (a newer version's palette, a typo) gives the default.
    std::ofstream(file) << "palette = \"sepia\"\n";
    views::setHeatmapPalette(views::Palette::Greyscale);
    app::LessonSession third(allLessons(), trainer, options(file));
    CHECK(views::heatmapPalette() == views::Palette::PurpleOrange);
    REQUIRE(trainer.waitUntilIdle(60s));
}

TEST_CASE("[app] settings that cannot be written never stop the window") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    const auto blocker = test::scratchDir("desktop-unwritable") / "not-a-folder";
    std::ofstream(blocker) << "a file where the settings folder should be\n";
    const auto file = blocker / "stepwise" / "settings.toml";
    CHECK_FALSE(app::saveSettings(file, app::Settings{}));
    app::LessonSession session(allLessons(), trainer, options(file));
    press(session, sf::Keyboard::Right);
    press(session, sf::Keyboard::K);
    press(session, sf::Keyboard::Equal, true);
    session.rememberWindowGeometry({1, 2, 1300, 800});
    CHECK(session.player().stepIndex() == 1u);
    CHECK(views::heatmapPalette() == views::Palette::BlueRed);
    CHECK(session.settings().window == app::WindowGeometry{1, 2, 1300, 800}); // kept for this run
    CHECK(session.handleEvent(keyEvent(sf::Keyboard::Q, true)) == app::WindowRequest::Quit);
    views::setHeatmapPalette(views::Palette::PurpleOrange);
    REQUIRE(trainer.waitUntilIdle(60s));
}

TEST_CASE("[app] help overlay PNGs for a human to look at", "[.png]") {
    stepwise::test::requireDisplay();
    training::Trainer trainer(core::NetworkConfig{}, smallMnist());
    for (const bool present : {false, true})
        for (const sf::Vector2u size : {sf::Vector2u(1920, 1080), sf::Vector2u(1280, 720)}) {
            app::SessionOptions o = options({});
            o.present = present;
            app::LessonSession session(allLessons(), trainer, o);
            session.setSize({static_cast<float>(size.x), static_cast<float>(size.y)});
            press(session, sf::Keyboard::F1);
            sf::RenderTexture texture;
            REQUIRE(texture.create(size.x, size.y));
            REQUIRE(trainer.waitUntilIdle(60s));
            session.draw(texture);
            session.draw(texture);
            texture.display();
            const std::string name = "/tmp/stepwise-help-" + std::to_string(size.x) + (present ? "-present" : "") + ".png";
            CHECK(texture.getTexture().copyToImage().saveToFile(name));
        }
}

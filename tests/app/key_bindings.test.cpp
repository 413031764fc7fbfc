// The key table is the one source of the remote's keys, the help overlay and the button labels:
// every key in it does what it says through RemoteControl, and the help and buttons show it.
#include "app/screens/key_bindings.hpp"
#include "app/screens/remote_control.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace stepwise::app;

TEST_CASE("[app] every key in the key table does its action through the remote") {
    std::size_t keys = 0;
    std::set<std::pair<int, bool>> seen;
    for (const KeyBinding& b : keyBindings())
        for (const auto key : b.keys) {
            INFO(b.keyLabel << " (key code " << key << ")");
            CHECK(seen.insert({key, b.control}).second); // no key is bound twice
            RemoteControl remote;
            sf::Event::KeyEvent event{key, false, b.control, false, false};
            CHECK(remote.keyPressed(event).action == b.action);
            ++keys;
        }
    CHECK(keys >= 40u);
    CHECK(boundAction(sf::Keyboard::S, false) == UiAction::OneIteration);
    CHECK(boundAction(sf::Keyboard::S, true) == UiAction::Save);
    CHECK_FALSE(boundAction(sf::Keyboard::Z, false));
}

TEST_CASE("[app] the help overlay and the buttons are written from the key table") {
    const auto lines = helpLines();
    std::string all;
    for (const auto& l : lines) all += l.keys + " | " + l.description + "\n";
    for (const KeyBinding& b : keyBindings()) {
        INFO(b.keyLabel);
        CHECK(all.find(b.keyLabel) != std::string::npos);
        CHECK(all.find(b.help) != std::string::npos);
    }
    CHECK(lines.front().keys == "→  Space  PgDn  Enter");
    CHECK(lines[3].keys == "P  ·  S  ·  R");
    CHECK(lines[3].description == "play / pause training  ·  one iteration  ·  new initial weights");
    CHECK(lines.size() == 15u); // 14 rows of keys and the mouse: the help fits a 720-line projector
    CHECK(buttonLabel(UiAction::OneIteration) == "One iteration (S)");
    CHECK(buttonLabel(UiAction::Quit) == "Quit (Ctrl+Q)");
    CHECK(buttonLabel(UiAction::NextStep) == "Next ▶");
    CHECK(buttonLabel(UiAction::PlayPause, false) == "Play");
}

TEST_CASE("[app] autoplay stopped by a key starts again after the resume time without input") {
    RemoteControl remote;
    remote.setAutoplay(2.0);
    remote.setAutoplayResume(5.0);
    sf::Event::KeyEvent right{sf::Keyboard::Right, false, false, false, false};
    CHECK(remote.keyPressed(right).action == UiAction::NextStep);
    CHECK_FALSE(remote.autoplaying());
    CHECK(remote.advance(4.0).action == UiAction::None);
    CHECK_FALSE(remote.autoplaying());
    CHECK(remote.mousePressed() == false); // a click (drawing a digit, say) counts as someone there
    CHECK(remote.advance(4.0).action == UiAction::None);
    CHECK_FALSE(remote.autoplaying());
    CHECK(remote.advance(1.5).action == UiAction::None); // 5.5 s since the click: it resumes
    REQUIRE(remote.autoplaying());
    CHECK(remote.autoplayInterval() == 2.0);
    CHECK(remote.advance(1.0).action == UiAction::None); // its interval starts afresh
    CHECK(remote.advance(1.0).action == UiAction::AutoAdvance);
    // A blanked wall stays blank and still: no resume while blank.
    sf::Event::KeyEvent b{sf::Keyboard::B, false, false, false, false};
    remote.keyPressed(b);
    REQUIRE(remote.blank());
    CHECK(remote.advance(60.0).action == UiAction::None);
    CHECK_FALSE(remote.autoplaying());

    // Without a resume time the teacher keeps control for good.
    RemoteControl teacher;
    teacher.setAutoplay(2.0);
    teacher.keyPressed(right);
    CHECK(teacher.advance(3600.0).action == UiAction::None);
    CHECK_FALSE(teacher.autoplaying());
}

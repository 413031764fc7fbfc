// What the app tests share: running the command line in-process, the real MNIST (whole or a
// small slice), every lesson file, an X display check, and synthesised key presses.
#pragma once

#include "app/commands/cli.hpp"
#include "app/paths.hpp"
#include "app/screens/lesson_session.hpp"
#include "lessons/lesson_parser.hpp"
#include "support/test_paths.hpp"
#include "training/prepared_data.hpp"
#include "training/trainer.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Window/Event.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace stepwise::test {

/// \brief Exit code and captured output of one command line.
struct Run {
    int code = 0;    ///< exit code
    std::string out; ///< everything written to stdout
    std::string err; ///< everything written to stderr
};

/// \brief Runs the stepwise command line with \p args in-process, capturing stdout and stderr.
inline Run runStepwise(std::vector<std::string> args) {
    args.insert(args.begin(), "stepwise");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    std::ostringstream out, err;
    auto* oldOut = std::cout.rdbuf(out.rdbuf());
    auto* oldErr = std::cerr.rdbuf(err.rdbuf());
    Run r;
    r.code = app::runCommandLine(static_cast<int>(argv.size()), argv.data());
    std::cout.rdbuf(oldOut);
    std::cerr.rdbuf(oldErr);
    r.out = out.str();
    r.err = err.str();
    return r;
}

/// \brief data/mnist as a string; fails the test when it is missing.
inline std::string mnist() {
    const auto dir = mnistDir();
    if (dir.empty()) FAIL("data/mnist is missing: run scripts/setup.sh (it fetches and verifies MNIST)");
    return dir.string();
}

/// \brief Debian's Fashion-MNIST folder as a string; fails the test when it is missing.
inline std::string fashion() {
    const std::filesystem::path dir{app::debianFashionMnistDir};
    if (!std::filesystem::is_directory(dir))
        FAIL(dir.string() + " is missing: run scripts/setup.sh (Debian's dataset-fashion-mnist)");
    return dir.string();
}

/// \brief The first \p samples MNIST training images, prepared as the window prepares them.
inline training::PreparedData smallMnist(Eigen::Index samples = 2000) {
    return training::prepareData(mnist(), 0, samples);
}

/// \brief A player over every lesson in lessons/ (the files must load without errors).
inline lessons::LessonPlayer allLessons() {
    auto library = lessons::loadLibrary(sourceDir() / "lessons");
    REQUIRE(library.errors.empty());
    return lessons::LessonPlayer(std::move(library.lessons));
}

/// \brief Session options that keep Ctrl+S checkpoints in the scratch folder \p folder, out of
/// the user's own.
inline app::SessionOptions scratchSessionOptions(const std::string& folder) {
    app::SessionOptions o;
    o.checkpointDir = scratchDir(folder);
    return o;
}

/// \brief A player over one lesson, \p text written as \p file into the scratch folder \p folder
/// (the lesson must load without errors).
inline lessons::LessonPlayer lessonFromText(const std::string& folder, const std::string& file, const std::string& text) {
    const auto dir = scratchDir(folder);
    std::ofstream(dir / file) << text;
    auto library = lessons::loadLibrary(dir);
    REQUIRE(library.errors.empty());
    return lessons::LessonPlayer(std::move(library.lessons));
}

/// \brief The frame \p session draws into \p texture once \p trainer is idle: drawn twice, since
/// the second frame draws with the layouts the first one measured.
inline sf::Image settledFrame(app::LessonSession& session, training::Trainer& trainer, sf::RenderTexture& texture) {
    REQUIRE(trainer.waitUntilIdle(std::chrono::seconds(60)));
    session.draw(texture);
    session.draw(texture);
    texture.display();
    return texture.getTexture().copyToImage();
}

/// \brief A key event of \p type for \p code (with Ctrl when \p control).
inline sf::Event keyEvent(sf::Keyboard::Key code, bool control = false,
                          sf::Event::EventType type = sf::Event::KeyPressed) {
    sf::Event e;
    e.type = type;
    e.key = {code, false, control, false, false};
    return e;
}

/// \brief Presses and releases \p code on \p session, as a keyboard or a remote does.
inline void press(app::LessonSession& session, sf::Keyboard::Key code, bool control = false) {
    session.handleEvent(keyEvent(code, control));
    session.handleEvent(keyEvent(code, control, sf::Event::KeyReleased));
}

} // namespace stepwise::test

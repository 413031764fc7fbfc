// The window loop (`stepwise`): keys and clicks become trainer commands and lesson moves; the
// screen is the same LessonScreen that `stepwise render` draws.
#include "app/window_command.hpp"

#include "app/lesson_screen.hpp"
#include "app/session.hpp"
#include "lessons/lesson_parser.hpp"
#include "lessons/lesson_watcher.hpp"
#include "training/trainer.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/Graphics/Texture.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <ostream>
#include <thread>

namespace stepwise::app {

namespace {

std::filesystem::path stateFile() {
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home ? home : ".") / ".config" / "stepwise" / "last-lesson";
}

} // namespace

// ---------------------------------------------------------------- window

int runWindow(const WindowOptions& o, std::ostream& err) {
    training::Trainer trainer(core::NetworkConfig{}, training::prepareData(o.data, 0));
    const lessons::LessonLibrary library = lessons::loadLibrary(lessonDir());
    err << errorLines(library.errors);
    lessons::LessonPlayer player(library.lessons);
    lessons::LessonWatcher watcher(lessonDir());
    watcher.poll();

    std::string start = o.lesson;
    if (start.empty()) std::getline(std::ifstream(stateFile()), start);
    if (!start.empty() && !player.jumpTo(start, static_cast<std::size_t>(o.step - 1)) && !o.lesson.empty()) {
        err << "stepwise: no step " << o.step << " in lesson \"" << o.lesson << "\"\n";
        return 2;
    }
    if (player.empty()) {
        err << "stepwise: no lessons could be loaded from " << lessonDir().string() << "\n";
        return 2;
    }

    const sf::VideoMode desktop = sf::VideoMode::getDesktopMode();
    sf::VideoMode mode(std::max(1280u, std::min(1920u, desktop.width)), std::max(720u, std::min(1080u, desktop.height)));
    sf::RenderWindow window(mode, "stepwise");
    window.setFramerateLimit(60);
    bool fullscreen = false;
    LessonScreen screen(themeFor(false, window.getSize()));
    screen.setSize({static_cast<float>(window.getSize().x), static_cast<float>(window.getSize().y)});
    auto titles = [&] {
        std::vector<std::string> t;
        for (const auto& l : player.lessons()) t.push_back(std::to_string(l.order) + ". " + l.title);
        return t;
    };
    screen.setLessonTitles(titles());
    if (!library.errors.empty()) screen.setErrors(std::string(library.errors.front().what()));

    auto remember = [&] {
        std::filesystem::create_directories(stateFile().parent_path());
        std::ofstream(stateFile()) << player.currentLesson().id << "\n";
    };
    syncTrainer(player, trainer, true);
    const std::vector<double> speeds{1, 2, 5, 10, 20, 0};
    std::size_t speed = speeds.size() - 1;
    std::uint64_t seed = 0;
    int frame = 0;

    auto perform = [&](UiAction action) {
        const auto snap = trainer.latest();
        switch (action) {
        case UiAction::NextStep:
            if (player.next()) { syncTrainer(player, trainer, true); remember(); }
            break;
        case UiAction::PreviousStep:
            if (player.previous()) { syncTrainer(player, trainer, true); remember(); }
            break;
        case UiAction::PlayPause:
            trainer.send(snap->state == training::TrainerState::Running ? training::Command{training::command::Pause{}}
                                                                        : training::Command{training::command::Play{}});
            break;
        case UiAction::OneIteration: trainer.send(training::command::StepIteration{}); break;
        case UiAction::Reset:
            trainer.send(training::command::Reset{++seed});
            screen.setStatus("Reset: new initial weights from seed " + std::to_string(seed));
            break;
        case UiAction::Slower:
        case UiAction::Faster:
            if (action == UiAction::Slower && speed > 0) --speed;
            if (action == UiAction::Faster && speed + 1 < speeds.size()) ++speed;
            trainer.send(training::command::SetSpeed{speeds[speed]});
            break;
        case UiAction::Fullscreen:
            fullscreen = !fullscreen;
            window.create(fullscreen ? sf::VideoMode::getDesktopMode() : mode, "stepwise",
                          fullscreen ? sf::Style::Fullscreen : sf::Style::Default);
            window.setFramerateLimit(60);
            window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(window.getSize().x), static_cast<float>(window.getSize().y))));
            screen.setSize({static_cast<float>(window.getSize().x), static_cast<float>(window.getSize().y)});
            break;
        case UiAction::Screenshot: {
            sf::Texture shot;
            shot.create(window.getSize().x, window.getSize().y);
            shot.update(window);
            const auto stamp = std::chrono::duration_cast<std::chrono::seconds>(
                                   std::chrono::system_clock::now().time_since_epoch()).count();
            const auto file = std::filesystem::absolute("stepwise-screenshot-" + std::to_string(stamp) + ".png");
            if (shot.copyToImage().saveToFile(file.string())) screen.setStatus("Screenshot saved to " + file.string());
            else screen.setStatus("Could not write " + file.string(), true);
            break;
        }
        case UiAction::Help: screen.toggleHelp(); break;
        case UiAction::LessonMenu: screen.toggleMenu(); break;
        case UiAction::Docs: {
            std::error_code ec;
            const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
            const auto index = exe.parent_path().parent_path().parent_path() / "docs" / "html" / "index.html";
            if (!std::filesystem::exists(index)) {
                screen.setStatus("The docs are not built yet: cmake --build build/release --target docs", true);
            } else {
                const std::string cmd = "xdg-open '" + index.string() + "' >/dev/null 2>&1 &";
                if (std::system(cmd.c_str()) != 0) screen.setStatus("Could not start a browser for " + index.string(), true);
                else screen.setStatus("Opening " + index.string());
            }
            break;
        }
        case UiAction::Quit: window.close(); break;
        case UiAction::StepAction:
            if (const auto a = screen.takeStepAction()) {
                core::NetworkConfig config = snap->config;
                using K = lessons::ActionKind;
                switch (a->kind) {
                case K::Alpha: trainer.send(training::command::SetAlpha{std::stof(a->value)}); break;
                case K::IterationsPerSecond: trainer.send(training::command::SetSpeed{std::stod(a->value)}); break;
                case K::Reset: trainer.send(training::command::Reset{++seed}); break;
                case K::PaperFaithful:
                    config.paperFaithful = a->value == "on";
                    trainer.send(training::command::Reconfigure{config});
                    break;
                case K::Init:
                    config.init = core::parseInit(a->value).value_or(config.init);
                    trainer.send(training::command::Reconfigure{config});
                    break;
                case K::Activation:
                    config.activation = core::parseActivation(a->value).value_or(config.activation);
                    trainer.send(training::command::Reconfigure{config});
                    break;
                case K::Hidden: {
                    config.hidden.clear();
                    std::size_t pos = 0;
                    while (pos < a->value.size()) {
                        config.hidden.push_back(std::stoi(a->value.substr(pos)));
                        pos = a->value.find(',', pos);
                        if (pos == std::string::npos) break;
                        ++pos;
                    }
                    trainer.send(training::command::Reconfigure{config});
                    break;
                }
                }
                screen.setStatus(a->label + ": done");
                syncTrainer(player, trainer, true);
            }
            break;
        case UiAction::None: break;
        }
    };

    while (window.isOpen()) {
        sf::Event event;
        while (window.pollEvent(event)) {
            if (event.type == sf::Event::Closed) window.close();
            if (event.type == sf::Event::Resized) {
                window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(event.size.width), static_cast<float>(event.size.height))));
                screen.setSize({static_cast<float>(event.size.width), static_cast<float>(event.size.height)});
            }
            if (event.type == sf::Event::KeyPressed) {
                using Key = sf::Keyboard;
                const auto k = event.key.code;
                if (k == Key::Q && event.key.control) perform(UiAction::Quit);
                else if (k == Key::Right || k == Key::Space || k == Key::PageDown) perform(UiAction::NextStep);
                else if (k == Key::Left || k == Key::PageUp) perform(UiAction::PreviousStep);
                else if (k == Key::P) perform(UiAction::PlayPause);
                else if (k == Key::S) perform(UiAction::OneIteration);
                else if (k == Key::R) perform(UiAction::Reset);
                else if (k == Key::F11) perform(UiAction::Fullscreen);
                else if (k == Key::F12) perform(UiAction::Screenshot);
                else if (k == Key::F1 || k == Key::H) perform(UiAction::Help);
                else if (k == Key::D) perform(UiAction::Docs);
                else if (k == Key::L) perform(UiAction::LessonMenu);
                else if (k == Key::Hyphen || k == Key::Subtract) perform(UiAction::Slower);
                else if (k == Key::Equal || k == Key::Add) perform(UiAction::Faster);
                else if (k == Key::Escape && screen.menuOpen()) screen.toggleMenu();
            }
            perform(screen.handleEvent(event));
            if (const auto choice = screen.takeMenuChoice()) {
                player.jumpTo(*choice, 0);
                syncTrainer(player, trainer, true);
                remember();
            }
        }
        if (++frame % 30 == 0) { // hot reload, twice a second
            const auto changes = watcher.poll();
            if (!changes.empty()) {
                const auto errors = lessons::applyChanges(player, changes);
                err << errorLines(errors);
                screen.setLessonTitles(titles());
                if (errors.empty()) {
                    screen.setErrors("");
                    screen.setStatus("Lesson reloaded");
                    syncTrainer(player, trainer, false);
                } else {
                    screen.setErrors(errors.front().what());
                }
            }
        }
        const auto snapshot = trainer.latest(); // newest immutable snapshot; never waits on training
        screen.update(player.currentLesson(), player.stepIndex(), *snapshot);
        screen.draw(window);
        window.display();
    }
    return 0;
}

} // namespace stepwise::app

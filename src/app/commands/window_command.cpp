// The window loop (`stepwise`): keys and clicks become trainer commands and lesson moves; the
// screen is the same LessonScreen that `stepwise render` draws.
#include "app/commands/window_command.hpp"

#include "app/display_check.hpp"
#include "app/frame_log.hpp"
#include "app/paths.hpp"
#include "app/screens/lesson_screen.hpp"
#include "app/screens/lesson_session.hpp"
#include "app/screens/settings.hpp"
#include "app/session.hpp"
#include "lessons/lesson_lookup.hpp"
#include "lessons/lesson_parser.hpp"
#include "lessons/lesson_watcher.hpp"
#include "training/checkpoint.hpp"
#include "training/trainer.hpp"
#include "views/notes_view.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/Graphics/Texture.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <optional>
#include <iostream>
#include <ostream>
#include <thread>

namespace stepwise::app {

namespace {

sf::Vector2f sizeOf(const sf::RenderWindow& window) {
    return {static_cast<float>(window.getSize().x), static_cast<float>(window.getSize().y)};
}

void saveScreenshot(const sf::RenderWindow& window, LessonSession& session) {
    sf::Texture shot;
    shot.create(window.getSize().x, window.getSize().y);
    shot.update(window);
    session.saveScreenshot(shot.copyToImage());
}

/// Holds the loop to 60 frames a second against a fixed schedule (SFML's limiter sleeps a whole
/// frame time after each display(), so its oversleeps add up and every frame runs long).
class FramePacer {
public:
    using Clock = std::chrono::steady_clock;
    /// Sleeps until the next slot; after a frame that overran, the schedule restarts from now
    /// instead of rushing frames out to catch up.
    void wait() {
        m_next += period;
        const auto now = Clock::now();
        if (m_next <= now) m_next = now;
        else std::this_thread::sleep_until(m_next);
    }

private:
    static constexpr Clock::duration period = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / 60.0));
    Clock::time_point m_next = Clock::now();
};

/// Ctrl+D: the other dataset (MNIST digits ↔ Fashion-MNIST) loads on a thread of its own while
/// the window goes on drawing; once it is in, the window makes the trainer and the session afresh
/// on it (LessonSession::reopen keeps the lessons, the step and presenter mode).
class DataSwitch {
public:
    /// \p mnist is the MNIST the window reads when it is not on Fashion-MNIST.
    explicit DataSwitch(std::filesystem::path mnist) : m_mnist(std::move(mnist)) {}

    /// Starts loading the other dataset of \p current with shuffle \p seed, or says on
    /// \p session's status line why it cannot (not installed, or a switch already loading).
    void start(const training::PreparedData& current, std::uint64_t seed, LessonSession& session) {
        if (m_loading.valid()) {
            session.screen().setStatus("Still loading " + m_name + "…");
            return;
        }
        const bool toFashion = current.classNames.empty();
        m_path = toFashion ? std::filesystem::path(debianFashionMnistDir) : m_mnist;
        m_name = toFashion ? "Fashion-MNIST" : "MNIST";
        std::error_code ec;
        if (!std::filesystem::exists(m_path, ec)) {
            session.screen().setStatus(
                toFashion ? "Fashion-MNIST is not installed (" + m_path.string() + "): sudo apt install dataset-fashion-mnist"
                          : "MNIST is not here (" + m_path.string() + "): run  stepwise data fetch",
                true);
            return;
        }
        session.screen().setStatus("Loading " + m_name + " from " + m_path.string() + "…");
        m_loading = std::async(std::launch::async, [path = m_path, seed] { return training::prepareData(path, seed); });
    }

    /// The loaded data, once, when it is in; a file that fails to load is one line on the status.
    std::optional<training::PreparedData> take(LessonSession& session) {
        if (!m_loading.valid() || m_loading.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return {};
        try {
            return m_loading.get();
        } catch (const std::exception& e) {
            session.screen().setStatus(std::string("Could not switch to ") + m_name + ": " + e.what(), true);
            return {};
        }
    }

private:
    std::filesystem::path m_mnist, m_path;
    std::string m_name;
    std::future<training::PreparedData> m_loading;
};

} // namespace

void openLessonWindow(sf::RenderWindow& window, bool fullscreen, const WindowGeometry& geometry, const std::string& title) {
    const sf::VideoMode desktop = sf::VideoMode::getDesktopMode();
    const WindowGeometry g = restoredGeometry(geometry, desktop.width, desktop.height);
    window.create(fullscreen ? desktop : sf::VideoMode(g.width, g.height), sf::String::fromUtf8(title.begin(), title.end()),
                  fullscreen ? sf::Style::Fullscreen : sf::Style::Default);
    if (!fullscreen) window.setPosition({g.x, g.y});
    // No setFramerateLimit: the window loop paces itself (FramePacer), so a frame's own time can
    // be measured apart from the wait for the next 60 Hz slot.
    window.setKeyRepeatEnabled(false); // a held remote button or Shift must not repeat steps
    window.setView(sf::View(sf::FloatRect({0.f, 0.f}, sizeOf(window))));
}

WindowGeometry windowGeometry(const sf::RenderWindow& window) {
    return {window.getPosition().x, window.getPosition().y, window.getSize().x, window.getSize().y};
}

bool openStartStep(lessons::LessonPlayer& player, const WindowOptions& o, const Settings& remembered, std::ostream& err) {
    if (!o.lesson.empty()) { // an id, or the lesson file's name ("01-data")
        const auto id = lessons::findLessonId(player.lessons(), o.lesson);
        if (!id) {
            err << "stepwise: " << lessons::unknownLessonLine(player.lessons(), o.lesson) << "\n";
            return false;
        }
        if (player.jumpTo(*id, static_cast<std::size_t>(o.step - 1))) return true;
        player.jumpTo(*id, 0);
        err << "stepwise: --step " << o.step << ": "
            << lessons::missingStepLine(player.currentLesson(), static_cast<std::size_t>(o.step)) << "\n";
        return false;
    }
    // The launcher (no --lesson) goes back to where the class stopped, as a document reader
    // reopens at its last page: the last lesson at its last step (--step picks another step of it).
    const std::size_t step = o.stepGiven ? static_cast<std::size_t>(o.step - 1) : remembered.lastStep;
    if (!remembered.lastLesson.empty() && !player.jumpTo(remembered.lastLesson, step))
        player.jumpTo(remembered.lastLesson, 0); // the lesson lost steps since (or is gone: lesson 1 stays)
    return true;
}

int runWindow(const WindowOptions& o, std::ostream& err) {
    // Without a display SFML would abort; say so before anything slow starts.
    if (const auto problem = displayProblem()) {
        err << noDisplayForWindow(*problem) << "\n";
        return 1;
    }
    // The frame log opens first: a path that cannot be written is one line and exit code 2
    // before any data is read or a window appears.
    std::optional<FrameLog> frameLog;
    if (!o.frameLog.empty()) frameLog.emplace(o.frameLog);
    const auto launch = frameLog ? frameLog->origin() : std::chrono::steady_clock::now();
    // A checkpoint given on the command line is read before anything opens: bad input is one
    // line and exit code 2, like every other file. Its seed picks the shuffle, so the dev set is
    // the one it was measured on.
    std::optional<training::Checkpoint> checkpoint;
    if (!o.load.empty()) checkpoint = training::loadCheckpoint(o.load);
    const lessons::LessonLibrary library = lessons::loadLibrary(lessonDir());
    err << errorLines(library.errors);
    lessons::LessonPlayer player(library.lessons);
    if (player.empty()) {
        err << "stepwise: no lessons could be loaded from " << lessonDir().string() << "\n";
        return 2;
    }
    const auto settingsFile = defaultSettingsFile();
    if (!openStartStep(player, o, loadSettings(settingsFile), err)) return 2;
    // The data last: reading all of MNIST takes a while, so every mistake on the command line
    // is reported before it.
    const std::uint64_t seed = checkpoint ? checkpoint->config.seed : 0;
    // The trainer and the session are made afresh when Ctrl+D switches the data (DataSwitch).
    auto trainer = std::make_unique<training::Trainer>(core::NetworkConfig{}, training::prepareData(o.data, seed));
    // Frames first: a waking frame preempts training (see command::YieldToInterface).
    trainer->send(training::command::YieldToInterface{});
    if (checkpoint) training::checkCompatible(*checkpoint, trainer->data().train->X.rows(), o.load);
    DataSwitch dataSwitch(training::classNamesFor(o.data).empty() ? o.data : defaultDataPath());
    lessons::LessonWatcher watcher(lessonDir());
    watcher.poll();

    SessionOptions options;
    options.present = o.present;
    options.autoplaySeconds = o.autoplay;
    options.autoplayResumeSeconds = o.autoplayResume;
    options.settingsFile = settingsFile;
    options.saveFile = o.save;
    options.loadFile = o.load;
    options.glossaryFile = lessonDir() / lessons::kGlossaryFile;
    auto session = std::make_unique<LessonSession>(std::move(player), *trainer, options);
    if (checkpoint) session->loadCheckpoint(o.load);
    if (!library.errors.empty()) session->screen().setErrors(std::string(library.errors.front().what()));

    // The normal window: where it was last time, else 1920 × 1080 (or the desktop) in the middle.
    const sf::VideoMode desktop = sf::VideoMode::getDesktopMode();
    WindowGeometry windowed;
    if (session->settings().window) {
        windowed = *session->settings().window;
    } else {
        const unsigned w = std::min(1920u, desktop.width), h = std::min(1080u, desktop.height);
        windowed = {static_cast<int>((desktop.width - w) / 2), static_cast<int>((desktop.height - h) / 2), w, h};
    }
    sf::RenderWindow window;
    bool fullscreen = o.present;
    std::string title = session->windowTitle();
    openLessonWindow(window, fullscreen, windowed, title);
    session->setSize(sizeOf(window));
    session->syncTrainer();
    // Fullscreen and presenter mode never overwrite the remembered normal window.
    const auto rememberGeometry = [&] {
        if (window.isOpen() && !fullscreen) windowed = windowGeometry(window);
        session->rememberWindowGeometry(windowed);
    };
    if (o.play) trainer->send(training::command::Play{}); // after the step's own position: then train on

    // The presenter's notes window, for the laptop screen while the main window is on the projector.
    sf::RenderWindow notesWindow;
    views::NotesView notes;
    const views::Theme notesTheme = views::Theme::dark();
    if (o.notesWindow) {
        notesWindow.create(sf::VideoMode(1280, 720), "stepwise — presenter notes");
        notesWindow.setKeyRepeatEnabled(false);
        notes.setRect({0.f, 0.f, 1280.f, 720.f});
    }

    // A frame is drawn when the picture may have changed, never otherwise: a software renderer
    // spends about a core on a 1920×1080 frame every 60th of a second, and on two cores that is
    // the core training needs. Input and anything that moves by itself (animating()) draw on
    // every 60 Hz slot; training's progress draws when a new snapshot is in, at most kLiveRedraw
    // apart; anything else that may have changed (a check that finished in the background) shows
    // within kAtLeast. The frame log has one row per drawn frame.
    using Clock = std::chrono::steady_clock;
    constexpr auto kLiveRedraw = std::chrono::milliseconds(50); // training's progress, 20 times a second
    constexpr auto kAfterInput = std::chrono::milliseconds(500); // every slot this long after input
    constexpr auto kAtLeast = std::chrono::milliseconds(250);
    Clock::time_point lastDrawn{}, lastInput = Clock::now();
    std::vector<std::shared_ptr<const training::TrainingSnapshot>> drawnSnapshots;
    sf::Clock clock;
    long loop = 0;
    FramePacer pacer;
    while (window.isOpen()) {
        const auto frameStart = Clock::now();
        if (o.quitAfter > 0.0 && frameStart - launch >= std::chrono::duration<double>(o.quitAfter)) {
            window.close();
            break;
        }
        auto request = [&](WindowRequest r) {
            switch (r) {
            case WindowRequest::None: break;
            case WindowRequest::Quit:
                rememberGeometry();
                window.close();
                break;
            case WindowRequest::Screenshot: saveScreenshot(window, *session); break;
            case WindowRequest::SwitchData: dataSwitch.start(trainer->data(), seed, *session); break;
            case WindowRequest::Fullscreen:
            case WindowRequest::Present: {
                const bool wanted = r == WindowRequest::Fullscreen ? !fullscreen : session->presenting();
                if (wanted == fullscreen) break;
                if (wanted) rememberGeometry(); // the normal window comes back here afterwards
                fullscreen = wanted;
                openLessonWindow(window, fullscreen, windowed, title);
                session->setSize(sizeOf(window));
                break;
            }
            }
        };
        sf::Event event;
        bool input = false;
        while (window.isOpen() && window.pollEvent(event)) {
            input = true;
            if (event.type == sf::Event::Closed) {
                rememberGeometry();
                window.close();
            }
            if (event.type == sf::Event::Resized) {
                window.setView(sf::View(sf::FloatRect({0.f, 0.f}, sizeOf(window))));
                session->setSize(sizeOf(window));
            }
            request(session->handleEvent(event));
        }
        while (notesWindow.isOpen() && notesWindow.pollEvent(event)) {
            if (event.type == sf::Event::Closed) notesWindow.close();
            else if (event.type == sf::Event::Resized) {
                const sf::Vector2f size{static_cast<float>(event.size.width), static_cast<float>(event.size.height)};
                notesWindow.setView(sf::View(sf::FloatRect({0.f, 0.f}, size)));
                notes.setRect({0.f, 0.f, size.x, size.y});
            } else if (!notes.handleEvent(event) &&
                       (event.type == sf::Event::KeyPressed || event.type == sf::Event::KeyReleased)) {
                input = true;
                request(session->handleEvent(event)); // the remote may be paired with the laptop's window
            }
        }
        if (!window.isOpen()) break;
        if (auto data = dataSwitch.take(*session)) { // the other dataset is in: train on it from here
            auto next = std::make_unique<training::Trainer>(session->baseNetwork(), std::move(*data));
            next->send(training::command::YieldToInterface{});
            const bool playing = trainer->latest()->state == training::TrainerState::Running;
            auto reopened = session->reopen(*next);
            session = std::move(reopened); // the old session goes first: it refers to the old trainer
            trainer = std::move(next);
            if (playing) trainer->send(training::command::Play{});
            input = true; // a new session: draw it at once
        }
        request(session->tick(clock.restart().asSeconds()));
        if (std::string now = session->windowTitle(); now != title) { // the lesson or the step changed
            title = std::move(now);
            window.setTitle(sf::String::fromUtf8(title.begin(), title.end()));
        }
        if (++loop % 30 == 0) err << errorLines(session->reloadLessons(watcher.poll())); // hot reload, twice a second
        if (input) lastInput = frameStart;
        auto shown = session->shownSnapshots();
        const auto sinceDrawn = frameStart - lastDrawn;
        const bool due = frameStart - lastInput < kAfterInput || session->animating() || sinceDrawn >= kAtLeast ||
                         ((shown != drawnSnapshots || session->waiting()) && sinceDrawn >= kLiveRedraw);
        if (due) {
            trainer->drawingFrame(true); // training lends a core while the frame is drawn
            session->draw(window);
            window.display();
            trainer->drawingFrame(false);
            drawnSnapshots = std::move(shown); // held, so a later snapshot cannot reuse the address
            lastDrawn = frameStart;
            if (frameLog) frameLog->record(frameStart, Clock::now() - frameStart, session->shownIteration());
        }
        if (notesWindow.isOpen() && loop % 2 == 0) { // the notes change slowly: 30 Hz is plenty
            notes.setContent(session->notesContent());
            notes.draw(notesWindow, notesTheme);
            notesWindow.display();
        }
        pacer.wait();
    }
    return 0;
}

} // namespace stepwise::app

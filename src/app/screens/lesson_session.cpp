// LessonSession (see lesson_session.hpp): what every key, click and timer tick does.
// Sections: set-up, events, actions, drawing.
#include "app/screens/lesson_session.hpp"
#include "core/run_spec.hpp"

#include "app/commands/export_command.hpp"
#include "app/png_file.hpp"
#include "app/session.hpp"
#include "data/input_error.hpp"
#include "training/checkpoint.hpp"

#include <cstdlib>
#include <sstream>
#include <ctime>

namespace stepwise::app {

namespace {

constexpr double speedLadder[] = {1, 2, 5, 10, 20, 0}; // iterations per second; 0 = full speed
/// "MNIST digits", or "Fashion-MNIST clothes" for data whose classes have names.
std::string dataName(const training::PreparedData& data) {
    return data.classNames.empty() ? "MNIST digits" : "Fashion-MNIST clothes";
}
constexpr std::size_t speedCount = sizeof(speedLadder) / sizeof(speedLadder[0]);

/// "128,64" → {128, 64}; entries that are not numbers are skipped.
std::vector<int> parseHidden(const std::string& text) {
    std::vector<int> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        try {
            out.push_back(std::stoi(text.substr(pos)));
        } catch (const std::exception&) {
        }
        pos = text.find(',', pos);
        if (pos == std::string::npos) break;
        ++pos;
    }
    return out;
}

/// The newest regular file in \p dir, if any.
std::optional<std::filesystem::path> newestFile(const std::filesystem::path& dir) {
    std::error_code ec;
    std::optional<std::filesystem::path> best;
    std::filesystem::file_time_type bestTime{};
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (!entry.is_regular_file(ec) || entry.path().extension() != ".stepwise") continue;
        const auto t = entry.last_write_time(ec);
        if (!best || t > bestTime) {
            best = entry.path();
            bestTime = t;
        }
    }
    return best;
}

} // namespace

std::filesystem::path defaultCheckpointDir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "stepwise" / "checkpoints";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home ? home : ".") / ".local" / "share" / "stepwise" / "checkpoints";
}

// ---------------------------------------------------------------- set-up

LessonSession::LessonSession(lessons::LessonPlayer player, training::Trainer& trainer, SessionOptions options)
    : m_player(std::move(player)), m_trainer(trainer), m_network(trainer.latest()->config),
      m_options(std::move(options)),
      m_settings(m_options.settingsFile.empty() ? Settings{} : loadSettings(m_options.settingsFile)),
      m_screen(views::Theme::dark()), m_draw(views::Theme::dark()), m_presenting(m_options.present) {
    m_remote.setAutoplay(m_options.autoplaySeconds);
    m_remote.setAutoplayResume(m_options.autoplayResumeSeconds);
    // The remembered palette (an unknown name, from a newer version say, gives the default).
    views::setHeatmapPalette(views::parsePalette(m_settings.palette).value_or(views::Palette::PurpleOrange));
    refreshMenu();
    m_screen.setDataLine(m_trainer.data().classNames.empty() ? "Data: MNIST digits · Ctrl+D: Fashion-MNIST"
                                                             : "Data: Fashion-MNIST · Ctrl+D: MNIST digits");
    m_screen.setQuiz(&m_quiz);
    if (!m_options.glossaryFile.empty()) try {
            m_screen.setGlossary(lessons::loadGlossary(m_options.glossaryFile));
        } catch (const lessons::LessonError& e) { // the page says what is wrong; the lessons go on
            m_screen.setGlossary({}, e.what() + std::string(" (lessons --check validates it)"));
        }
    applyTheme();
}

std::unique_ptr<LessonSession> LessonSession::reopen(training::Trainer& trainer) const {
    SessionOptions options = m_options;
    options.present = m_presenting;
    auto next = std::make_unique<LessonSession>(m_player, trainer, std::move(options));
    next->m_settings.textScale = m_settings.textScale;
    next->m_speed = m_speed;
    next->m_quiz = m_quiz; // the answers so far survive a switch of the data
    trainer.send(training::command::SetSpeed{speedLadder[m_speed]});
    next->setNetwork(baseNetwork());
    next->applyTheme();
    next->setSize(m_size);
    next->syncTrainer();
    next->m_screen.setStatus("Now training on " + dataName(trainer.data()) + " (" +
                             views::formatCount(trainer.data().train->size()) + " training images)");
    return next;
}

LessonSession::~LessonSession() = default;

void LessonSession::refreshMenu() {
    std::vector<LessonScreen::MenuLesson> menu;
    for (const auto& l : m_player.lessons()) {
        LessonScreen::MenuLesson entry{std::to_string(l.order) + ". " + l.title, {}, lessons::readingMinutes(l)};
        for (const auto& s : l.steps) entry.steps.push_back(s.title);
        menu.push_back(std::move(entry));
    }
    m_screen.setLessonMenu(std::move(menu));
}

std::vector<lessons::LessonError> LessonSession::reloadLessons(const std::vector<lessons::FileChange>& changes) {
    if (changes.empty()) return {};
    auto errors = lessons::applyChanges(m_player, changes);
    refreshMenu();
    if (errors.empty()) {
        m_screen.setErrors("");
        m_screen.setStatus("Lesson reloaded");
        syncTrainer();
    } else {
        // For the wall: what is kept first, then the file's name and place (the full path is on stderr).
        const lessons::LessonError& e = errors.front();
        std::string where = e.file().filename().string();
        if (e.line() > 0) where += ":" + std::to_string(e.line()) + ":" + std::to_string(e.column());
        m_screen.setErrors("Kept the last good version · " + where + ": " + e.message());
    }
    return errors;
}

void LessonSession::applyTheme() {
    const sf::Vector2u size{static_cast<unsigned>(m_size.x), static_cast<unsigned>(m_size.y)};
    // Presenter text never goes below the projector theme's sizes (body 28 px).
    const float scale = m_presenting ? std::max(1.f, m_settings.textScale) : m_settings.textScale;
    const views::Theme base = themeFor(m_presenting, size);
    m_screen.setTheme(scale == 1.f ? base : base.scaled(scale));
    m_screen.setPresenting(m_presenting);
    m_draw.setTheme(m_screen.theme());
    if (m_compare) m_compare->setTheme(m_screen.theme());
}

void LessonSession::setSize(sf::Vector2f size) {
    m_size = size;
    m_screen.setSize(size);
    m_draw.setSize(size);
    if (m_compare) m_compare->setSize(size);
    applyTheme();
}

// A step that names its own network gets it on arrival (as if a button had been pressed); the
// network from before comes back when the learner moves to a step without one. Buttons pressed on
// the step still change the network, because this acts only when the step changes.
void LessonSession::borrowStepNetwork() {
    if (m_player.empty()) return;
    const std::pair<std::size_t, std::size_t> here{m_player.lessonIndex(), m_player.stepIndex()};
    if (here == m_networkStep) return;
    m_networkStep = here;
    const auto& wanted = m_player.currentStep().network;
    if (wanted) {
        if (!m_lentNetwork) m_lentNetwork = m_network;
        core::NetworkConfig config = *wanted;
        config.seed = m_network.seed; // the same starting weights as the network it stands in for
        if (config != m_network) setNetwork(config);
    } else if (m_lentNetwork) {
        const core::NetworkConfig back = *m_lentNetwork;
        m_lentNetwork.reset();
        if (back != m_network) setNetwork(back);
    }
}

void LessonSession::syncTrainer() {
    borrowStepNetwork();
    // A question that holds the run back stops the stepper just before the step's equation.
    const bool holdRun = !m_player.empty() && m_quiz.held(m_player.currentLesson(), m_player.stepIndex()).run;
    app::syncTrainer(m_player, m_network, m_trainer, true, holdRun);
    if (!m_player.empty() && !m_player.stepperTarget(m_network) && !m_player.isLiveStep())
        if (const auto soFar = m_player.stepperTargetSoFar(m_network))
            m_trainer.send(training::command::SeekPosition{*soFar});
}

void LessonSession::setNetwork(const core::NetworkConfig& config, std::shared_ptr<const training::Checkpoint> restore) {
    m_network = restore ? restore->config : config;
    // Commands run in order, so the seek that the caller's syncTrainer() sends lands on the new network.
    if (restore) m_trainer.send(training::command::Restore{std::move(restore)});
    else m_trainer.send(training::command::Reconfigure{m_network});
}

void LessonSession::moved() {
    syncTrainer();
    if (m_player.empty()) return;
    m_settings.lastLesson = m_player.currentLesson().id;
    m_settings.lastStep = m_player.stepIndex();
    rememberSettings();
}

void LessonSession::rememberSettings() {
    if (m_options.settingsFile.empty() || m_settingsUnwritable) return;
    std::string problem;
    if (saveSettings(m_options.settingsFile, m_settings, &problem)) return;
    // Said once: the class goes on with the settings in memory, they are just not kept.
    m_settingsUnwritable = true;
    m_screen.setStatus("Cannot remember the settings (" + problem + "); the window runs on them until it closes",
                       true);
}

void LessonSession::rememberWindowGeometry(const WindowGeometry& geometry) {
    if (m_settings.window == geometry) return;
    m_settings.window = geometry;
    rememberSettings();
}

std::string LessonSession::windowTitle() const {
    if (m_player.empty()) return "stepwise";
    const auto& lesson = m_player.currentLesson();
    return "stepwise \xE2\x80\x94 " + std::to_string(lesson.order) + " " + lesson.title + " \xC2\xB7 step " +
           std::to_string(m_player.stepIndex() + 1) + "/" + std::to_string(lesson.steps.size());
}

// ---------------------------------------------------------------- events

WindowRequest LessonSession::handleEvent(const sf::Event& event) {
    switch (event.type) {
    case sf::Event::KeyPressed: {
        if (!m_remote.blank() && !m_comparing && !m_drawing && !m_screen.menuOpen() && !m_screen.helpShown() &&
            !m_screen.cheatSheetShown() && questionKey(event.key))
            return WindowRequest::None;
        const bool wasBlank = m_remote.blank();
        const Intent intent = m_remote.keyPressed(event.key);
        if (m_remote.laser()) m_laser.setPosition(m_mouse); // the dot appears where the mouse is
        if (wasBlank) return WindowRequest::None; // the key only brought the picture back
        if (m_comparing) return compareRequest(m_compare->handleEvent(event), intent);
        if (m_drawing) {
            if (event.key.code == sf::Keyboard::C && !event.key.control) {
                m_draw.handleEvent(event); // C clears the pad
                return WindowRequest::None;
            }
            if (intent.action == UiAction::LeavePresent || intent.action == UiAction::DrawDigit) {
                m_drawing = false; // Esc or G: back to the lesson
                return WindowRequest::None;
            }
            if (intent.action == UiAction::NextStep || intent.action == UiAction::PreviousStep ||
                intent.action == UiAction::JumpToStep || intent.action == UiAction::LessonStart ||
                intent.action == UiAction::LessonEnd || intent.action == UiAction::LessonMenu)
                m_drawing = false; // a remote's next/back returns to the lesson and moves on
        }
        if (intent.action == UiAction::LeavePresent && m_screen.menuOpen()) {
            m_screen.toggleMenu(); // Esc closes the menu first
            return WindowRequest::None;
        }
        if (intent.action == UiAction::LeavePresent && m_screen.cheatSheetShown()) {
            m_screen.toggleCheatSheet(); // and the cheat-sheet
            return WindowRequest::None;
        }
        return perform(intent);
    }
    case sf::Event::TextEntered:
        if (!m_remote.blank() && !m_comparing && !m_drawing && questionText(event.text.unicode)) return WindowRequest::None;
        break;
    case sf::Event::KeyReleased:
        m_remote.keyReleased(event.key);
        if (!m_remote.laser()) m_laser.setPosition(std::nullopt);
        return WindowRequest::None;
    case sf::Event::MouseButtonPressed:
        if (m_remote.mousePressed()) return WindowRequest::None;
        break;
    case sf::Event::MouseMoved:
        m_mouse = {static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)};
        if (m_remote.laser()) m_laser.setPosition(m_mouse);
        break;
    default: break;
    }
    if (m_remote.blank()) return WindowRequest::None;
    if (m_comparing) return compareRequest(m_compare->handleEvent(event), {});
    if (m_drawing) {
        m_draw.handleEvent(event); // strokes on the pad
        return WindowRequest::None;
    }
    const UiAction clicked = m_screen.handleEvent(event);
    if (const auto answer = m_screen.takeChoiceClick()) {
        chooseAnswer(*answer);
        return WindowRequest::None;
    }
    if (const auto choice = m_screen.takeMenuChoice()) {
        if (m_player.jumpTo(choice->first, choice->second)) moved();
        return WindowRequest::None;
    }
    return perform({clicked});
}

WindowRequest LessonSession::tick(double seconds) {
    m_elapsed += seconds;
    m_spotlightView.setTarget(m_spotlight ? std::optional<sf::FloatRect>(m_screen.focusRect()) : std::nullopt);
    m_spotlightView.advance(static_cast<float>(seconds));
    m_laser.advance(static_cast<float>(seconds));
    const bool wasAutoplaying = m_remote.autoplaying();
    const Intent intent = m_remote.advance(seconds);
    if (!wasAutoplaying && m_remote.autoplaying()) { // resumed: back to the lesson it steps through
        m_drawing = false;
        if (m_screen.menuOpen()) m_screen.toggleMenu();
        if (m_screen.helpShown()) m_screen.toggleHelp();
        if (m_screen.cheatSheetShown()) m_screen.toggleCheatSheet();
    }
    return perform(intent);
}

// ---------------------------------------------------------------- actions

WindowRequest LessonSession::perform(const Intent& intent) {
    if (m_player.empty()) return intent.action == UiAction::Quit ? WindowRequest::Quit : WindowRequest::None;
    const auto snap = m_trainer.latest();
    const std::size_t stepCount = m_player.currentLesson().steps.size();
    switch (intent.action) {
    case UiAction::None: break;
    case UiAction::NextStep:
        // A question on the step comes first: Next reveals it, then moves to the next question.
        if (m_quiz.next(m_player.currentLesson(), m_player.stepIndex())) answered();
        else if (m_player.next()) moved();
        break;
    case UiAction::PreviousStep:
        if (m_player.previous()) moved();
        break;
    case UiAction::JumpToStep:
        if (intent.number >= 1 && intent.number <= stepCount &&
            m_player.jumpTo(m_player.lessonIndex(), intent.number - 1))
            moved();
        else
            m_screen.setStatus("This lesson has steps 1 to " + std::to_string(stepCount) + "; there is no step " +
                                   std::to_string(intent.number),
                               true);
        break;
    case UiAction::LessonStart:
        if (m_player.jumpTo(m_player.lessonIndex(), 0)) moved();
        break;
    case UiAction::LessonEnd:
        if (m_player.jumpTo(m_player.lessonIndex(), stepCount - 1)) moved();
        break;
    case UiAction::AutoAdvance:
        if (m_player.atEnd()) m_player.home(); // an open day loops forever
        else m_player.next();
        moved();
        break;
    case UiAction::PlayPause:
        m_trainer.send(snap->state == training::TrainerState::Running ? training::Command{training::command::Pause{}}
                                                                      : training::Command{training::command::Play{}});
        break;
    case UiAction::OneIteration: m_trainer.send(training::command::StepIteration{}); break;
    case UiAction::Reset:
        m_trainer.send(training::command::Reset{++m_network.seed}); // the trainer and the session keep one seed
        m_screen.setStatus("Reset: new initial weights from seed " + std::to_string(m_network.seed));
        break;
    case UiAction::Slower:
    case UiAction::Faster:
        if (intent.action == UiAction::Slower && m_speed > 0) --m_speed;
        if (intent.action == UiAction::Faster && m_speed + 1 < speedCount) ++m_speed;
        m_trainer.send(training::command::SetSpeed{speedLadder[m_speed]});
        break;
    case UiAction::Present:
        m_presenting = !m_presenting;
        applyTheme();
        return WindowRequest::Present;
    case UiAction::LeavePresent:
        if (!m_presenting) break;
        m_presenting = false;
        applyTheme();
        return WindowRequest::Present;
    case UiAction::TextLarger:
    case UiAction::TextSmaller:
    case UiAction::TextReset: {
        float& scale = m_settings.textScale;
        if (m_presenting) scale = std::max(1.f, scale); // start from what is on screen
        scale = intent.action == UiAction::TextReset ? 1.f
                                                     : clampTextScale(scale * (intent.action == UiAction::TextLarger ? 1.1f : 1.f / 1.1f));
        applyTheme();
        m_screen.setStatus("Text size " + std::to_string(static_cast<int>(std::lround(
                                              (m_presenting ? std::max(1.f, scale) : scale) * 100.f))) +
                           " %" + (m_presenting && scale < 1.f ? " (presenter mode keeps at least 100 %)" : ""));
        rememberSettings(); // after the size line: a failure to keep it must be seen
        break;
    }
    case UiAction::Help: m_screen.toggleHelp(); break;
    case UiAction::Glossary: m_screen.toggleGlossary(); break;
    case UiAction::CheatSheet: m_screen.toggleCheatSheet(); break;
    case UiAction::PreviousImage: m_screen.chooseFocusColumn(m_screen.focusColumn() - 1); break;
    case UiAction::NextImage: m_screen.chooseFocusColumn(m_screen.focusColumn() + 1); break;
    case UiAction::LessonMenu: m_screen.toggleMenu(); break;
    case UiAction::Spotlight: m_spotlight = !m_spotlight; break;
    case UiAction::Magnifier: m_magnifier = !m_magnifier; break;
    case UiAction::Narration: m_screen.toggleNarration(); break;
    case UiAction::Palette: {
        const views::Palette next = views::nextPalette(views::heatmapPalette());
        views::setHeatmapPalette(next); // the screen rebuilds its views with it on the next draw
        m_settings.palette = views::paletteName(next);
        m_screen.setStatus("Heatmap colours: " + std::string(views::paletteDescription(next)) + " (K for the next)");
        rememberSettings(); // after the line above: a failure to keep it must be seen
        break;
    }
    case UiAction::Docs: {
        const auto index = docsIndex();
        if (!std::filesystem::exists(index)) {
            m_screen.setStatus("The docs are not built yet: cmake --build build/release --target docs (it needs the Debian "
                               "packages doxygen and libjs-mathjax)",
                               true);
        } else {
            const std::string cmd = "xdg-open '" + index.string() + "' >/dev/null 2>&1 &";
            if (std::system(cmd.c_str()) != 0) m_screen.setStatus("Could not start a browser for " + index.string(), true);
            else m_screen.setStatus("Opening " + index.string());
        }
        break;
    }
    case UiAction::StepAction:
        if (const auto a = m_screen.takeStepAction()) applyStepAction(*a);
        break;
    case UiAction::Save: saveCheckpoint(); break;
    case UiAction::Open: {
        std::optional<std::filesystem::path> file;
        if (!m_lastCheckpoint.empty()) file = m_lastCheckpoint;
        else if (!m_options.loadFile.empty()) file = m_options.loadFile;
        else if (!m_options.saveFile.empty()) file = m_options.saveFile;
        else file = newestFile(m_options.checkpointDir.empty() ? defaultCheckpointDir() : m_options.checkpointDir);
        if (!file) m_screen.setStatus("No checkpoint to open yet: Ctrl+S saves one (or start with --load FILE)", true);
        else loadCheckpoint(*file);
        break;
    }
    case UiAction::ExportTensors: {
        const std::string label = m_player.currentLesson().id + "-step-" + std::to_string(m_player.stepIndex() + 1);
        try {
            const auto dir = exportStepTensors(*snap, m_options.exportDir.empty() ? std::filesystem::current_path()
                                                                                  : m_options.exportDir,
                                               label);
            m_screen.setStatus("Tensors of this step written to " + std::filesystem::absolute(dir).string());
        } catch (const std::exception& e) {
            m_screen.setStatus(e.what(), true);
        }
        break;
    }
    case UiAction::DrawDigit: m_drawing = !m_drawing; break;
    case UiAction::Compare: openCompare(); break;
    case UiAction::SwitchData: return WindowRequest::SwitchData;
    case UiAction::Fullscreen: return WindowRequest::Fullscreen;
    case UiAction::Screenshot: return WindowRequest::Screenshot;
    case UiAction::Quit: return WindowRequest::Quit;
    }
    return WindowRequest::None;
}

void LessonSession::openCompare(std::string name, const std::vector<core::RunSpec>& runs, long iterations) {
    if (!m_compare) {
        m_compare = std::make_unique<CompareScreen>(m_screen.theme(), m_trainer.data(), m_network.seed);
        m_compare->setSize(m_size);
    }
    if (!runs.empty()) m_compare->setExperiment(std::move(name), runs, iterations);
    m_compare->ensureDefaultExperiment();
    m_comparing = true;
    m_drawing = false;
}

void LessonSession::openExperiment() {
    if (m_player.empty() || !m_player.currentStep().experiment) return;
    const lessons::Experiment& e = *m_player.currentStep().experiment;
    if (m_compare && m_compare->name() == e.name && m_compare->runs().size() == e.runs.size()) {
        openCompare(); // back to the runs already training
        return;
    }
    // Each run string is the paper's network with the keys it names changed (the lesson check
    // parsed every one against the same base), whatever the lesson view trains now.
    const core::NetworkConfig base;
    std::vector<core::RunSpec> runs;
    for (const auto& spec : e.runs) {
        try {
            runs.push_back(core::parseRunSpec(spec, base));
        } catch (const core::RunSpecError& problem) { // a file edited after its check: say so, run the rest
            m_screen.setStatus(std::string("Experiment run skipped: ") + problem.what(), true);
        }
    }
    if (!runs.empty()) openCompare(e.name, runs, e.iterations);
}

WindowRequest LessonSession::compareRequest(CompareRequest request, const Intent& intent) {
    switch (request) {
    case CompareRequest::Close: m_comparing = false; break;
    case CompareRequest::OpenInLesson: {
        // The lesson view keeps its one trainer: it continues from the run's state (config,
        // weights, iteration and history), as Ctrl+O would from a checkpoint of it.
        const auto& run = m_compare->runs()[m_compare->selected()];
        const std::string lesson = m_player.empty() ? std::string() : m_player.currentLesson().id;
        auto checkpoint = std::make_shared<const training::Checkpoint>(
            training::checkpointFrom(*run.latest, lesson, m_player.empty() ? 0 : m_player.stepIndex()));
        setNetwork(checkpoint->config, checkpoint);
        syncTrainer();
        m_comparing = false;
        m_screen.setStatus("The lesson view now trains " + core::runLabel(run.spec) + " from iteration " +
                           std::to_string(run.latest->iteration));
        break;
    }
    case CompareRequest::None:
        // Keys the compare screen does not use keep their window meaning (F11, F12, Ctrl+Q, F5).
        if (intent.action == UiAction::Fullscreen || intent.action == UiAction::Screenshot ||
            intent.action == UiAction::Quit || intent.action == UiAction::Present)
            return perform(intent);
        break;
    }
    return WindowRequest::None;
}

void LessonSession::applyStepAction(const lessons::StepAction& a) {
    core::NetworkConfig config = m_network; // the network the button asks for
    const auto before = m_trainer.latest(); // its curve becomes a ghost if training restarts
    const core::NetworkConfig current = m_network;
    using K = lessons::ActionKind;
    switch (a.kind) {
    case K::Alpha: // a fair race: the new α starts again from the same starting weights
        config.alpha = std::stof(a.value);
        break;
    case K::IterationsPerSecond: m_trainer.send(training::command::SetSpeed{std::stod(a.value)}); break;
    case K::Reset: // fresh weights from the next seed, for the session and the trainer alike
        m_trainer.send(training::command::Reset{++m_network.seed});
        config = m_network;
        break;
    case K::PaperFaithful: config.paperFaithful = a.value == "on"; break;
    case K::Init: config.init = core::parseInit(a.value).value_or(config.init); break;
    case K::Activation: config.activation = core::parseActivation(a.value).value_or(config.activation); break;
    case K::Hidden:
        if (auto hidden = parseHidden(a.value); !hidden.empty()) config.hidden = std::move(hidden);
        break;
    case K::Optimizer:
        config.optimizer = core::parseOptimizer(a.value).value_or(config.optimizer);
        config.alpha = core::defaultAlpha(config.optimizer); // Adam's α = 0.1 would throw the network about
        break;
    case K::Experiment: openExperiment(); return; // the lesson view's own network is untouched
    case K::DrawDigit: m_drawing = true; return;  // G's screen, on the same live network (G or Esc returns)
    }
    m_screen.setStatus(a.label + ": done");
    const bool restarts = a.kind == K::Reset || config != m_network;
    // A snapshot of another network is stale (an earlier button's restart is still on its way): no ghost from it.
    if (restarts && before && before->config == current && !m_player.empty()) {
        core::RunSpec was;
        was.config = before->config;
        std::string label = core::runLabel(was);
        if (label.find("α") == std::string::npos) { // lesson 6 races α: always say which
            std::ostringstream alpha;
            alpha << before->config.alpha;
            label += ", α " + alpha.str();
        }
        m_screen.addGhost({m_player.currentLesson().id, (a.kind == K::Reset ? "before reset: " : "was: ") + label,
                           before->history});
    }
    if (config != m_network) setNetwork(config);
    syncTrainer();
}

// ---------------------------------------------------------------- checkpoints

std::optional<std::filesystem::path> LessonSession::saveCheckpoint() {
    const auto snap = m_trainer.latest();
    const std::string lesson = m_player.empty() ? std::string() : m_player.currentLesson().id;
    const std::size_t step = m_player.empty() ? 0 : m_player.stepIndex();
    std::filesystem::path file = m_options.saveFile;
    if (file.empty()) {
        const auto dir = m_options.checkpointDir.empty() ? defaultCheckpointDir() : m_options.checkpointDir;
        file = dir / (lesson + "-step-" + std::to_string(step + 1) + "-iteration-" + std::to_string(snap->iteration) +
                      ".stepwise");
    }
    try {
        std::error_code ec;
        if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
        training::saveCheckpoint(file, training::checkpointFrom(*snap, lesson, step));
    } catch (const std::exception& e) {
        m_screen.setStatus(e.what(), true);
        return std::nullopt;
    }
    m_lastCheckpoint = file;
    m_screen.setStatus("Checkpoint saved: " + std::filesystem::absolute(file).string() + " (iteration " +
                       std::to_string(snap->iteration) + "; Ctrl+O reopens it)");
    return file;
}

std::optional<std::filesystem::path> LessonSession::saveScreenshot(const sf::Image& shot) {
    const auto stamp =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    const auto dir = m_options.exportDir.empty() ? std::filesystem::current_path() : m_options.exportDir;
    const auto file = std::filesystem::absolute(dir / ("stepwise-screenshot-" + std::to_string(stamp) + ".png"));
    try {
        writePng(shot, file);
    } catch (const std::exception& e) {
        m_screen.setStatus(std::string("No screenshot: ") + e.what(), true);
        return std::nullopt;
    }
    m_screen.setStatus("Screenshot saved to " + file.string());
    return file;
}

bool LessonSession::loadCheckpoint(const std::filesystem::path& file) {
    std::shared_ptr<const training::Checkpoint> checkpoint;
    try {
        checkpoint = std::make_shared<const training::Checkpoint>(
            training::loadCheckpoint(file, m_trainer.data().train->X.rows()));
    } catch (const std::exception& e) { // refused: nothing changes
        m_screen.setStatus(e.what(), true);
        return false;
    }
    if (!checkpoint->lessonId.empty() && !m_player.jumpTo(checkpoint->lessonId, checkpoint->stepIndex))
        m_player.jumpTo(checkpoint->lessonId, 0);
    m_lastCheckpoint = file;
    setNetwork(checkpoint->config, checkpoint);
    moved();
    m_screen.setStatus("Checkpoint loaded: " + file.filename().string() + " (iteration " +
                       std::to_string(checkpoint->completedIterations()) + ")");
    return true;
}

// ---------------------------------------------------------------- drawing

void LessonSession::draw(sf::RenderTarget& target) {
    const auto snapshot = m_trainer.latest(); // newest immutable snapshot; never waits on training
    m_shownIteration = snapshot->iteration;
    if (m_remote.blank()) { // B / "." / W: nothing but black (or white) on the wall
        target.clear(m_remote.blankWhite() ? sf::Color::White : sf::Color::Black);
        return;
    }
    if (m_player.empty()) {
        target.clear(m_screen.theme().background);
        return;
    }
    if (m_comparing) { // runs side by side, each on its own trainer
        m_compare->update();
        m_compare->draw(target);
        m_laser.draw(target);
        return;
    }
    if (m_drawing) { // the drawn digit through the live network
        m_draw.update(*snapshot);
        m_draw.draw(target);
        m_laser.draw(target);
        drawBadge(target);
        return;
    }
    m_screen.update(m_player.currentLesson(), m_player.stepIndex(), *snapshot);
    m_screen.draw(target);
    drawOverlays(target);
}

bool LessonSession::animating() const {
    return m_spotlightView.animating() || m_laser.visible() || m_remote.autoplaying() ||
           !m_remote.typedNumber().empty() || m_screen.statusShowing();
}

std::vector<std::shared_ptr<const training::TrainingSnapshot>> LessonSession::shownSnapshots() const {
    std::vector<std::shared_ptr<const training::TrainingSnapshot>> shown{m_trainer.latest()};
    if (m_comparing && m_compare)
        for (const auto& run : m_compare->runs()) shown.push_back(run.trainer->latest());
    return shown;
}

views::NotesContent LessonSession::notesContent() const {
    views::NotesContent c;
    c.elapsedSeconds = m_elapsed;
    if (m_player.empty()) return c;
    const auto& lessons = m_player.lessons();
    const auto& lesson = m_player.currentLesson();
    c.lessonTitle = lesson.title;
    c.lessonIndex = static_cast<int>(m_player.lessonIndex()) + 1;
    c.lessonCount = static_cast<int>(lessons.size());
    c.stepTitle = m_player.currentStep().title;
    c.stepIndex = static_cast<int>(m_player.stepIndex()) + 1;
    c.stepCount = static_cast<int>(lesson.steps.size());
    c.notes = m_player.currentStep().notes.empty() ? "(no notes for this step)" : m_player.currentStep().notes;
    if (m_player.stepIndex() + 1 < lesson.steps.size()) c.nextStepTitle = lesson.steps[m_player.stepIndex() + 1].title;
    else if (m_player.lessonIndex() + 1 < lessons.size()) c.nextLessonTitle = lessons[m_player.lessonIndex() + 1].title;
    const std::time_t now = std::time(nullptr);
    char clock[16];
    if (std::strftime(clock, sizeof clock, "%H:%M", std::localtime(&now)) > 0) c.timeOfDay = clock;
    return c;
}

void LessonSession::drawOverlays(sf::RenderTarget& target) {
    const views::Theme& theme = m_screen.theme();
    // Order: spotlight, then the magnifier (not dimmed), then the laser on top of everything.
    m_spotlightView.setTarget(m_spotlight ? std::optional<sf::FloatRect>(m_screen.focusRect()) : std::nullopt);
    m_spotlightView.draw(target, theme);
    if (m_magnifier)
        if (const views::MatrixView* view = m_screen.matrixAt(m_mouse)) m_lens.draw(target, theme, *view, m_mouse);
    m_laser.draw(target);
    drawBadge(target);
}

void LessonSession::drawBadge(sf::RenderTarget& target) {
    const views::Theme& theme = m_screen.theme();
    std::string badge;
    if (!m_remote.typedNumber().empty()) badge = "go to step " + m_remote.typedNumber() + " ⏎";
    else if (m_remote.autoplaying()) badge = "autoplay: a step every " + views::formatValue(m_remote.autoplayInterval(), 3) + " s · any key stops";
    if (badge.empty()) return;
    const unsigned size = theme.titleSize;
    const float w = views::textWidth(badge, size, views::FontRole::UiBold) + 4 * theme.padding;
    const float h = views::lineHeight(size) + 2 * theme.padding;
    const sf::FloatRect box{(m_size.x - w) / 2.f, m_size.y * 0.42f, w, h};
    views::drawBox(target, box, theme.panel, theme.accent, 3.f);
    views::drawText(target, badge, {box.left + w / 2.f, box.top + h / 2.f}, size, theme.text, views::HAlign::Center,
                    views::VAlign::Center, views::FontRole::UiBold);
}

} // namespace stepwise::app

// LessonSession: the window's behaviour without the window. It owns the lesson player, the
// screen and the remote-control state, turns events into trainer commands and lesson moves, and
// draws the frame (lesson, blank screen, presenter tools). The window loop only pumps events
// and handles what needs the OS window (fullscreen, screenshots, quitting), so tests can drive a
// whole class with synthesised key presses and an offscreen texture.
#pragma once

#include "app/screens/compare_screen.hpp"
#include "app/screens/draw_screen.hpp"
#include "app/screens/lesson_screen.hpp"
#include "app/screens/remote_control.hpp"
#include "app/screens/settings.hpp"
#include "lessons/lesson_player.hpp"
#include "lessons/lesson_watcher.hpp"
#include "training/checkpoint.hpp"
#include "training/trainer.hpp"
#include "views/notes_view.hpp"
#include "views/presenter_overlays.hpp"

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Window/Event.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <cstdint>
#include <optional>
#include <utility>
#include <string>

namespace stepwise::app {

/// \brief What only the window loop can do, asked for by an event.
enum class WindowRequest {
    None,       ///< nothing
    Fullscreen, ///< toggle fullscreen (F11)
    Present,    ///< presenter mode changed: go fullscreen (on) or back to a window (off)
    Screenshot, ///< save the window's pixels (F12)
    SwitchData, ///< train on the other dataset (Ctrl+D): the window loads it, then reopen()s the session on it
    Quit        ///< close the window (Ctrl+Q)
};

/// \brief Start-up choices of a session (from the command line).
struct SessionOptions {
    bool present = false;               ///< start in presenter mode
    double autoplaySeconds = 0.0;       ///< advance the steps every so many seconds (0: off)
    double autoplayResumeSeconds = 0.0; ///< restart autoplay after so many seconds without input (0: never)
    std::filesystem::path settingsFile; ///< where the text scale, last lesson, palette and window geometry live ("" : not remembered)
    std::filesystem::path saveFile;     ///< Ctrl+S writes here ("" : a new file in checkpointDir)
    std::filesystem::path loadFile;     ///< Ctrl+O reads this when nothing was saved yet ("" : the newest in checkpointDir)
    std::filesystem::path checkpointDir; ///< folder of Ctrl+S checkpoints ("" : defaultCheckpointDir())
    std::filesystem::path exportDir;    ///< Ctrl+E and F12 write under here ("" : the working folder)
    std::filesystem::path glossaryFile; ///< the help's glossary page (lessons/glossary.md; "" : none)
};

/// \brief `$XDG_DATA_HOME/stepwise/checkpoints`, else `~/.local/share/stepwise/checkpoints`.
std::filesystem::path defaultCheckpointDir();

/// \brief The window's behaviour on one lesson player and one trainer. UI thread only.
class LessonSession {
public:
    /// \brief A session over \p player (moved in) driving \p trainer, starting as \p options say.
    LessonSession(lessons::LessonPlayer player, training::Trainer& trainer, SessionOptions options);
    ~LessonSession();
    LessonSession(const LessonSession&) = delete;
    LessonSession& operator=(const LessonSession&) = delete;

    /// \brief Lays the screen out for a target of \p size px (and picks text sizes for it).
    void setSize(sf::Vector2f size);
    /// \brief Handles one window event (keys, mouse, wheel).
    WindowRequest handleEvent(const sf::Event& event);
    /// \brief Lets \p seconds pass: autoplay, status timers. Call once per frame.
    WindowRequest tick(double seconds);
    /// \brief Does \p intent (what a key or a click asked for).
    WindowRequest perform(const Intent& intent);
    /// \brief Takes the newest snapshot and draws the whole frame onto \p target.
    void draw(sf::RenderTarget& target);

    /// \brief The lesson player (where the class is).
    [[nodiscard]] const lessons::LessonPlayer& player() const { return m_player; }
    /// \brief The player, for the window's hot reload.
    lessons::LessonPlayer& player() { return m_player; }
    /// \brief The screen (for tests: layout rectangles and text sizes).
    [[nodiscard]] const LessonScreen& screen() const { return m_screen; }
    /// \brief The screen, for status lines and errors.
    LessonScreen& screen() { return m_screen; }
    /// \brief The remote-control state (blank, typed digits, autoplay, laser).
    [[nodiscard]] const RemoteControl& remote() const { return m_remote; }
    /// \brief True in presenter mode.
    [[nodiscard]] bool presenting() const { return m_presenting; }
    /// \brief The text scale in force (1 = the theme's own sizes).
    [[nodiscard]] float textScale() const { return m_settings.textScale; }
    /// \brief The remembered settings (text scale, last lesson and step, palette, window geometry).
    [[nodiscard]] const Settings& settings() const { return m_settings; }
    /// \brief Remembers \p geometry as the normal window's size and place (written to the
    /// settings file at once; the window loop calls it when the window closes or goes fullscreen).
    void rememberWindowGeometry(const WindowGeometry& geometry);
    /// \brief The window title: "stepwise — 4 Gradient descent · step 3/9" (just "stepwise"
    /// without lessons). The window loop sets it whenever it changes.
    [[nodiscard]] std::string windowTitle() const;
    /// \brief True while the draw-a-digit screen is shown (G).
    [[nodiscard]] bool drawing() const { return m_drawing; }
    /// \brief The draw-a-digit screen (for tests: its inputs and prediction).
    [[nodiscard]] const DrawScreen& drawScreen() const { return m_draw; }
    /// \brief The draw-a-digit screen, for tests that draw strokes.
    DrawScreen& drawScreen() { return m_draw; }
    /// \brief True while the compare screen is shown (C).
    [[nodiscard]] bool comparing() const { return m_comparing; }
    /// \brief The compare screen, made on first use (null before); its runs share the trainer's data.
    [[nodiscard]] CompareScreen* compareScreen() { return m_compare.get(); }
    /// \brief Opens the compare screen with \p runs for \p iterations each under \p name
    /// (no runs: the default pair, or the runs already there).
    void openCompare(std::string name = {}, const std::vector<core::RunSpec>& runs = {}, long iterations = 0);
    /// \brief Opens the compare screen on the current step's `[step.experiment]` (its "Run this
    /// experiment" button); an experiment already on the screen goes on instead of restarting.
    void openExperiment();
    /// \brief True while the spotlight is on.
    [[nodiscard]] bool spotlight() const { return m_spotlight; }
    /// \brief True while the magnifier is on.
    [[nodiscard]] bool magnifier() const { return m_magnifier; }
    /// \brief Seconds since the session started (the class clock of the notes window).
    [[nodiscard]] double elapsedSeconds() const { return m_elapsed; }
    /// \brief What the presenter's notes window shows now (notes, next step, class clock).
    [[nodiscard]] views::NotesContent notesContent() const;
    /// \brief The spotlight overlay (for tests: its target).
    [[nodiscard]] const views::Spotlight& spotlightOverlay() const { return m_spotlightView; }
    /// \brief The laser pointer overlay (for tests: where the dot is).
    [[nodiscard]] const views::LaserPointer& laserPointer() const { return m_laser; }
    /// \brief Completed iterations of the snapshot the last draw() showed (0 before the first).
    [[nodiscard]] long shownIteration() const { return m_shownIteration; }

    /// \brief Something on screen moves by itself: the spotlight slides or fades, the laser's
    /// trail fades, autoplay counts down, a status message is up, a typed step number shows.
    /// The window draws every frame while this holds.
    [[nodiscard]] bool animating() const;
    /// \brief Something on screen waits on work elsewhere (a background check of the step).
    [[nodiscard]] bool waiting() const { return m_screen.busy(); }
    /// \brief The training snapshots the next frame would show: the trainer's newest, and in
    /// the comparison every run's. When one of them is new, training has moved since the last frame.
    [[nodiscard]] std::vector<std::shared_ptr<const training::TrainingSnapshot>> shownSnapshots() const;
    /// \brief Sends the trainer to the state the current step assumes (after a reload or a load).
    void syncTrainer();
    /// \brief The learner's answers to the lessons' questions in this session.
    [[nodiscard]] const lessons::Quiz& quiz() const { return m_quiz; }
    /// \brief The network the class works on. The session is its one owner: lesson actions,
    /// checkpoint loads and the command line all change it through setNetwork(), and the
    /// trainer, the lesson positions, the typeset equations and the views follow from it.
    [[nodiscard]] const core::NetworkConfig& network() const { return m_network; }
    /// \brief The network outside any step's own (`network` in a lesson file): what a trainer on
    /// other data starts from when the class switches datasets.
    [[nodiscard]] const core::NetworkConfig& baseNetwork() const { return m_lentNetwork ? *m_lentNetwork : m_network; }
    /// \brief A session like this one on \p trainer, which trains on other data (what Ctrl+D leads
    /// to): the same lessons, lesson and step, presenter mode, text size, speed and network. The
    /// compare screen and the draw screen start afresh, since their runs trained on the old data.
    [[nodiscard]] std::unique_ptr<LessonSession> reopen(training::Trainer& trainer) const;
    /// \brief Does what a step's button asks (α, speed, reset, or a new network through setNetwork()).
    void applyStepAction(const lessons::StepAction& action);
    /// \brief Makes \p config the network: the trainer starts it afresh (new weights), or
    /// continues from \p restore when it is given (then its config is the network). Follow it
    /// with syncTrainer() to reach the current step's equation as numbered for the new network.
    void setNetwork(const core::NetworkConfig& config,
                    std::shared_ptr<const training::Checkpoint> restore = nullptr);
    /// \brief Refreshes the menu's lesson and step titles (after a reload).
    void refreshMenu();
    /// \brief Hot reload: applies the lesson files that \p changes names (see
    /// lessons::applyChanges()). A file that was removed, emptied or broken keeps the last good
    /// version on screen and shows the first error above it ("Kept the last good version ·
    /// 01-data.toml:2:11: …") until the files load again.
    /// \return every problem found, for the terminal (empty when all changes were applied)
    std::vector<lessons::LessonError> reloadLessons(const std::vector<lessons::FileChange>& changes);
    /// \brief Writes a checkpoint of the newest snapshot and the current step (what Ctrl+S does).
    /// \return the file written, or nothing when it could not be written (the status line says why).
    std::optional<std::filesystem::path> saveCheckpoint();
    /// \brief Writes \p shot (the window's pixels, what F12 grabs) as
    /// `stepwise-screenshot-SECONDS.png` into the export folder (SessionOptions::exportDir, else
    /// the working folder) and names the file on the status line, or says why it could not.
    /// \return the file written, or nothing (a full or read-only disk: no partial file is left)
    std::optional<std::filesystem::path> saveScreenshot(const sf::Image& shot);
    /// \brief Loads \p file and sends the trainer and the lesson there (what Ctrl+O does).
    /// A refused file changes nothing and says why on the status line.
    /// \return true when the checkpoint was accepted.
    bool loadCheckpoint(const std::filesystem::path& file);

private:
    void applyTheme();
    void moved();
    void rememberSettings();
    void drawOverlays(sf::RenderTarget& target);
    void drawBadge(sf::RenderTarget& target);
    WindowRequest compareRequest(CompareRequest request, const Intent& intent);

    lessons::LessonPlayer m_player;
    training::Trainer& m_trainer;
    core::NetworkConfig m_network; // the one owner of the configuration (see network())
    /// The network before the learner reached a step with its own (`network` in the file);
    /// given back on moving to a step without one.
    std::optional<core::NetworkConfig> m_lentNetwork;
    std::pair<std::size_t, std::size_t> m_networkStep{SIZE_MAX, SIZE_MAX}; // the step whose network was last applied
    void borrowStepNetwork();
    // The step's questions (lesson_session_quiz.cpp): keys and clicks that answer the waiting
    // question, and what an answer releases. Each returns true when it used the input.
    bool questionKey(const sf::Event::KeyEvent& key);
    bool questionText(std::uint32_t unicode);
    bool chooseAnswer(int choice);
    void answered();
    lessons::Quiz m_quiz; // this session's answers, never stored
    SessionOptions m_options;
    Settings m_settings;
    LessonScreen m_screen;
    RemoteControl m_remote;
    DrawScreen m_draw;
    bool m_drawing = false;
    std::unique_ptr<CompareScreen> m_compare; // made on first use: its runs are real trainers
    bool m_comparing = false;
    sf::Vector2f m_size{1920.f, 1080.f};
    sf::Vector2f m_mouse;
    bool m_presenting = false;
    bool m_spotlight = false;
    bool m_magnifier = false;
    views::Spotlight m_spotlightView;
    views::LaserPointer m_laser;
    views::Magnifier m_lens;
    std::size_t m_speed = 5;     // index into the speed ladder; the last is full speed
    double m_elapsed = 0.0;
    long m_shownIteration = 0; // of the snapshot drawn last (the frame log's iteration column)
    std::filesystem::path m_lastCheckpoint; // written or read last: what Ctrl+O reopens
    bool m_settingsUnwritable = false;      // said once that the settings cannot be remembered
};

} // namespace stepwise::app

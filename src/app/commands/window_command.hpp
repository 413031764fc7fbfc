// The window (`stepwise` with no subcommand) and headless `stepwise render`.
// runWindow lives in window_command.cpp, runRender in render_command.cpp.
#pragma once

#include "app/screens/settings.hpp"
#include "core/network_config.hpp"
#include "lessons/lesson_player.hpp"

#include <SFML/Graphics/RenderWindow.hpp>

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>

namespace stepwise::app {

/// \brief Options of the interactive window.
struct WindowOptions {
    std::filesystem::path data; ///< Kaggle CSV or IDX folder
    std::string lesson;         ///< lesson id to open (empty: the last one opened, or lesson 1)
    int step = 1;               ///< 1-based step to open
    bool stepGiven = false;     ///< --step was given (else the launcher reopens the remembered step)
    bool present = false;       ///< start in presenter mode (fullscreen, projector theme)
    double autoplay = 0.0;      ///< advance the steps every so many seconds and loop (0: off)
    double autoplayResume = 0.0; ///< restart autoplay after so many seconds without a key or click (0: never)
    bool notesWindow = false;   ///< open a second window with the presenter notes
    std::filesystem::path save; ///< Ctrl+S writes the checkpoint here ("" : the checkpoint folder)
    std::filesystem::path load; ///< checkpoint to start from ("" : fresh weights)
    std::filesystem::path frameLog; ///< CSV of every frame: time_s,frame_ms,iteration ("" : none)
    bool play = false;          ///< start training at launch, at full speed
    double quitAfter = 0.0;     ///< close the window after so many seconds (0: never; benchmarks, tests)
};

/// \brief Options of `stepwise render`.
struct RenderOptions {
    std::filesystem::path data; ///< Kaggle CSV or IDX folder
    std::string lesson;         ///< lesson id
    int step = 1;               ///< 1-based step
    long iterations = 0;        ///< iterations to train before drawing
    std::string size = "1920x1080"; ///< WxH
    std::filesystem::path out;  ///< PNG path
    core::NetworkConfig network; ///< the network drawn: sizes, activation, init, α, seed, paper-faithful
    bool present = false;       ///< projector theme
    std::string palette = "purple-orange"; ///< heatmap palette name (views::parsePalette())
};

/// \brief Puts \p player where the window opens: `--lesson` (its id or its file's name, see
/// lessons::findLessonId()) and `--step` when given, else the
/// lesson and step \p remembered from last time (its first step when the lesson is shorter now;
/// lesson 1 when it is gone), with `--step` alone choosing the step of the remembered lesson.
/// \return false (one line on \p err) when `--lesson`/`--step` name no step.
bool openStartStep(lessons::LessonPlayer& player, const WindowOptions& options, const Settings& remembered,
                   std::ostream& err);

/// \brief (Re)creates \p window titled \p title: fullscreen on the desktop, or a normal window
/// at \p geometry fitted onto the desktop (restoredGeometry()). Main thread only.
void openLessonWindow(sf::RenderWindow& window, bool fullscreen, const WindowGeometry& geometry, const std::string& title);

/// \brief The size and position of \p window now (what rememberWindowGeometry() stores). Main thread only.
WindowGeometry windowGeometry(const sf::RenderWindow& window);

/// \brief Opens the window and runs until it is closed. Main thread only. Returns the exit code.
int runWindow(const WindowOptions& options, std::ostream& err);

/// \brief Renders one step into a PNG (needs an X display). Main thread only. Returns the exit code.
int runRender(const RenderOptions& options, std::ostream& err);

} // namespace stepwise::app

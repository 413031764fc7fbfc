// The window (`stepwise` with no subcommand) and headless `stepwise render`.
// runWindow lives in window_command.cpp, runRender in render_command.cpp.
#pragma once

#include "core/network_config.hpp"

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
    bool present = false;       ///< start in presenter mode (fullscreen, projector theme)
    double autoplay = 0.0;      ///< advance the steps every so many seconds and loop (0: off)
    bool notesWindow = false;   ///< open a second window with the presenter notes
    std::filesystem::path save; ///< Ctrl+S writes the checkpoint here ("" : the checkpoint folder)
    std::filesystem::path load; ///< checkpoint to start from ("" : fresh weights)
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
};

/// \brief Opens the window and runs until it is closed. Main thread only. Returns the exit code.
int runWindow(const WindowOptions& options, std::ostream& err);

/// \brief Renders one step into a PNG (needs an X display). Main thread only. Returns the exit code.
int runRender(const RenderOptions& options, std::ostream& err);

} // namespace stepwise::app

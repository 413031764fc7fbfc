// Is there an X display to draw on? Asked before SFML touches X: SFML 2.5 prints a message and
// calls abort() (exit 134) when it cannot open the display, so the window, `render`, `export`
// and `docs` ask here first and say in one line what to do instead.
#pragma once

#include <optional>
#include <string>

namespace stepwise::app {

/// \brief Why no X display can be opened, or nothing when one can: "DISPLAY is not set", or
/// "cannot open the X display \":7\" named by DISPLAY". Opens and closes a connection to the
/// server (Xlib), so the answer is the server's, not a guess from the environment. Any thread,
/// but before SFML opens its own connection.
std::optional<std::string> displayProblem();

/// \brief The one line the window prints when displayProblem() says \p problem: what is
/// missing and the headless ways to draw the same steps (`stepwise render`, `stepwise export`
/// under xvfb-run, since they draw with OpenGL through X too).
std::string noDisplayForWindow(const std::string& problem);

/// \brief The one line `stepwise` \p command (render, export, docs) prints when
/// displayProblem() says \p problem: it draws through X too, so run it under xvfb-run.
std::string noDisplayForCommand(const std::string& command, const std::string& problem);

} // namespace stepwise::app

// displayProblem() with Xlib's XOpenDisplay (see display_check.hpp).
#include "app/display_check.hpp"

#include <X11/Xlib.h>

#include <cstdlib>

namespace stepwise::app {

std::optional<std::string> displayProblem() {
    const char* name = std::getenv("DISPLAY");
    if (!name || !*name) return "DISPLAY is not set";
    Display* display = XOpenDisplay(nullptr);
    if (!display) return std::string("cannot open the X display \"") + name + "\" named by DISPLAY";
    XCloseDisplay(display);
    return std::nullopt;
}

std::string noDisplayForWindow(const std::string& problem) {
    return "stepwise: no X display for the window (" + problem +
           "); start it from a desktop session, or draw the steps without one: "
           "xvfb-run -a stepwise render --lesson ID --step N --out FILE.png, or "
           "xvfb-run -a stepwise export --lesson ID --out DIR";
}

std::string noDisplayForCommand(const std::string& command, const std::string& problem) {
    return "stepwise " + command + ": no X display (" + problem +
           "); it draws with OpenGL through X, so without a desktop run it under Xvfb: xvfb-run -a stepwise " +
           command + " ...";
}

} // namespace stepwise::app

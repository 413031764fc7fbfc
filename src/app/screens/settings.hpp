// What the window remembers between runs: the text scale (Ctrl + / Ctrl −), the last lesson and
// step, the heatmap palette (K) and the window's size and position, in a small TOML file under
// ~/.config/stepwise/. restoredGeometry() fits a remembered window onto today's desktop.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace stepwise::app {

/// \brief A normal (not fullscreen) window's place on the desktop, in pixels.
struct WindowGeometry {
    int x = 0;           ///< left edge of the window (the position sf::Window reports)
    int y = 0;           ///< top edge
    unsigned width = 0;  ///< width of the drawing area
    unsigned height = 0; ///< height of the drawing area
    /// \brief Member-wise equality.
    bool operator==(const WindowGeometry&) const = default;
};

/// \brief Remembered choices of the window. Plain value.
struct Settings {
    float textScale = 1.f;  ///< factor on every text size of the theme (0.7 … 2.5)
    std::string lastLesson; ///< id of the lesson open when the window last moved (may be empty)
    std::size_t lastStep = 0; ///< 0-based step of lastLesson open then
    std::string palette;    ///< heatmap palette name (views::paletteName()); empty: the default
    std::optional<WindowGeometry> window; ///< the last normal window's geometry (none: never saved)
};

/// \brief `$XDG_CONFIG_HOME/stepwise/settings.toml`, else `~/.config/stepwise/settings.toml`.
std::filesystem::path defaultSettingsFile();

/// \brief Reads \p file. A missing, unreadable or malformed file gives the defaults, and a
/// malformed entry its default (the settings are a convenience; a broken file must never stop
/// a class). Sizes and positions out of any sensible range are dropped.
Settings loadSettings(const std::filesystem::path& file);

/// \brief Writes \p settings to \p file (folders created; through a temporary file and a
/// rename, so a crash never leaves half a file, and a failed write leaves no temporary file).
/// Returns false when it cannot be written, and then puts the reason in \p problem if given
/// ("cannot write /home/x/.config/stepwise/settings.toml: Read-only file system").
bool saveSettings(const std::filesystem::path& file, const Settings& settings, std::string* problem = nullptr);

/// \brief \p scale limited to the range the window offers (0.7 … 2.5); NaN gives 1.
float clampTextScale(float scale);

/// \brief Smallest window the layout is made for (the 1280 × 720 presenter size is larger).
inline constexpr unsigned kMinWindowWidth = 800;
/// \brief See kMinWindowWidth.
inline constexpr unsigned kMinWindowHeight = 600;

/// \brief Where to open a window remembered as \p saved on a desktop of \p desktopWidth ×
/// \p desktopHeight px: no larger than the desktop (nor smaller than kMinWindowWidth ×
/// kMinWindowHeight unless the desktop is), and moved so the whole window is on the desktop,
/// so a window last seen on a monitor that is gone is never restored off-screen.
WindowGeometry restoredGeometry(const WindowGeometry& saved, unsigned desktopWidth, unsigned desktopHeight);

} // namespace stepwise::app

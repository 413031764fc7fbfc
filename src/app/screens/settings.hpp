// What the window remembers between runs: the text scale (Ctrl + / Ctrl −) and the last lesson,
// in a small TOML file under ~/.config/stepwise/.
#pragma once

#include <filesystem>
#include <string>

namespace stepwise::app {

/// \brief Remembered choices of the window. Plain value.
struct Settings {
    float textScale = 1.f;  ///< factor on every text size of the theme (0.7 … 2.5)
    std::string lastLesson; ///< id of the lesson open when the window last moved (may be empty)
};

/// \brief `$XDG_CONFIG_HOME/stepwise/settings.toml`, else `~/.config/stepwise/settings.toml`.
std::filesystem::path defaultSettingsFile();

/// \brief Reads \p file. A missing, unreadable or malformed file gives the defaults (the
/// settings are a convenience; a broken file must never stop a class).
Settings loadSettings(const std::filesystem::path& file);

/// \brief Writes \p settings to \p file (folders created; through a temporary file and a
/// rename, so a crash never leaves half a file). Returns false when it cannot be written.
bool saveSettings(const std::filesystem::path& file, const Settings& settings);

/// \brief \p scale limited to the range the window offers (0.7 … 2.5).
float clampTextScale(float scale);

} // namespace stepwise::app

// Reading and writing settings.toml with toml++ (see settings.hpp).
#include "app/screens/settings.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

namespace stepwise::app {

std::filesystem::path defaultSettingsFile() {
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "stepwise" / "settings.toml";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home ? home : ".") / ".config" / "stepwise" / "settings.toml";
}

float clampTextScale(float scale) { return std::clamp(scale, 0.7f, 2.5f); }

Settings loadSettings(const std::filesystem::path& file) {
    Settings s;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return s;
    toml::table t;
    try {
        t = toml::parse_file(file.string());
    } catch (const toml::parse_error&) {
        return s;
    }
    if (const auto scale = t["text_scale"].value<double>()) s.textScale = clampTextScale(static_cast<float>(*scale));
    if (const auto lesson = t["last_lesson"].value<std::string>()) s.lastLesson = *lesson;
    return s;
}

bool saveSettings(const std::filesystem::path& file, const Settings& settings) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    toml::table t;
    t.insert("text_scale", static_cast<double>(clampTextScale(settings.textScale)));
    t.insert("last_lesson", settings.lastLesson);
    const auto temp = file.string() + ".tmp";
    {
        std::ofstream out(temp, std::ios::trunc);
        out << "# stepwise window settings (written by the program)\n" << t << "\n";
        out.flush();
        if (!out) return false;
    }
    std::filesystem::rename(temp, file, ec);
    return !ec;
}

} // namespace stepwise::app

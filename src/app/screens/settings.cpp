// Reading and writing settings.toml with toml++, and fitting a remembered window onto the
// desktop (see settings.hpp).
#include "app/screens/settings.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace stepwise::app {

namespace {

// Larger than any desktop of today; guards the integer arithmetic of restoredGeometry().
constexpr std::int64_t kLargestCoordinate = 1 << 20;

// Integers are read with value_exact: toml++ 3.3's value<std::int64_t>() converts a float such as
// 1e308 to an integer, which is undefined behaviour (the settings fuzzer's finding).
std::optional<WindowGeometry> readGeometry(const toml::table& t) {
    const auto* w = t["window"].as_table();
    if (!w) return std::nullopt;
    const auto x = (*w)["x"].value_exact<std::int64_t>();
    const auto y = (*w)["y"].value_exact<std::int64_t>();
    const auto width = (*w)["width"].value_exact<std::int64_t>();
    const auto height = (*w)["height"].value_exact<std::int64_t>();
    if (!x || !y || !width || !height) return std::nullopt;
    auto inRange = [](std::int64_t v, std::int64_t lo) { return v >= lo && v <= kLargestCoordinate; };
    if (!inRange(*x, -kLargestCoordinate) || !inRange(*y, -kLargestCoordinate) || !inRange(*width, 1) ||
        !inRange(*height, 1))
        return std::nullopt;
    return WindowGeometry{static_cast<int>(*x), static_cast<int>(*y), static_cast<unsigned>(*width),
                          static_cast<unsigned>(*height)};
}

} // namespace

std::filesystem::path defaultSettingsFile() {
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "stepwise" / "settings.toml";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home ? home : ".") / ".config" / "stepwise" / "settings.toml";
}

// std::clamp passes NaN through (every comparison with it is false), so NaN gets the default.
float clampTextScale(float scale) { return std::isnan(scale) ? 1.f : std::clamp(scale, 0.7f, 2.5f); }

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
    if (const auto step = t["last_step"].value_exact<std::int64_t>(); step && *step >= 1 && *step <= 100000)
        s.lastStep = static_cast<std::size_t>(*step - 1);
    if (const auto palette = t["palette"].value<std::string>()) s.palette = *palette;
    s.window = readGeometry(t);
    return s;
}

bool saveSettings(const std::filesystem::path& file, const Settings& settings, std::string* problem) {
    const auto fail = [&](const std::string& why) {
        if (problem) *problem = "cannot write " + file.string() + ": " + why;
        return false;
    };
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) return fail(ec.message());
    toml::table t;
    t.insert("text_scale", static_cast<double>(clampTextScale(settings.textScale)));
    t.insert("last_lesson", settings.lastLesson);
    t.insert("last_step", static_cast<std::int64_t>(settings.lastStep + 1)); // 1-based, as --step
    if (!settings.palette.empty()) t.insert("palette", settings.palette);
    if (const auto& g = settings.window)
        t.insert("window", toml::table{{"x", g->x}, {"y", g->y}, {"width", static_cast<std::int64_t>(g->width)},
                                       {"height", static_cast<std::int64_t>(g->height)}});
    const auto temp = file.string() + ".tmp";
    {
        std::ofstream out(temp, std::ios::trunc);
        if (!out) return fail(std::strerror(errno));
        out << "# stepwise window settings (written by the program)\n" << t << "\n";
        out.flush();
        if (!out) {
            const int error = errno;
            out.close();
            std::filesystem::remove(temp, ec); // no half-written file left on a full disk
            return fail(std::strerror(error));
        }
    }
    std::filesystem::rename(temp, file, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        return fail(ec.message());
    }
    return true;
}

WindowGeometry restoredGeometry(const WindowGeometry& saved, unsigned desktopWidth, unsigned desktopHeight) {
    const auto fit = [](std::int64_t position, std::int64_t size, std::int64_t smallest, std::int64_t desktop,
                        std::int64_t& outPosition, std::int64_t& outSize) {
        desktop = std::max<std::int64_t>(desktop, 1);
        outSize = std::clamp(size, std::min(smallest, desktop), desktop);
        outPosition = std::clamp(position, std::int64_t{0}, desktop - outSize);
    };
    std::int64_t x = 0, y = 0, w = 0, h = 0;
    fit(saved.x, saved.width, kMinWindowWidth, desktopWidth, x, w);
    fit(saved.y, saved.height, kMinWindowHeight, desktopHeight, y, h);
    return {static_cast<int>(x), static_cast<int>(y), static_cast<unsigned>(w), static_cast<unsigned>(h)};
}

} // namespace stepwise::app

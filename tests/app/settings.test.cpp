// settings.toml values that TOML allows but the window cannot use (found by tests/fuzz's
// settings harness), and characters where Debian's toml++ 3.3.0 has undefined behaviour
// (toml++ issues #190, #295): each must give settings the window can use.
#include "app/screens/settings.hpp"
#include "support/test_paths.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <limits>

using namespace stepwise;

TEST_CASE("[app] a settings file's nan, inf or out-of-range text scale gives a usable one") {
    const auto file = test::scratchDir("settings-values") / "settings.toml";
    const auto scaleOf = [&](const char* text) {
        std::ofstream(file) << text;
        return app::loadSettings(file).textScale;
    };
    CHECK(scaleOf("text_scale = nan\n") == 1.f);
    CHECK(scaleOf("text_scale = -nan\n") == 1.f);
    CHECK(scaleOf("text_scale = inf\n") == 2.5f);
    CHECK(scaleOf("text_scale = -inf\n") == 0.7f);
    CHECK(scaleOf("text_scale = 1e300\n") == 2.5f);
    CHECK(scaleOf("text_scale = 1.5\n") == 1.5f);
    CHECK(app::clampTextScale(std::numeric_limits<float>::quiet_NaN()) == 1.f);
}

TEST_CASE("[app] a settings file with unusual characters where TOML wants space still loads or gives the defaults") {
    const auto file = test::scratchDir("settings-characters") / "settings.toml";
    // U+0260 after a value: a TOML syntax error, so the defaults.
    std::ofstream(file) << "text_scale = 1.5 \xc9\xa0\nlast_lesson = \"forward\"\n";
    CHECK(app::loadSettings(file).textScale == 1.f);
    CHECK(app::loadSettings(file).lastLesson.empty());
    // U+00A7 after a line-ending backslash in a multi-line string is text.
    std::ofstream(file) << "text_scale = 1.5\nlast_lesson = \"\"\"\\\n\xc2\xa7" "data\"\"\"\n";
    CHECK(app::loadSettings(file).textScale == 1.5f);
    CHECK(app::loadSettings(file).lastLesson == "\xc2\xa7" "data");
}

// Found by tests/fuzz (settings target): toml++'s value<std::int64_t>() converted 1e308 to an
// integer (undefined behaviour); whole-number entries are now read only from TOML integers.
TEST_CASE("[app] a settings file's window and step are read from whole numbers only") {
    const auto file = test::scratchDir("settings-integers") / "settings.toml";
    const auto load = [&](const std::string& text) {
        std::ofstream(file) << text;
        return app::loadSettings(file);
    };
    const std::string window = "[window]\nx = 10\ny = 20\nwidth = 1280\n";
    const app::Settings good = load("last_step = 3\n" + window + "height = 720\n");
    REQUIRE(good.window);
    CHECK(*good.window == app::WindowGeometry{10, 20, 1280, 720});
    CHECK(good.lastStep == 2);
    CHECK_FALSE(load(window + "height = 1e308\n").window);
    CHECK_FALSE(load(window + "height = 720.0\n").window);
    CHECK_FALSE(load(window + "height = nan\n").window);
    CHECK(load("last_step = 1e308\n").lastStep == 0);
    CHECK(load("last_step = 3.0\n").lastStep == 0);
}

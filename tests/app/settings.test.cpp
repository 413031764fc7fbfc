// settings.toml values that TOML allows but the window cannot use (found by tests/fuzz's
// settings harness): each must give a text scale the window can draw with.
#include "app/screens/settings.hpp"
#include "support/test_paths.hpp"

#include <catch2/catch.hpp>

#include <fstream>
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

// libFuzzer harness for loadSettings (src/app/screens/settings.cpp, compiled in here so no
// window library is needed): whatever the file holds, the window gets usable settings, and a
// remembered window is restored inside the desktop.
#include "fuzz_support.hpp"

#include "app/screens/settings.hpp"

#include <array>
#include <cmath>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stepwise;
    const auto file = fuzz::scratch().file("settings.toml");
    fuzz::writeFile(file, data, size);
    // loadSettings promises never to throw: anything escaping is a finding (libFuzzer reports it).
    const app::Settings settings = app::loadSettings(file);
    if (!(settings.textScale >= 0.7f && settings.textScale <= 2.5f))
        fuzz::finding("loadSettings returned a text scale outside 0.7-2.5: " + std::to_string(settings.textScale));
    if (settings.lastStep >= 100000) fuzz::finding("loadSettings returned step " + std::to_string(settings.lastStep));
    if (const auto& saved = settings.window) {
        if (saved->width == 0 || saved->height == 0) fuzz::finding("loadSettings returned an empty window");
        constexpr std::array<std::array<unsigned, 2>, 4> desktops{{{1920, 1080}, {1280, 720}, {640, 480}, {1, 1}}};
        for (const auto& [width, height] : desktops) {
            const app::WindowGeometry g = app::restoredGeometry(*saved, width, height);
            if (g.x < 0 || g.y < 0 || g.width == 0 || g.height == 0 || g.x + std::int64_t{g.width} > width ||
                g.y + std::int64_t{g.height} > height)
                fuzz::finding("restoredGeometry put a window outside a " + std::to_string(width) + "x" +
                              std::to_string(height) + " desktop");
        }
    }
    return 0;
}

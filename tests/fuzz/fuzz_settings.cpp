// libFuzzer harness for loadSettings (src/app/screens/settings.cpp, compiled in here so no
// window library is needed): whatever the file holds, the window gets usable settings.
#include "fuzz_support.hpp"

#include "app/screens/settings.hpp"

#include <cmath>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stepwise;
    const auto file = fuzz::scratch().file("settings.toml");
    fuzz::writeFile(file, data, size);
    // loadSettings promises never to throw: anything escaping is a finding (libFuzzer reports it).
    const app::Settings settings = app::loadSettings(file);
    if (!(settings.textScale >= 0.7f && settings.textScale <= 2.5f))
        fuzz::finding("loadSettings returned a text scale outside 0.7-2.5: " + std::to_string(settings.textScale));
    return 0;
}

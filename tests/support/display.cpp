// requireDisplay() (see display.hpp).
#include "support/display.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace stepwise::test {

void skip(std::string_view reason) {
    std::cout << "SKIPPED: " << reason << std::endl;
    std::fflush(nullptr);
    std::_Exit(skipExitCode);
}

void requireDisplay() {
    if (const char* display = std::getenv("DISPLAY"); display && *display) return;
    skip("no X display (DISPLAY is unset); run the tests under xvfb-run -a, as scripts/test.sh does");
}

} // namespace stepwise::test

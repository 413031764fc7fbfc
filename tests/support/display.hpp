// Tests that cannot run here (no X display, no NumPy, no MNIST) end as SKIPPED, never as
// passed: a test that cannot fail is not a test.
#pragma once

#include <string_view>

namespace stepwise::test {

/// \brief The exit code that ctest reads as "skipped" (SKIP_RETURN_CODE in tests/CMakeLists.txt).
inline constexpr int skipExitCode = 77;

/// \brief Ends the process as SKIPPED: prints "SKIPPED: " and \p reason on one line, then exits
/// with skipExitCode. ctest runs every test case in a process of its own, so this skips exactly
/// the calling test case.
[[noreturn]] void skip(std::string_view reason);

/// \brief Returns when an X display is there; otherwise prints one line saying why the test is
/// skipped and ends the process with skipExitCode. ctest runs every test case in a process of
/// its own, so ending the process skips exactly the calling test case.
void requireDisplay();

} // namespace stepwise::test

// The stepwise command line: subcommands train, trace, lessons, render, and the window.
#pragma once

namespace stepwise::app {
/// \brief Parses the command line and runs the chosen subcommand. Returns the process exit code
/// (0 success, 1 runtime failure, 2 bad input or usage). Main thread only.
int runCommandLine(int argc, char** argv);
} // namespace stepwise::app

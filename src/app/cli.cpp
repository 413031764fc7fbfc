// Placeholder command line until the subcommands land.
#include "app/cli.hpp"

namespace stepwise::app {
int runCommandLine(int, char**) { return 0; }
} // namespace stepwise::app

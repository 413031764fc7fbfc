// The manual page stepwise(1), written from the CLI11 definition of the command line (cli.cpp)
// by `stepwise man`, so every subcommand and option in it is the one the program parses. The
// build runs it into <build>/stepwise.1; `cmake --install` puts it in share/man/man1.
#pragma once

#include <string>
#include <string_view>

namespace CLI {
class App;
}

namespace stepwise::app {

/// \brief The roff source of stepwise(1) for the command line \p app (the whole program, not a
/// subcommand): name, synopsis, the window's options, every visible subcommand (nested ones such
/// as `data fetch` too) with every option, its argument, default and allowed values, then the
/// files, environment and exit status. Hidden subcommands and options (empty CLI11 group) are
/// left out. The output depends on \p app and \p version only (no date), so two runs give the
/// same file.
[[nodiscard]] std::string manPage(const CLI::App& app, std::string_view version);

} // namespace stepwise::app

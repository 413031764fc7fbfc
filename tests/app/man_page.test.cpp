// The manual page comes from the CLI definition itself: every subcommand and every option that
// `--help` shows is in it, two runs give the same bytes, and the build's stepwise.1 is that page.
#include "app_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace stepwise::test;

namespace {

/// The long options ("--data") a --help text lists in its options table.
std::set<std::string> optionsIn(const std::string& help) {
    std::set<std::string> out;
    const std::regex option(R"((^|[ ,])(--[a-z][a-z0-9-]*))");
    std::istringstream lines(help);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("  -", 0) != 0) continue; // option rows start with two spaces and a dash
        const std::string names = line.substr(2, line.find("  ", 2) - 2); // not the description after it
        for (std::sregex_iterator it(names.begin(), names.end(), option), end; it != end; ++it) out.insert((*it)[2]);
    }
    return out;
}

/// The subcommands a --help text lists under "Subcommands:".
std::vector<std::string> subcommandsIn(const std::string& help) {
    std::vector<std::string> out;
    std::istringstream lines(help);
    bool listing = false;
    for (std::string line; std::getline(lines, line);) {
        if (line == "Subcommands:") listing = true;
        else if (listing && line.rfind("  ", 0) == 0) out.push_back(line.substr(2, line.find(' ', 2) - 2));
        else if (listing && !line.empty()) listing = false;
    }
    return out;
}

/// roff spells "-" as "\-".
std::string roffed(const std::string& text) {
    std::string out;
    for (char c : text) out += (c == '-') ? std::string("\\-") : std::string(1, c);
    return out;
}

} // namespace

TEST_CASE("[app] the man page lists every subcommand and option the command line has") {
    const Run man = runStepwise({"man"});
    REQUIRE(man.code == 0);
    const std::string& page = man.out;
    CHECK(page.rfind(".\\\" The manual page of stepwise", 0) == 0);
    CHECK(page.find(".TH STEPWISE 1") != std::string::npos);

    // Walk the command line by its --help output (not by the generator's own walk).
    std::vector<std::vector<std::string>> commands{{}};
    std::size_t checkedOptions = 0, checkedCommands = 0;
    while (!commands.empty()) {
        const std::vector<std::string> path = commands.back();
        commands.pop_back();
        std::vector<std::string> args = path;
        args.push_back("--help");
        const Run help = runStepwise(args);
        REQUIRE(help.code == 0);
        std::string title = "stepwise";
        for (const auto& word : path) title += " " + word;
        const auto subs = subcommandsIn(help.out);
        if (subs.empty()) {
            INFO(title);
            CHECK((path.empty() || page.find(".SS \"" + roffed(title) + "\"") != std::string::npos));
            ++checkedCommands;
        }
        // The options must appear in this command's section (the window's under OPTIONS); a
        // command with subcommands (`data`) has only --help of its own.
        if (subs.empty() || path.empty()) {
            const std::size_t from = path.empty() ? page.find(".SH OPTIONS") : page.find(".SS \"" + roffed(title) + "\"");
            REQUIRE(from != std::string::npos);
            const std::size_t to = page.find(path.empty() ? ".SH COMMANDS" : ".SS", from + 1);
            const std::string section = page.substr(from, to == std::string::npos ? std::string::npos : to - from);
            for (const std::string& option : optionsIn(help.out)) {
                INFO(title << " " << option);
                // -h/--help is described once, under OPTIONS, for every command alike.
                if (option == "--help" && !path.empty()) continue;
                CHECK(section.find("\\fB" + roffed(option) + "\\fR") != std::string::npos);
                ++checkedOptions;
            }
        }
        for (const auto& sub : subs) {
            auto next = path;
            next.push_back(sub);
            commands.push_back(next);
        }
    }
    CHECK(checkedCommands == 9); // train, trace, lessons, render, docs, export, compare, equations, data fetch
    CHECK(checkedOptions >= 60);
    CHECK(page.find("stepwise data fetch") != std::string::npos);
    CHECK(page.find("\\-\\-from") != std::string::npos);
    CHECK(page.find(".SS \"stepwise man\"") == std::string::npos); // hidden: the build's own tool
}

TEST_CASE("[app] the man page is the same every time, and the build installs exactly that page") {
    const Run first = runStepwise({"man"});
    const Run second = runStepwise({"man"});
    REQUIRE(first.code == 0);
    CHECK(first.out == second.out);
    const auto dir = scratchDir("man-page");
    REQUIRE(runStepwise({"man", "--out", (dir / "stepwise.1").string()}).code == 0);
    std::ifstream written(dir / "stepwise.1", std::ios::binary);
    CHECK(std::string(std::istreambuf_iterator<char>(written), {}) == first.out);
    std::ifstream built(std::filesystem::path(STEPWISE_BINARY_DIR) / "packaging" / "stepwise.1", std::ios::binary);
    REQUIRE(built);
    CHECK(std::string(std::istreambuf_iterator<char>(built), {}) == first.out);
}

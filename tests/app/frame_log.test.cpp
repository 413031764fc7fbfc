// `stepwise --frame-log FILE.csv --play`: the log's exact header and row format, the real window
// writing one row per frame while the iteration count grows, and a path that cannot be written
// refused with one line and exit code 2 before any window opens.
#include "app/frame_log.hpp"
#include "support/display.hpp"
#include "support/test_paths.hpp"

#include "app_support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>

using namespace stepwise;
using namespace stepwise::test;

namespace {

std::vector<std::string> readLines(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

/// Sets an environment variable for one scope and puts the old value back.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::string& value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (m_old) setenv(m_name, m_old->c_str(), 1);
        else unsetenv(m_name);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

} // namespace

TEST_CASE("[app] the frame log writes its header and one row per recorded frame") {
    const auto file = scratchDir("frame-log-rows") / "frames.csv";
    {
        app::FrameLog log(file);
        using namespace std::chrono;
        log.record(log.origin() + milliseconds(1500), microseconds(12250), 7);
        log.record(log.origin() + milliseconds(1517), microseconds(9001), 8);
        log.record(log.origin() + seconds(61), milliseconds(103), 1234567);
        CHECK(readLines(file) == std::vector<std::string>{"time_s,frame_ms,iteration"}); // still buffered
    } // closing writes the rest
    CHECK(readLines(file) == std::vector<std::string>{"time_s,frame_ms,iteration", "1.5000,12.250,7",
                                                     "1.5170,9.001,8", "61.0000,103.000,1234567"});
}

TEST_CASE("[app] a frame log that cannot be written is one line and exit code 2") {
    const auto dir = scratchDir("frame-log-bad");
    const std::string missing = (dir / "no-such-folder" / "frames.csv").string();
    auto r = runStepwise({"--frame-log", missing});
    CHECK(r.code == 2);
    CHECK(r.err == missing +
                       ": frame log: expected a file that can be written (No such file or directory): choose a path "
                       "in an existing, writable folder\n");
    r = runStepwise({"--frame-log", dir.string()});
    CHECK(r.code == 2);
    CHECK(r.err == dir.string() + ": frame log: expected a file to write, found a folder (give a file name such as "
                                  "frames.csv)\n");
    r = runStepwise({"--quit-after", "0"});
    CHECK(r.code == 2);
    CHECK(r.err.find("--quit-after") != std::string::npos);
}

namespace {
/// A small Kaggle-format train.csv: loads at once and trains fast even under the sanitizers,
/// so the iteration count must grow within the few seconds the window is open.
std::filesystem::path smallTrainCsv(const std::filesystem::path& dir) {
    const auto csv = dir / "train.csv";
    std::ofstream out(csv);
    out << "label";
    for (int k = 0; k < 784; ++k) out << ",pixel" << k;
    out << "\n";
    std::mt19937 rng(3);
    for (int row = 0; row < 600; ++row) {
        out << row % 10;
        for (int k = 0; k < 784; ++k) out << ',' << (k % 7 == row % 7 ? rng() % 256 : 0);
        out << "\n";
    }
    return csv;
}
} // namespace

TEST_CASE("[app] --play --frame-log: the real window logs every frame it draws while the network trains") {
    requireDisplay();
    const auto dir = scratchDir("frame-log-window");
    const ScopedEnv config("XDG_CONFIG_HOME", (dir / "config").string()); // leave the user's settings alone
    const ScopedEnv data("XDG_DATA_HOME", (dir / "data").string());
    const auto csv = smallTrainCsv(dir);
    const auto file = dir / "frames.csv";
    const auto r = runStepwise({"--data", csv.string(), "--lesson", "forward", "--step", "2", "--play", "--frame-log",
                                file.string(), "--quit-after", "6"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    const auto lines = readLines(file);
    REQUIRE(lines.size() > 20);
    CHECK(lines.front() == "time_s,frame_ms,iteration");
    const std::regex row(R"(^(\d+\.\d{4}),(\d+\.\d{3}),(\d+)$)");
    double lastTime = -1.0;
    long firstIteration = -1, lastIteration = 0;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        std::smatch m;
        INFO("row " << i << ": " << lines[i]);
        REQUIRE(std::regex_match(lines[i], m, row));
        const double time = std::stod(m[1]);
        const double ms = std::stod(m[2]);
        const long iteration = std::stol(m[3]);
        CHECK(time > lastTime);         // frames in order
        CHECK(time < 6.0 + 1.0);        // since launch, and the window closed after 6 s
        CHECK(ms > 0.0);
        CHECK(iteration >= lastIteration); // the trainer never goes back while playing
        lastTime = time;
        lastIteration = iteration;
        if (firstIteration < 0) firstIteration = iteration;
    }
    CHECK(lastIteration > firstIteration); // --play: it trained while the window was open
}

TEST_CASE("[app] the window at rest draws only now and then, not on every 60 Hz slot") {
    // Nothing moves and nothing trains: after the first half second (input may still be
    // arriving) the window redraws four times a second, in case something finished elsewhere.
    // Drawing every slot, as it once did, would log about 300 frames in these 5 s.
    requireDisplay();
    const auto dir = scratchDir("frame-log-rest");
    const ScopedEnv config("XDG_CONFIG_HOME", (dir / "config").string());
    const ScopedEnv data("XDG_DATA_HOME", (dir / "data").string());
    const auto file = dir / "frames.csv";
    const auto r = runStepwise({"--data", smallTrainCsv(dir).string(), "--lesson", "forward", "--step", "2", "--frame-log",
                                file.string(), "--quit-after", "5"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    const auto lines = readLines(file);
    REQUIRE(lines.size() > 1);
    std::vector<double> times;
    for (std::size_t i = 1; i < lines.size(); ++i) times.push_back(std::stod(lines[i].substr(0, lines[i].find(','))));
    INFO(times.size() << " frames drawn, the last at " << times.back() << " s");
    CHECK(times.size() < 90);
    CHECK(times.size() >= 10); // it does keep redrawing
    double longest = 0.0;      // between two frames once the window is up
    for (std::size_t i = 1; i < times.size(); ++i)
        if (times[i - 1] > 1.5) longest = std::max(longest, times[i] - times[i - 1]);
    CHECK(longest > 0.1);  // not drawn every slot
    CHECK(longest < 0.6);  // but never left for long
}

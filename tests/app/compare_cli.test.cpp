// `stepwise compare`: identical specs with one seed give identical curves, a malformed spec is
// one line naming the key and its allowed values (exit 2), and the files hold what the README
// says (columns, images seen, the table, the JSON summary).
#include "app_support.hpp"
#include "support/display.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/Image.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <cstdlib>

using stepwise::test::mnist;
using stepwise::test::runStepwise;

namespace {

std::vector<std::vector<std::string>> readCsv(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::vector<std::vector<std::string>> rows;
    std::string line;
    while (std::getline(in, line)) {
        // Fields split at commas outside quotes; "" inside quotes is one quote.
        std::vector<std::string> fields(1);
        bool quoted = false;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const char c = line[i];
            if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') fields.back() += line[++i];
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) fields.emplace_back();
            else fields.back() += c;
        }
        rows.push_back(fields);
    }
    return rows;
}

/// Runs compare without a display: the CSV, the table and the JSON are written all the same
/// (exit 1 says that curves.png is not), and the tests need no X server.
stepwise::test::Run compareHeadless(std::vector<std::string> args) {
    ::unsetenv("DISPLAY"); // ctest runs each test case in its own process
    args.insert(args.begin(), "compare");
    auto r = runStepwise(std::move(args));
    CHECK(r.err.find("curves.png is not") != std::string::npos);
    if (r.code == 1) r.code = 0; // the no-display exit, checked exactly in its own test
    return r;
}

std::string readText(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("[app] compare with two identical specs and one seed gives identical curves") {
    const auto dir = stepwise::test::scratchDir("compare-identical");
    const auto r = compareHeadless({"--data", mnist(), "--run", "hidden=16,train=2000", "--run",
                                "hidden=16,train=2000", "--iterations", "12", "--seed", "4", "--out", dir.string()});
    REQUIRE(r.code == 0);
    const auto rows = readCsv(dir / "curves.csv");
    REQUIRE(rows.size() > 2);
    std::vector<std::vector<std::string>> first, second;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        REQUIRE(rows[i].size() == 8);
        auto numbers = rows[i];
        numbers.erase(numbers.begin() + 4); // seconds: compute time differs from run to run
        numbers.erase(numbers.begin());     // the run number
        (rows[i][0] == "1" ? first : second).push_back(numbers);
    }
    REQUIRE(first.size() == 12);
    CHECK(first == second);
    CHECK(first.front()[1] == "1");    // iteration 1
    CHECK(first.front()[2] == "2000"); // images seen: one full batch of the 2,000 images
    CHECK(first.back()[1] == "12");
    CHECK(first.back()[2] == "24000");
    CHECK(first.front()[3] != first.back()[3]); // the loss moved
}

TEST_CASE("[app] compare refuses a malformed run spec with one line and exit 2") {
    const auto dir = stepwise::test::scratchDir("compare-bad") / "out";
    auto r = runStepwise({"compare", "--data", mnist(), "--run", "hidden=10", "--run", "activation=softplus",
                          "--iterations", "5", "--out", dir.string()});
    CHECK(r.code == 2);
    CHECK(r.err == "stepwise compare: run \"activation=softplus\": activation must be relu, sigmoid, tanh or none, not "
                   "\"softplus\"\n");
    CHECK_FALSE(std::filesystem::exists(dir));
    r = runStepwise({"compare", "--data", mnist(), "--run", "width=3", "--iterations", "5", "--out", dir.string()});
    CHECK(r.code == 2);
    CHECK(r.err == "stepwise compare: run \"width=3\": unknown key \"width\"; the keys are hidden, activation, init, "
                   "alpha, optimizer, batch, beta, beta1, beta2, epsilon, train, paper, label\n");
    r = runStepwise({"compare", "--data", mnist(), "--run", "train=100000", "--iterations", "5", "--out", dir.string()});
    CHECK(r.code == 2);
    CHECK(r.err == "stepwise compare: run \"train=100000\": train must be at most 41000 (the training images of this "
                   "split)\n");
}

TEST_CASE("[app] compare writes curves.csv, summary.md and a JSON summary") {
    const auto dir = stepwise::test::scratchDir("compare-files");
    const auto r = compareHeadless({"--data", mnist(), "--run", "hidden=10,train=1000,activation=tanh", "--run",
                                "hidden=32,optimizer=sgd,train=1000,label=small sgd", "--iterations", "8", "--json",
                                "--out", dir.string()});
    REQUIRE(r.code == 0);
    const auto rows = readCsv(dir / "curves.csv");
    REQUIRE(rows.size() == 1 + 2 * 8);
    CHECK(readText(dir / "curves.csv").rfind("run,label,iteration,images_seen,seconds,loss,train_accuracy,dev_accuracy\n", 0) == 0);
    CHECK(rows[1][1] == "tanh, train 1000");      // quoted in the file: the label holds a comma
    CHECK(rows.back()[0] == "2");
    CHECK(rows.back()[1] == "small sgd");
    CHECK(rows.back()[2] == "8");
    CHECK(rows.back()[3] == "512");               // 8 mini-batches of 64
    const std::string summary = readText(dir / "summary.md");
    CHECK(summary.find("| run | label | spec | parameters | iterations | seconds | train | dev | test |") != std::string::npos);
    CHECK(summary.find("| 1 | tanh, train 1000 | `hidden=10,train=1000,activation=tanh` | 7960 | 8 |") != std::string::npos);
    CHECK(summary.find("| 2 | small sgd | `hidden=32,optimizer=sgd,train=1000,label=small sgd` | 25450 | 8 |") !=
          std::string::npos);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j["runs"].size() == 2);
    CHECK(j["iterations"] == 8);
    CHECK(j["runs"][1]["label"] == "small sgd");
    CHECK(j["runs"][1]["parameters"] == 25450);
    for (const auto& run : j["runs"]) {
        CHECK(run["dev_accuracy"].get<double>() > 0.0);
        CHECK(run["test_accuracy"].get<double>() > 0.0);
        CHECK(run["seconds"].get<double>() > 0.0);
    }
}

TEST_CASE("[app] compare without a display writes the CSV and the table, says so in one line and exits 1") {
    ::unsetenv("DISPLAY"); // ctest runs each test case in its own process
    const auto dir = stepwise::test::scratchDir("compare-no-display");
    const auto r = runStepwise({"compare", "--data", mnist(), "--run", "train=500", "--iterations", "3", "--out", dir.string()});
    CHECK(r.code == 1);
    CHECK(r.err == "stepwise compare: no X display (DISPLAY is not set); it draws with OpenGL through X, so without a "
                   "desktop run it under Xvfb: xvfb-run -a stepwise compare ... (curves.csv and summary.md are "
                   "written, curves.png is not)\n");
    CHECK(readCsv(dir / "curves.csv").size() == 1 + 3);
    CHECK(std::filesystem::exists(dir / "summary.md"));
    CHECK_FALSE(std::filesystem::exists(dir / "curves.png"));
}

TEST_CASE("[app] compare draws curves.png with one colour per run") {
    stepwise::test::requireDisplay();
    const auto dir = stepwise::test::scratchDir("compare-png");
    const auto r = runStepwise({"compare", "--data", mnist(), "--run", "hidden=10,train=1000", "--run",
                                "hidden=32,train=1000", "--iterations", "20", "--out", dir.string()});
    REQUIRE(r.code == 0);
    sf::Image image;
    REQUIRE(image.loadFromFile((dir / "curves.png").string()));
    CHECK(image.getSize() == sf::Vector2u(1920, 1300));
    const auto theme = stepwise::views::Theme::projector();
    auto count = [&](sf::Color colour) {
        long n = 0;
        for (unsigned y = 0; y < image.getSize().y; ++y)
            for (unsigned x = 0; x < image.getSize().x; ++x) n += image.getPixel(x, y) == colour ? 1 : 0;
        return n;
    };
    CHECK(count(theme.series[0]) > 500); // run 1's curves and legend swatches
    CHECK(count(theme.series[1]) > 500); // run 2's
    CHECK(count(theme.series[2]) == 0);  // no third run, no third colour
}

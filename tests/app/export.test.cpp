// `stepwise export` and Ctrl+E end to end: slides with real pixels, a handout whose sections,
// equations, links and numbers follow the lesson and the live network, one StepRenderer that
// reaches every step in the state a fresh render would, bad input refused with exit code 2, and
// tensor folders in trace's format (byte for byte at the end of an iteration, honest windows).
#include "app/commands/cli.hpp"
#include "support/display.hpp"
#include "app/commands/export_command.hpp"
#include "core/equation_catalogue.hpp"
#include "app/commands/render_command.hpp"
#include "app/commands/train_command.hpp"
#include "data/npy.hpp"
#include "lessons/lesson_parser.hpp"
#include "support/test_paths.hpp"
#include "training/trainer.hpp"
#include "views/render_support.hpp"

#include <SFML/Graphics/Image.hpp>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

using namespace stepwise;
using namespace std::chrono_literals;

namespace {

std::filesystem::path mnist() {
    const auto dir = test::mnistDir();
    if (dir.empty()) FAIL("data/mnist is missing: run scripts/setup.sh (it fetches and verifies MNIST)");
    return dir;
}

std::string readText(const std::filesystem::path& file) {
    std::stringstream text;
    text << std::ifstream(file, std::ios::binary).rdbuf();
    return text.str();
}

lessons::Lesson lessonById(const std::string& id) {
    const auto library = lessons::loadLibrary(test::sourceDir() / "lessons");
    for (const auto& lesson : library.lessons)
        if (lesson.id == id) return lesson;
    FAIL("no lesson " << id);
    return {};
}

/// The handout's spelling of a number.
std::string figure(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    return text;
}

/// Share of pixels that differ from the most common colour (the background).
double inkShare(const sf::Image& image) {
    const auto size = image.getSize();
    const sf::Color background = image.getPixel(size.x - 1, size.y / 2);
    std::size_t ink = 0, total = 0;
    for (unsigned y = 0; y < size.y; y += 3)
        for (unsigned x = 0; x < size.x; x += 3, ++total)
            if (viewtest::channelDistance(image.getPixel(x, y), background) > 40) ++ink;
    return static_cast<double>(ink) / static_cast<double>(total);
}

/// Share of pixels of two equal-size images that differ.
double differingShare(const sf::Image& a, const sf::Image& b) {
    REQUIRE(a.getSize() == b.getSize());
    std::size_t differing = 0;
    for (unsigned y = 0; y < a.getSize().y; ++y)
        for (unsigned x = 0; x < a.getSize().x; ++x)
            if (a.getPixel(x, y) != b.getPixel(x, y)) ++differing;
    return static_cast<double>(differing) / (static_cast<double>(a.getSize().x) * a.getSize().y);
}

/// A .npy file read back equals \p expected element for element (C order).
void checkNpyEquals(const std::filesystem::path& file, const Eigen::MatrixXf& expected) {
    INFO(file.string());
    const auto array = data::readNpy(file);
    REQUIRE(array.dtype == "<f4");
    REQUIRE(array.shape == std::vector<std::size_t>{static_cast<std::size_t>(expected.rows()),
                                                    static_cast<std::size_t>(expected.cols())});
    const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rowMajor = expected;
    CHECK(std::equal(array.f32.begin(), array.f32.end(), rowMajor.data()));
}

training::PreparedData smallMnist(std::uint64_t seed, Eigen::Index samples) {
    return training::prepareData(mnist(), seed, samples);
}

} // namespace

TEST_CASE("[app] export writes one slide per step and a handout") {
    stepwise::test::requireDisplay();
    const auto dir = test::scratchDir("app-export");
    std::ofstream(dir / "slide-99.png") << "stale";
    app::ExportOptions o;
    o.data = mnist();
    o.samples = 2000;
    o.lesson = "forward";
    o.out = dir;
    o.size = "960x540";
    o.iterations = 3;
    o.network.seed = 1;
    std::ostringstream out, err;
    REQUIRE(app::runExport(o, out, err) == 0);
    CHECK(err.str().empty());

    const lessons::Lesson lesson = lessonById("forward");
    REQUIRE(lesson.steps.size() >= 5);
    CHECK_FALSE(std::filesystem::exists(dir / "slide-99.png"));
    const std::string handout = readText(dir / "handout.md");
    CHECK(handout.starts_with("# 3. Forward propagation\n"));
    std::size_t previous = 0;
    for (std::size_t k = 1; k <= lesson.steps.size(); ++k) {
        const std::string slide = (k < 10 ? "slide-0" : "slide-") + std::to_string(k) + ".png";
        INFO(slide);
        CHECK(out.str().find((dir / slide).string()) != std::string::npos);
        sf::Image image;
        REQUIRE(image.loadFromFile((dir / slide).string()));
        CHECK(image.getSize() == sf::Vector2u(960, 540));
        CHECK(inkShare(image) > 0.05); // text, equation and panels, not an empty background

        // Title, equation and image link of each step, each after the previous step's.
        const std::string& title = lesson.steps[k - 1].title;
        const auto heading = handout.find("## Step " + std::to_string(k) + ": " + title + "\n", previous);
        REQUIRE(heading != std::string::npos);
        auto at = heading;
        if (const std::string tex = lesson.steps[k - 1].equationTex(core::NetworkConfig{}); !tex.empty()) {
            at = handout.find("$$\n" + tex + "\n$$", heading);
            CHECK(at != std::string::npos);
        }
        const auto link = handout.find("![Slide " + std::to_string(k) + ": ", heading);
        REQUIRE(link != std::string::npos);
        CHECK(link > at);
        CHECK(handout.find("](" + slide + ")", link) != std::string::npos);
        previous = link;
    }
    CHECK_FALSE(std::filesystem::exists(dir / ("slide-" + std::to_string(lesson.steps.size() + 1) + ".png")));
    CHECK_FALSE(std::filesystem::exists(dir / "slide-011.png"));
    CHECK(handout.find("## Step " + std::to_string(lesson.steps.size() + 1)) == std::string::npos);
    CHECK(out.str().find("handout.md") != std::string::npos);
    // The lesson markup became Markdown: bold, italic, inline math.
    CHECK(handout.find("**runs it**") != std::string::npos);
    CHECK(handout.find("the *focused column* $j$") != std::string::npos);
    CHECK(handout.find("**Erratum 1. The paper says:**") != std::string::npos);
    // The questions are a worksheet: each prompt under its step, the answers in a last section.
    const auto answers = handout.find("\n## Answers\n");
    REQUIRE(answers != std::string::npos);
    std::size_t asked = 0;
    for (std::size_t k = 0; k < lesson.steps.size(); ++k)
        for (std::size_t q = 0; q < lesson.steps[k].questions.size(); ++q) {
            const auto& question = lesson.steps[k].questions[q];
            INFO("step " << k + 1 << " question " << q + 1);
            const auto heading = handout.find("## Step " + std::to_string(k + 1) + ": ");
            const auto next = handout.find("## Step " + std::to_string(k + 2) + ": ");
            const auto prompt = handout.find("Question " + std::to_string(q + 1) + ".** ", heading);
            CHECK(prompt < std::min(next, answers));
            if (question.kind == lessons::QuestionKind::Choice)
                CHECK(handout.find("- A. ", prompt) < std::min(next, answers));
            const std::string name = "- **Step " + std::to_string(k + 1) + ", question " + std::to_string(q + 1) + ":** ";
            const auto answer = handout.find(name, answers);
            REQUIRE(answer != std::string::npos);
            if (question.kind == lessons::QuestionKind::Choice)
                CHECK(handout.compare(answer + name.size(), 3, std::string(1, static_cast<char>('A' + question.answerIndex)) + ". ") == 0);
            ++asked;
        }
    CHECK(asked >= 4u); // the end check alone has four
    // The cheat-sheet: every equation of the network with its shape, from the catalogue, before the answers.
    const auto sheet = handout.find("## Cheat-sheet: the 17 equations of one iteration\n");
    REQUIRE(sheet != std::string::npos);
    CHECK(sheet < answers);
    for (const core::Equation& e : core::iterationEquations(core::NetworkConfig{})) {
        INFO(e.id);
        CHECK(handout.find("- `" + e.id + "`: $" + e.tex + "$ — ", sheet) < answers);
    }

    // The numbers are those of the live network, trained and stepped independently here.
    core::NetworkConfig config;
    config.seed = 1;
    training::Trainer trainer(config, smallMnist(1, 2000));
    trainer.send(training::command::RunIterations{3});
    REQUIRE(trainer.waitUntilIdle(60s)); // a seek would cancel the iterations still to run
    trainer.send(training::command::SeekPosition{2}); // forward.z1, step 2 of the lesson
    REQUIRE(trainer.waitUntilIdle(60s));
    const auto snap = trainer.latest();
    const Eigen::MatrixXf& z1 = *snap->tensor("Z1");
    const auto step2 = handout.find("## Step 2: ");
    const auto step3 = handout.find("## Step 3: ");
    const std::string section = handout.substr(step2, step3 - step2);
    INFO(section);
    CHECK(section.find("Iterations completed: 2; iteration 3 in progress: 2 of 17 equations run (last: `forward.z1`)") !=
          std::string::npos);
    CHECK(section.find("Loss at iteration 3 (the newest point of the loss curve): " + figure(snap->loss)) !=
          std::string::npos);
    std::string column;
    for (int r = 0; r < z1.rows(); ++r) column += (r ? ", " : "") + figure(z1(r, 0));
    CHECK(section.find("| Z1 | 10 × 2,000 | " + figure(z1.minCoeff()) + " | " + figure(z1.maxCoeff()) + " | " +
                       figure(z1.mean()) + " | column j = 0: " + column + " |") != std::string::npos);
}

TEST_CASE("[app] one StepRenderer reaches every step as a fresh render would") {
    stepwise::test::requireDisplay();
    const auto library = lessons::loadLibrary(test::sourceDir() / "lessons");
    REQUIRE(library.errors.empty());
    app::StepRenderSettings settings;
    settings.data = mnist();
    settings.samples = 1500;
    settings.iterations = 2;
    settings.size = {640, 360};
    const auto dir = test::scratchDir("app-step-renderer");
    app::StepRenderer shared(library.lessons, settings);
    // update step 5 completes the iteration (a history point); the steps after it need less.
    const std::vector<std::pair<std::string, std::size_t>> order{
        {"update", 4}, {"forward", 1}, {"update", 3}, {"results", 0}, {"data", 0}, {"update", 4}};
    for (std::size_t i = 0; i < order.size(); ++i) {
        const auto& [id, step] = order[i];
        INFO(id << " step " << step + 1);
        const auto a = shared.render(id, step, dir / ("shared-" + std::to_string(i) + ".png"));
        app::StepRenderer fresh(library.lessons, settings);
        const auto b = fresh.render(id, step, dir / ("fresh-" + std::to_string(i) + ".png"));
        CHECK(a->position == b->position);
        CHECK(a->iteration == b->iteration);
        CHECK(a->history.size() == b->history.size());
        CHECK(a->tensors.size() == b->tensors.size());
        for (const auto& [name, t] : b->tensors) {
            INFO(name);
            REQUIRE(a->tensor(name));
            CHECK(*a->tensor(name) == t);
        }
        sf::Image ia, ib;
        REQUIRE(ia.loadFromFile((dir / ("shared-" + std::to_string(i) + ".png")).string()));
        REQUIRE(ib.loadFromFile((dir / ("fresh-" + std::to_string(i) + ".png")).string()));
        // The same picture; a reused glyph atlas may shift a few anti-aliased text pixels.
        CHECK(differingShare(ia, ib) < 0.001);
    }
    CHECK_THROWS_AS(shared.render("forward", 99, dir / "none.png"), std::out_of_range);
}

TEST_CASE("[app] export refuses an unknown lesson, a bad size and an unwritable folder with exit code 2") {
    const auto dir = test::scratchDir("app-export-bad");
    app::ExportOptions o;
    o.data = dir / "no-data-needed";
    o.lesson = "forwards";
    o.out = dir / "out";
    std::ostringstream out, err;
    CHECK(app::runExport(o, out, err) == 2);
    CHECK(err.str() == "stepwise export: no lesson \"forwards\"; did you mean \"forward\"? The lessons are: data, "
                       "anatomy, forward, loss, backward, update, gradcheck, results, discussion\n");

    o.lesson = "forward";
    o.size = "1920by1080";
    err.str("");
    CHECK(app::runExport(o, out, err) == 2);
    CHECK(err.str() == "stepwise export: --size 1920by1080: expected WxH between 320x240 and 8192x8192\n");
    o.size = "100x100";
    err.str("");
    CHECK(app::runExport(o, out, err) == 2);
    CHECK(err.str() == "stepwise export: --size 100x100: expected WxH between 320x240 and 8192x8192\n");

    o.size = "1920x1080";
    std::ofstream(dir / "a-file") << "not a folder";
    o.out = dir / "a-file" / "slides";
    err.str("");
    CHECK(app::runExport(o, out, err) == 2);
    CHECK(err.str() == "stepwise export: --out " + o.out.string() + ": cannot write there (Not a directory)\n");
    CHECK(out.str().empty());

    // The command line: the same checks, and --theme takes projector or dark only.
    std::vector<std::string> args{"stepwise", "export", "--lesson", "forward", "--out", (dir / "x").string(),
                                  "--theme", "neon"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    std::ostringstream cliErr;
    auto* old = std::cerr.rdbuf(cliErr.rdbuf());
    const int code = app::runCommandLine(static_cast<int>(argv.size()), argv.data());
    std::cerr.rdbuf(old);
    CHECK(code == 2);
    CHECK(cliErr.str().find("--theme") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "x"));
}

TEST_CASE("[app] Ctrl+E export of a finished iteration equals trace byte for byte") {
    const auto dir = test::scratchDir("app-ctrl-e");
    core::NetworkConfig config;
    config.seed = 4;
    training::Trainer trainer(config, smallMnist(4, 700));
    trainer.send(training::command::SeekPosition{17});
    REQUIRE(trainer.waitUntilIdle(60s));
    const auto snap = trainer.latest();
    REQUIRE(snap->position == 17);
    const auto folder = app::exportStepTensors(*snap, dir / "exports", "update step 5");
    CHECK(folder == dir / "exports" / "update-step-5-iteration-0");

    app::TraceOptions trace;
    trace.data = mnist();
    trace.samples = 700;
    trace.iteration = 0;
    trace.network = config;
    trace.out = dir / "trace";
    std::ostringstream out, err;
    REQUIRE(app::runTrace(trace, out, err) == 0);

    auto manifest = nlohmann::json::parse(std::ifstream(folder / "manifest.json"));
    const auto traced = nlohmann::json::parse(std::ifstream(trace.out / "manifest.json"));
    CHECK(manifest["position"] == 17);
    CHECK(manifest["equation"] == "update.b2");
    CHECK(manifest["windowed"] == false);
    CHECK(manifest["batch_columns"] == 700);
    CHECK(manifest["state"] == "paused");
    for (const char* extra : {"position", "equation", "windowed", "batch_columns", "state"}) manifest.erase(extra);
    // Trace reports the loss summed in double; the snapshot has the float32 tensor L.
    CHECK(manifest["loss"].get<double>() == Approx(traced["loss"].get<double>()).epsilon(1e-6));
    manifest["loss"] = traced["loss"];
    CHECK(manifest == traced);
    for (const auto& [name, entry] : traced["tensors"].items()) {
        INFO(name);
        const std::string file = entry["file"];
        CHECK(readText(folder / file) == readText(trace.out / file));
    }
    // And NumPy recomputes the iteration from the exported files.
    const std::string cmd = "/usr/bin/python3 " + (test::sourceDir() / "tests/app/check_trace.py").string() + " " +
                            folder.string() + " > " + (dir / "numpy.txt").string() + " 2>&1";
    const int rc = std::system(cmd.c_str());
    INFO(readText(dir / "numpy.txt"));
    CHECK(rc == 0);

    // A second press never overwrites the first.
    CHECK(app::exportStepTensors(*snap, dir / "exports", "update step 5") ==
          dir / "exports" / "update-step-5-iteration-0-2");
}

TEST_CASE("[app] Ctrl+E export writes the tensors of the current step and reads back equal") {
    const auto dir = test::scratchDir("app-ctrl-e-step");
    training::Trainer trainer(core::NetworkConfig{}, smallMnist(0, 600));
    trainer.send(training::command::RunIterations{2});
    REQUIRE(trainer.waitUntilIdle(60s));
    // Back into the second iteration, which training ran to its end: one iteration completed.
    trainer.send(training::command::SeekPosition{9}); // through backward.dw2
    REQUIRE(trainer.waitUntilIdle(60s));
    const auto snap = trainer.latest();
    REQUIRE(snap->iteration == 1);
    const auto folder = app::exportStepTensors(*snap, dir);
    CHECK(folder == dir / "tensors-iteration-1");
    const auto manifest = nlohmann::json::parse(std::ifstream(folder / "manifest.json"));
    CHECK(manifest["iteration"] == 1);
    CHECK(manifest["position"] == 9);
    CHECK(manifest["equation"] == "backward.dw2");
    CHECK(manifest["loss"].get<double>() == Approx((*snap->tensor("L"))(0, 0)));
    CHECK(manifest["network"]["gradient_divisor_m"] == 600);
    const auto& tensors = manifest["tensors"];
    CHECK_FALSE(tensors.contains("dZ1")); // not computed yet at this step
    CHECK_FALSE(tensors.contains("W1_after"));
    CHECK(tensors["dW2"]["equation"] == "backward.dw2");
    for (const char* name : {"W1", "b1", "Z1", "A1", "A2", "Y", "L", "dZ2", "dW2"}) {
        REQUIRE(tensors.contains(name));
        checkNpyEquals(folder / (std::string(name) + ".npy"), *snap->tensor(name));
    }
    checkNpyEquals(folder / "A0.npy", snap->batch->A0(0, snap->batch->size())); // whole A0 = X / 255 when paused
    const auto labels = data::readNpy(folder / "labels.npy");
    REQUIRE(labels.shape == std::vector<std::size_t>{600});
    for (std::size_t k = 0; k < 600; ++k) CHECK(labels.i64[k] == snap->batch->labels(static_cast<Eigen::Index>(k)));

    // A folder that cannot be made: one line naming it.
    std::ofstream(dir / "file") << "x";
    CHECK_THROWS_WITH(app::exportStepTensors(*snap, dir / "file" / "sub"),
                      Catch::Contains((dir / "file" / "sub").string()) && Catch::Contains("cannot create"));
}

TEST_CASE("[app] Ctrl+E export of a running snapshot records the sample columns it holds") {
    const auto dir = test::scratchDir("app-ctrl-e-window");
    training::Trainer trainer(core::NetworkConfig{}, smallMnist(0, 500));
    trainer.send(training::command::SeekPosition{17});
    REQUIRE(trainer.waitUntilIdle(60s));
    // What the trainer publishes while running: per-sample tensors cut to the first columns.
    training::TrainingSnapshot running = *trainer.latest();
    running.state = training::TrainerState::Running;
    running.windowed = true;
    running.sampleColumns = Eigen::VectorXi::LinSpaced(8, 0, 7);
    running.sampleLabels = running.batch->labels.head(8);
    for (const char* name : {"Z1", "A1", "Z2", "A2", "Y", "dZ2", "dZ1"})
        running.tensors[name] = Eigen::MatrixXf(running.tensors[name].leftCols(8));

    const auto folder = app::exportStepTensors(running, dir, "live");
    const auto manifest = nlohmann::json::parse(std::ifstream(folder / "manifest.json"));
    const auto columns = nlohmann::json::array({0, 1, 2, 3, 4, 5, 6, 7});
    CHECK(manifest["windowed"] == true);
    CHECK(manifest["state"] == "running");
    CHECK(manifest["columns"] == columns);
    CHECK(manifest["batch_columns"] == 500);
    for (const char* name : {"A0", "Z1", "A1", "Z2", "A2", "Y", "dZ2", "dZ1", "labels"}) {
        INFO(name);
        CHECK(manifest["tensors"][name]["columns"] == columns);
    }
    for (const char* name : {"W1", "dW1", "b2_after", "L"}) {
        INFO(name);
        CHECK_FALSE(manifest["tensors"][name].contains("columns"));
    }
    CHECK(manifest["tensors"]["Z1"]["shape"] == nlohmann::json::array({10, 8}));
    checkNpyEquals(folder / "A0.npy", running.batch->A0(0, 8));
    checkNpyEquals(folder / "dZ1.npy", running.tensors["dZ1"]);
    checkNpyEquals(folder / "W1.npy", *running.tensor("W1"));
    const auto labels = data::readNpy(folder / "labels.npy");
    CHECK(labels.shape == std::vector<std::size_t>{8});
}

TEST_CASE("[app] export without an X display says so and exits 1 instead of aborting") {
    const char* display = std::getenv("DISPLAY");
    const std::string saved = display ? display : "";
    ::unsetenv("DISPLAY");
    const auto dir = test::scratchDir("app-export-no-display");
    app::ExportOptions o;
    o.data = mnist();
    o.samples = 500;
    o.lesson = "data";
    o.out = dir;
    std::ostringstream out, err;
    const int code = app::runExport(o, out, err);
    if (display) ::setenv("DISPLAY", saved.c_str(), 1);
    CHECK(code == 1);
    CHECK(err.str() == "stepwise export: no X display (DISPLAY is not set); it draws with OpenGL through X, so "
                       "without a desktop run it under Xvfb: xvfb-run -a stepwise export ...\n");
    CHECK(std::filesystem::is_empty(dir)); // no handout, no staging folder
}

// The program's surroundings going wrong, as a user meets them: no X display, a mistyped lesson,
// a read-only or full disk, settings that cannot be kept, lesson files and the data folder
// changing under a running class. Each case: one line saying what and what to do, the exit code,
// and nothing the user had is lost. Disk faults are real (a small tmpfs in a private mount
// namespace, see support/mounts.hpp): root ignores chmod.
#include "app/screens/lesson_session.hpp"
#include "lessons/lesson_parser.hpp"
#include "lessons/lesson_watcher.hpp"
#include "support/display.hpp"
#include "support/mounts.hpp"
#include "support/test_paths.hpp"
#include "training/checkpoint.hpp"
#include "training/trainer.hpp"

#include "app_support.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>

using namespace stepwise;
using namespace stepwise::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

/// Runs the real executable with \p args under the environment changes \p env ("-u DISPLAY",
/// "DISPLAY=:1234"), capturing stdout, stderr and how it ended (a signal shows as 128 + N).
Run runExecutable(const std::string& env, const std::vector<std::string>& args, const fs::path& scratch) {
    std::string command = "env " + env + " '" STEPWISE_EXE "'";
    for (const std::string& a : args) command += " '" + a + "'";
    command += " >'" + (scratch / "stdout").string() + "' 2>'" + (scratch / "stderr").string() + "' </dev/null";
    const int status = std::system(command.c_str());
    Run r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    const auto slurp = [](const fs::path& f) {
        std::ifstream in(f);
        return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    };
    r.out = slurp(scratch / "stdout");
    r.err = slurp(scratch / "stderr");
    return r;
}

/// An X display number no server listens on.
std::string deadDisplay() {
    for (int n = 4242;; ++n)
        if (!fs::exists("/tmp/.X11-unix/X" + std::to_string(n)) && !fs::exists("/tmp/.X" + std::to_string(n) + "-lock"))
            return ":" + std::to_string(n);
}

std::size_t entries(const fs::path& dir) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

std::string slurp(const fs::path& f) {
    std::ifstream in(f, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// The lesson ids in lesson order, as the messages list them.
std::string lessonIds() {
    const auto lessons = allLessons();
    std::string ids;
    for (const auto& l : lessons.lessons()) ids += (ids.empty() ? "" : ", ") + l.id;
    return ids;
}

} // namespace

// ---------------------------------------------------------------- no X display

TEST_CASE("[app] without an X display the window, render, export and docs say so in one line and exit 1") {
    const auto dir = scratchDir("env-no-display");
    const std::string window =
        "stepwise: no X display for the window (DISPLAY is not set); start it from a desktop session, or draw the "
        "steps without one: xvfb-run -a stepwise render --lesson ID --step N --out FILE.png, or xvfb-run -a "
        "stepwise export --lesson ID --out DIR\n";
    const auto command = [](const std::string& name, const std::string& problem) {
        return "stepwise " + name + ": no X display (" + problem +
               "); it draws with OpenGL through X, so without a desktop run it under Xvfb: xvfb-run -a stepwise " +
               name + " ...";
    };
    const std::string png = (dir / "step.png").string(), slides = (dir / "slides").string(),
                      docs = (dir / "docs").string();
    for (const std::string& display : {std::string("-u DISPLAY"), "DISPLAY=" + deadDisplay()}) {
        INFO("env " << display);
        const bool unset = display == "-u DISPLAY";
        const std::string problem =
            unset ? "DISPLAY is not set" : "cannot open the X display \"" + display.substr(8) + "\" named by DISPLAY";
        auto r = runExecutable(display, {}, dir); // SFML would print and abort (exit 134)
        CHECK(r.code == 1);
        CHECK(r.err == (unset ? window : "stepwise: no X display for the window (" + problem +
                                             window.substr(window.find(");"))));
        r = runExecutable(display, {"render", "--lesson", "data", "--step", "1", "--out", png}, dir);
        CHECK(r.code == 1);
        CHECK(r.err == command("render", problem) + "\n");
        r = runExecutable(display, {"export", "--lesson", "data", "--out", slides}, dir);
        CHECK(r.code == 1);
        CHECK(r.err == command("export", problem) + "\n");
        r = runExecutable(display, {"docs", "--out", docs}, dir);
        CHECK(r.code == 1);
        CHECK(r.err == command("docs", problem) + " (or --no-images for the pages alone)\n");
        CHECK_FALSE(fs::exists(png));
        CHECK((!fs::exists(slides) || entries(slides) == 0)); // no staging folder left
        CHECK_FALSE(fs::exists(docs));
    }
    // The pages alone need no display.
    const auto r = runExecutable("-u DISPLAY", {"docs", "--no-images", "--out", docs}, dir);
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(fs::exists(fs::path(docs) / "lessons.md"));
}

// ---------------------------------------------------------------- lesson ids

TEST_CASE("[app] an unknown --lesson lists the lessons and suggests the closest and a file name is taken as its id") {
    const std::string ids = lessonIds();
    const auto dir = scratchDir("env-lesson-ids");
    auto r = runStepwise({"render", "--lesson", "dat", "--step", "1", "--out", (dir / "x.png").string()});
    CHECK(r.code == 2);
    CHECK(r.err == "stepwise render: no lesson \"dat\"; did you mean \"data\"? The lessons are: " + ids + "\n");
    r = runStepwise({"export", "--lesson", "01-dta.toml", "--out", (dir / "x").string()});
    CHECK(r.code == 2);
    CHECK(r.err == "stepwise export: no lesson \"01-dta.toml\"; did you mean \"data\"? The lessons are: " + ids + "\n");
    r = runStepwise({"render", "--lesson", "perceptron", "--step", "1", "--out", (dir / "x.png").string()});
    CHECK(r.code == 2);
    CHECK(r.err == "stepwise render: no lesson \"perceptron\"; the lessons are: " + ids + "\n");
    // The file's name finds the lesson: the step is then checked against the lesson "data".
    const auto data = allLessons().lessons().front();
    REQUIRE(data.id == "data");
    const std::string steps = std::to_string(data.steps.size());
    r = runStepwise({"render", "--lesson", "01-data", "--step", "99", "--out", (dir / "x.png").string()});
    CHECK(r.code == 2);
    CHECK(r.err == "stepwise render: --step 99: lesson \"data\" has steps 1 to " + steps + "; there is no step 99\n");
    CHECK_FALSE(fs::exists(dir / "x.png"));

    requireDisplay(); // the window asks for the display first
    r = runStepwise({"--lesson", "forwrd"});
    CHECK(r.code == 2);
    CHECK(r.err == "stepwise: no lesson \"forwrd\"; did you mean \"forward\"? The lessons are: " + ids + "\n");
    r = runStepwise({"--lesson", "01-data.toml", "--step", "99"});
    CHECK(r.code == 2);
    CHECK(r.err == "stepwise: --step 99: lesson \"data\" has steps 1 to " + steps + "; there is no step 99\n");

    // And export draws the lesson named by its file.
    r = runStepwise({"export", "--lesson", "01-data.toml", "--data", mnist(), "--samples", "300", "--size", "640x360",
                     "--out", (dir / "slides").string()});
    CHECK(r.code == 0);
    CHECK(r.err.empty());
    CHECK(fs::exists(dir / "slides" / "slide-01.png"));
    CHECK(slurp(dir / "slides" / "handout.md").find("stepwise export --lesson data ") != std::string::npos);
}

// ---------------------------------------------------------------- read-only and full disks

TEST_CASE("[app] export and docs onto a read-only or full disk say why, exit 1 and keep the previous export") {
    requireDisplay();
    const auto dir = scratchDir("env-export-disk");
    mountSmallDisk(dir, 4 << 20);
    const fs::path out = dir / "slides";
    fs::create_directories(out);
    std::ofstream(out / "slide-01.png") << "the slide of an earlier export";
    std::ofstream(out / "handout.md") << "the handout of an earlier export";
    const auto unchanged = [&] {
        CHECK(entries(out) == 2);
        CHECK(slurp(out / "slide-01.png") == "the slide of an earlier export");
        CHECK(slurp(out / "handout.md") == "the handout of an earlier export");
    };
    const std::vector<std::string> exportArgs{"export", "--lesson", "data", "--data", mnist(), "--samples", "300",
                                              "--size", "640x360", "--out", out.string()};

    setReadOnly(dir);
    auto r = runStepwise(exportArgs);
    CHECK(r.code == 1);
    CHECK(r.err == "stepwise export: --out " + out.string() + ": cannot write there (Read-only file system)\n");
    unchanged();
    r = runStepwise({"docs", "--no-images", "--out", (dir / "docs").string()});
    CHECK(r.code == 1);
    CHECK(r.err == "stepwise docs: --out " + (dir / "docs").string() +
                       ": cannot create the folder there (Read-only file system)\n");
    CHECK_FALSE(fs::exists(dir / "docs"));

    setReadOnly(dir, false);
    fillDisk(dir);
    r = runStepwise(exportArgs);
    CHECK(r.code == 1);
    CHECK(r.err == "stepwise export: " + (out / "slide-01.png").string() +
                       ": cannot write the image (No space left on device); the previous export in " + out.string() +
                       " is left as it was\n");
    unchanged();
}

TEST_CASE("[app] Ctrl+S, Ctrl+E and F12 onto a read-only or full disk say why on screen and the old checkpoint stays") {
    requireDisplay();
    const auto dir = scratchDir("env-session-disk");
    mountSmallDisk(dir, 1 << 20); // before the trainer thread: only this thread enters the namespace
    training::Trainer trainer(core::NetworkConfig{}, smallMnist(300));
    app::SessionOptions o;
    o.checkpointDir = dir / "checkpoints";
    o.exportDir = dir / "exports";
    fs::create_directories(o.exportDir);
    app::LessonSession session(allLessons(), trainer, o);
    REQUIRE(session.player().jumpTo("forward", 1));
    session.syncTrainer();
    REQUIRE(trainer.waitUntilIdle(60s));
    press(session, sf::Keyboard::S, true);
    REQUIRE(entries(o.checkpointDir) == 1);
    const fs::path saved = fs::directory_iterator(o.checkpointDir)->path();
    const std::string savedBytes = slurp(saved);
    const std::string temporary = saved.string() + ".tmp-" + std::to_string(::getpid());
    const std::string tensors = (o.exportDir / "forward-step-2-iteration-0").string();
    sf::Image shot;
    shot.create(640, 360, sf::Color(40, 40, 40));

    setReadOnly(dir);
    press(session, sf::Keyboard::S, true); // the same step and iteration: the same file name
    CHECK(session.screen().status() == "cannot save checkpoint " + saved.string() + ": cannot create " + temporary +
                                           ": Read-only file system (the folder is not writable: save somewhere "
                                           "else, e.g. with --save FILE)");
    press(session, sf::Keyboard::E, true);
    CHECK(session.screen().status() == tensors + ": cannot write (Read-only file system)");
    CHECK_FALSE(session.saveScreenshot(shot));
    CHECK(session.screen().status().starts_with("No screenshot: " + (o.exportDir / "stepwise-screenshot-").string()));
    CHECK(session.screen().status().ends_with(".png: cannot write the image (Read-only file system)"));

    setReadOnly(dir, false);
    fillDisk(dir);
    press(session, sf::Keyboard::S, true);
    CHECK(session.screen().status() == "cannot save checkpoint " + saved.string() + ": cannot write " + temporary +
                                           ": No space left on device (the disk is full: free some space, or save "
                                           "to another disk)");
    press(session, sf::Keyboard::E, true);
    CHECK(session.screen().status().starts_with(tensors + ": cannot write " + tensors + "/"));
    CHECK(session.screen().status().ends_with(".npy: No space left on device"));
    CHECK_FALSE(session.saveScreenshot(shot));
    CHECK(session.screen().status().ends_with(".png: cannot write the image (No space left on device)"));

    // Nothing half-written anywhere, and the checkpoint is the one saved before.
    CHECK(entries(o.checkpointDir) == 1);
    CHECK(entries(o.exportDir) == 0);
    CHECK(slurp(saved) == savedBytes);
    CHECK_NOTHROW(training::loadCheckpoint(saved, 784));
}

TEST_CASE("[app] unwritable settings: the window runs on its defaults and says once that it cannot remember them") {
    requireDisplay();
    const auto dir = scratchDir("env-settings");
    mountSmallDisk(dir, 1 << 20);
    setReadOnly(dir); // ~/.config on a read-only disk
    training::Trainer trainer(core::NetworkConfig{}, smallMnist(300));
    app::SessionOptions o;
    o.settingsFile = dir / "config" / "stepwise" / "settings.toml";
    app::LessonSession session(allLessons(), trainer, o);
    CHECK(session.textScale() == 1.f); // the defaults
    press(session, sf::Keyboard::Equal, true);
    CHECK(session.textScale() == Approx(1.1f)); // the change holds for this run
    CHECK(session.screen().status() == "Cannot remember the settings (cannot write " + o.settingsFile.string() +
                                           ": Read-only file system); the window runs on them until it closes");
    press(session, sf::Keyboard::Equal, true);
    CHECK(session.screen().status() == "Text size 121 %"); // said once, not at every change
    press(session, sf::Keyboard::Right);
    CHECK(session.screen().status() == "Text size 121 %");
    CHECK_FALSE(fs::exists(dir / "config"));
}

// ---------------------------------------------------------------- files changing mid-class

TEST_CASE("[app] a lesson file emptied, broken or deleted mid-class keeps the last good version on screen") {
    requireDisplay();
    const auto dir = scratchDir("env-reload");
    fs::copy(sourceDir() / "lessons", dir / "lessons");
    auto library = lessons::loadLibrary(dir / "lessons");
    REQUIRE(library.errors.empty());
    training::Trainer trainer(core::NetworkConfig{}, smallMnist(300));
    app::LessonSession session(lessons::LessonPlayer(std::move(library.lessons)), trainer, {});
    lessons::LessonWatcher watcher(dir / "lessons");
    REQUIRE(session.player().jumpTo("data", 1));
    const std::string title = session.player().currentStep().title;
    const std::size_t steps = session.player().currentLesson().steps.size();
    const fs::path file = dir / "lessons" / "01-data.toml";
    const std::string good = slurp(file);
    sf::RenderTexture target;
    REQUIRE(target.create(1280, 720));
    session.setSize({1280.f, 720.f});
    const auto stillThere = [&] {
        CHECK(session.player().currentLesson().id == "data");
        CHECK(session.player().stepIndex() == 1);
        CHECK(session.player().currentStep().title == title);
        CHECK(session.player().currentLesson().steps.size() == steps);
        session.draw(target); // and it still draws
    };
    const auto reload = [&] {
        auto errors = session.reloadLessons(watcher.poll());
        if (errors.empty()) errors = session.reloadLessons(watcher.poll()); // a removal takes two polls
        return errors;
    };

    std::ofstream(file, std::ios::trunc).close(); // truncated to nothing by a crashed editor
    auto errors = reload();
    REQUIRE(errors.size() >= 1);
    CHECK(session.screen().errors() == "Kept the last good version · 01-data.toml" +
                                           (errors.front().line() > 0 ? ":" + std::to_string(errors.front().line()) + ":" +
                                                                            std::to_string(errors.front().column())
                                                                      : std::string()) +
                                           ": " + errors.front().message());
    stillThere();

    // cut inside the first narration's ''' string, as an editor killed mid-save leaves it
    const auto cut = good.find("'''");
    REQUIRE(cut != std::string::npos);
    std::ofstream(file, std::ios::trunc) << good.substr(0, cut + 20);
    errors = reload();
    REQUIRE(errors.size() >= 1);
    CHECK(std::string(errors.front().what()).starts_with(file.string() + ":"));
    stillThere();

    fs::remove(file);
    errors = reload();
    REQUIRE(errors.size() == 1);
    CHECK(std::string(errors.front().what()) ==
          file.string() + ": the lesson file was removed while its lesson is open; showing the version loaded "
                          "before (put the file back to edit it again)");
    CHECK(session.screen().errors() ==
          "Kept the last good version · 01-data.toml: the lesson file was removed while its lesson is open; showing "
          "the version loaded before (put the file back to edit it again)");
    stillThere();

    std::ofstream(file) << good; // put back: loads again, the error goes
    CHECK(reload().empty());
    CHECK(session.screen().errors().empty());
    stillThere();
}

TEST_CASE("[app] the data folder removed while training runs: training goes on from memory, the next read says what is missing") {
    const auto dir = scratchDir("env-data-removed");
    const fs::path data = dir / "mnist";
    fs::create_directories(data);
    for (const char* f : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte"}) fs::copy_file(fs::path(mnist()) / f, data / f);
    training::Trainer trainer(core::NetworkConfig{}, training::prepareData(data, 0, 1500));
    fs::remove_all(data);
    trainer.send(training::command::RunIterations{3});
    REQUIRE(trainer.waitUntilIdle(60s));
    CHECK(trainer.latest()->iteration == 3);
    CHECK(std::isfinite(trainer.latest()->loss));
    const auto r = runStepwise({"train", "--data", data.string(), "--iterations", "1"});
    CHECK(r.code == 2);
    CHECK(r.err == data.string() + ": path: expected a Kaggle .csv file or a folder of MNIST IDX files, found nothing there\n");
}

// Hot reload: LessonWatcher notices added, rewritten and removed lesson files, and
// applyChanges() reloads them into the player without losing the learner's place.
#include "lessons/lesson_watcher.hpp"

#include "lesson_files.hpp"

#include <catch2/catch.hpp>

using namespace stepwise::lessons;
using stepwise::test::scratchDir;
using stepwise::test::writeFile;

namespace {

std::string lessonWithSteps(const std::string& id, int order, int steps) {
    std::string text = "id = \"" + id + "\"\ntitle = \"T\"\norder = " + std::to_string(order) + "\nsummary = \"S\"\n";
    for (int k = 0; k < steps; ++k)
        text += "\n[[step]]\ntitle = \"" + id + " " + std::to_string(k) + "\"\nnarration = \"Step " +
                std::to_string(k) + ".\"\n";
    return text;
}

} // namespace

TEST_CASE("[lessons] watcher reports added, rewritten and removed files") {
    const auto dir = scratchDir("lessons-watcher");
    const auto a = writeFile(dir / "01-a.toml", lessonWithSteps("a", 1, 2));
    LessonWatcher watcher(dir);
    CHECK(watcher.directory() == dir);
    CHECK(watcher.poll().empty()); // the baseline is not a change

    writeFile(dir / "01-a.toml", lessonWithSteps("a", 1, 3));
    const auto b = writeFile(dir / "02-b.toml", lessonWithSteps("b", 2, 1));
    writeFile(dir / "readme.txt", "ignored");
    CHECK(watcher.poll() ==
          std::vector<FileChange>{{a, FileChangeKind::Modified}, {b, FileChangeKind::Added}});
    CHECK(watcher.poll().empty());

    // Same size, new time: still a rewrite.
    std::filesystem::last_write_time(a, std::filesystem::last_write_time(a) + std::chrono::seconds(5));
    CHECK(watcher.poll() == std::vector<FileChange>{{a, FileChangeKind::Modified}});

    std::filesystem::remove(b);
    CHECK(watcher.poll().empty()); // missing once: could be an editor's save-by-rename
    CHECK(watcher.poll() == std::vector<FileChange>{{b, FileChangeKind::Removed}});
    CHECK(watcher.poll().empty());

    std::filesystem::remove(a);
    CHECK(watcher.poll().empty());
    writeFile(a, lessonWithSteps("a", 1, 1)); // back before the second poll: a rewrite
    CHECK(watcher.poll() == std::vector<FileChange>{{a, FileChangeKind::Modified}});
}

TEST_CASE("[lessons] a rewritten lesson reloads in place and keeps the position") {
    const auto dir = scratchDir("lessons-reload");
    const auto a = writeFile(dir / "01-a.toml", lessonWithSteps("a", 1, 2));
    const auto b = writeFile(dir / "02-b.toml", lessonWithSteps("b", 2, 4));
    auto library = loadLibrary(dir);
    REQUIRE(library.errors.empty());
    LessonPlayer player(std::move(library.lessons));
    LessonWatcher watcher(dir);
    REQUIRE(player.jumpTo("b", 3));

    SECTION("the teacher rewords a step") {
        auto text = lessonWithSteps("b", 2, 4);
        text.replace(text.find("Step 3."), 7, "Step three, reworded.");
        writeFile(b, text);
        CHECK(applyChanges(player, watcher.poll()).empty());
        CHECK(player.currentLesson().id == "b");
        CHECK(player.stepIndex() == 3);
        CHECK(player.currentStep().narration == "Step three, reworded.");
    }
    SECTION("the lesson got shorter: the position is clamped") {
        writeFile(b, lessonWithSteps("b", 2, 2));
        CHECK(applyChanges(player, watcher.poll()).empty());
        CHECK(player.currentLesson().id == "b");
        CHECK(player.stepIndex() == 1);
    }
    SECTION("a broken save keeps the old lesson and reports the error") {
        writeFile(b, lessonWithSteps("b", 2, 4) + "[[step]]\ntitle = \"new\"\nnarration = \"**oops\"\n");
        const auto errors = applyChanges(player, watcher.poll());
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].file() == b);
        CHECK(errors[0].line() == 23);
        CHECK(errors[0].column() == 14);
        CHECK(player.currentLesson().steps.size() == 4);
        CHECK(player.stepIndex() == 3);

        writeFile(b, lessonWithSteps("b", 2, 5)); // fixed
        CHECK(applyChanges(player, watcher.poll()).empty());
        CHECK(player.currentLesson().steps.size() == 5);
        CHECK(player.stepIndex() == 3);
    }
    SECTION("a new lesson clashing with another's id is refused") {
        writeFile(dir / "03-c.toml", lessonWithSteps("a", 3, 1));
        const auto errors = applyChanges(player, watcher.poll());
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].message() == "duplicate lesson id \"a\" (also in " + a.string() + ":1:6)");
        CHECK(player.lessons().size() == 2);
    }
    SECTION("a new lesson is added and a removed one leaves") {
        writeFile(dir / "00-intro.toml", lessonWithSteps("intro", 0, 1));
        CHECK(applyChanges(player, watcher.poll()).empty());
        CHECK(player.lessons().size() == 3);
        CHECK(player.lessons()[0].id == "intro");
        CHECK(player.currentLesson().id == "b");
        CHECK(player.stepIndex() == 3);

        std::filesystem::remove(a);
        CHECK(applyChanges(player, watcher.poll()).empty());
        CHECK(applyChanges(player, watcher.poll()).empty());
        CHECK(player.lessons().size() == 2);
        CHECK(player.currentLesson().id == "b");
        CHECK(player.stepIndex() == 3);
    }
}

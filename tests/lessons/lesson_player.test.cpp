// LessonPlayer: navigation across lesson boundaries, jumps, the stepper position a step asks
// for, live steps, and keeping the position when lessons are replaced or removed.
#include "lessons/lesson_player.hpp"
#include "core/equation_catalogue.hpp"

#include "lesson_files.hpp"
#include "lessons/lesson_parser.hpp"

#include <catch2/catch.hpp>

using namespace stepwise::lessons;
using stepwise::test::goodLessonsDir;

namespace {

Lesson makeLesson(std::string id, int order, std::vector<std::optional<std::string>> executes) {
    Lesson lesson;
    lesson.id = id;
    lesson.title = id;
    lesson.order = order;
    lesson.file = "lessons/" + id + ".toml";
    for (auto& e : executes) {
        LessonStep step;
        step.title = id + " step " + std::to_string(lesson.steps.size());
        step.executes = std::move(e);
        lesson.steps.push_back(std::move(step));
    }
    return lesson;
}

} // namespace

/// The paper's 784-10-10 network, which numbers the equations 1 … 17.
const stepwise::core::NetworkConfig paper;

TEST_CASE("[lessons] player walks every step across lesson boundaries") {
    LessonPlayer player(loadLibrary(goodLessonsDir()).lessons);
    REQUIRE_FALSE(player.empty());
    CHECK(player.currentLesson().id == "welcome");
    CHECK(player.atStart());
    CHECK_FALSE(player.previous());

    std::vector<std::pair<std::size_t, std::size_t>> visited{{player.lessonIndex(), player.stepIndex()}};
    while (player.next()) visited.emplace_back(player.lessonIndex(), player.stepIndex());
    CHECK(visited == std::vector<std::pair<std::size_t, std::size_t>>{{0, 0}, {0, 1}, {1, 0}, {1, 1}, {1, 2}, {1, 3}});
    CHECK(player.atEnd());
    CHECK(player.currentStep().title == "ReLU");

    CHECK(player.jumpTo(1, 0));
    CHECK(player.previous());
    CHECK(player.lessonIndex() == 0);
    CHECK(player.stepIndex() == 1); // the previous lesson's last step
    CHECK(player.next());
    CHECK(player.currentLesson().id == "forward");
    CHECK(player.stepIndex() == 0);

    CHECK_FALSE(player.jumpTo(1, 4));
    CHECK_FALSE(player.jumpTo(2, 0));
    CHECK_FALSE(player.jumpTo("nope"));
    CHECK(player.lessonIndex() == 1);
    CHECK(player.jumpTo("forward", 2));
    CHECK(player.stepIndex() == 2);
    player.home();
    CHECK(player.lessonIndex() == 0);
    CHECK(player.stepIndex() == 0);
}

TEST_CASE("[lessons] player gives the stepper position of executing steps") {
    LessonPlayer player(loadLibrary(goodLessonsDir()).lessons);
    CHECK_FALSE(player.stepperTarget(paper)); // welcome: narration only
    CHECK_FALSE(player.stepperTargetSoFar(paper));
    CHECK_FALSE(player.isLiveStep());
    player.next();
    CHECK(player.isLiveStep());

    REQUIRE(player.jumpTo("forward", 0));
    CHECK(player.stepperTarget(paper) == 1u); // forward.a0 is equation 0
    player.next();
    CHECK(player.stepperTarget(paper) == 2u); // forward.z1
    player.next();
    CHECK_FALSE(player.stepperTarget(paper)); // narration only...
    CHECK(player.stepperTargetSoFar(paper) == 2u); // ...so the network stays after forward.z1
    player.next();
    CHECK(player.stepperTarget(paper) == 3u); // forward.a1
    CHECK_FALSE(player.isLiveStep());

    // Every equation id maps to its index in core::iterationEquations() + 1.
    const auto equations = stepwise::core::iterationEquations({});
    std::vector<std::optional<std::string>> ids;
    for (const auto& e : equations) ids.emplace_back(e.id);
    LessonPlayer all({makeLesson("all", 1, ids)});
    for (std::size_t k = 0; k < equations.size(); ++k) {
        INFO(equations[k].id);
        CHECK(all.stepperTarget(paper) == k + 1);
        all.next();
    }
    CHECK(all.stepperTarget(paper) == 17u); // update.b2, the last of 784-10-10

    // With two hidden layers the update equations move later.
    stepwise::core::NetworkConfig deeper;
    deeper.hidden = {128, 64};
    CHECK(all.stepperTarget(deeper) == 22u); // update.b2 is the 22nd of 784-128-64-10 (update.b3 is last)
}

TEST_CASE("[lessons] player keeps its place when lessons are replaced, added or removed") {
    LessonPlayer player({makeLesson("b", 20, {{}, {}, {}}), makeLesson("a", 10, {{}, {}})});
    CHECK(player.lessons()[0].id == "a"); // sorted by order
    REQUIRE(player.jumpTo("b", 2));

    SECTION("the current lesson got shorter: clamp") {
        player.replaceLesson(makeLesson("b", 20, {{}, {}}));
        CHECK(player.currentLesson().id == "b");
        CHECK(player.stepIndex() == 1);
    }
    SECTION("the current lesson changed id and order: follow its file") {
        auto renamed = makeLesson("b2", 5, {{}, {}, {}, {}});
        renamed.file = "lessons/b.toml";
        player.replaceLesson(renamed);
        CHECK(player.lessonIndex() == 0);
        CHECK(player.currentLesson().id == "b2");
        CHECK(player.stepIndex() == 2);
        CHECK(player.lessons().size() == 2);
    }
    SECTION("a lesson is added before the current one") {
        player.replaceLesson(makeLesson("c", 1, {{}}));
        CHECK(player.lessons().size() == 3);
        CHECK(player.lessonIndex() == 2);
        CHECK(player.currentLesson().id == "b");
        CHECK(player.stepIndex() == 2);
    }
    SECTION("another lesson is removed") {
        CHECK(player.removeLesson("lessons/a.toml"));
        CHECK(player.currentLesson().id == "b");
        CHECK(player.stepIndex() == 2);
        CHECK_FALSE(player.removeLesson("lessons/a.toml"));
    }
    SECTION("the current lesson is removed") {
        CHECK(player.removeLesson("lessons/b.toml"));
        CHECK(player.currentLesson().id == "a");
        CHECK(player.stepIndex() == 0);
        CHECK(player.removeLesson("lessons/a.toml"));
        CHECK(player.empty());
        CHECK_THROWS_AS(player.currentStep(), std::logic_error);
        CHECK_FALSE(player.next());
        CHECK_FALSE(player.stepperTarget(paper));
    }
    SECTION("a lesson without steps is refused") {
        CHECK_THROWS_AS(player.replaceLesson(makeLesson("empty", 3, {})), std::invalid_argument);
        CHECK(player.lessons().size() == 2);
    }
}

TEST_CASE("[lessons] an empty player has no step and does not move") {
    LessonPlayer player;
    CHECK(player.empty());
    CHECK(player.atStart());
    CHECK(player.atEnd());
    CHECK_FALSE(player.next());
    CHECK_FALSE(player.previous());
    CHECK_FALSE(player.isLiveStep());
    CHECK_THROWS_AS(player.currentLesson(), std::logic_error);
}

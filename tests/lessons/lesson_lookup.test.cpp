// --lesson takes a lesson's id or its file's name; a name that matches nothing gets one line
// listing the ids in lesson order and suggesting the closest.
#include "lessons/lesson_lookup.hpp"
#include "lessons/lesson_parser.hpp"

#include "lesson_files.hpp"

#include <catch2/catch.hpp>

using namespace stepwise::lessons;

namespace {

std::vector<Lesson> fixtureLessons() {
    auto library = loadLibrary(stepwise::test::goodLessonsDir());
    REQUIRE(library.errors.empty());
    return std::move(library.lessons);
}

} // namespace

TEST_CASE("[lessons] a lesson is found by its id or by its file's name") {
    const auto lessons = fixtureLessons();
    CHECK(findLessonId(lessons, "forward") == "forward");
    CHECK(findLessonId(lessons, "02-forward") == "forward");
    CHECK(findLessonId(lessons, "02-forward.toml") == "forward");
    CHECK(findLessonId(lessons, "lessons/01-welcome.toml") == "welcome");
    CHECK(findLessonId(lessons, "01-welcome") == "welcome");
    CHECK_FALSE(findLessonId(lessons, "03-forward"));
    CHECK_FALSE(findLessonId(lessons, "forwar"));
    CHECK_FALSE(findLessonId(lessons, ""));
    CHECK_FALSE(findLessonId({}, "forward"));
}

TEST_CASE("[lessons] an unknown lesson lists the ids there are and suggests the closest") {
    const auto lessons = fixtureLessons();
    CHECK(unknownLessonLine(lessons, "forwrd") ==
          "no lesson \"forwrd\"; did you mean \"forward\"? The lessons are: welcome, forward");
    // A misspelt file name suggests its lesson's id.
    CHECK(unknownLessonLine(lessons, "01-welcom.toml") ==
          "no lesson \"01-welcom.toml\"; did you mean \"welcome\"? The lessons are: welcome, forward");
    CHECK(unknownLessonLine(lessons, "backprop") == "no lesson \"backprop\"; the lessons are: welcome, forward");
    CHECK(unknownLessonLine({}, "x") == "no lesson \"x\"; no lessons are loaded");
}

TEST_CASE("[lessons] a step a lesson does not have is named with the steps it has") {
    const auto lessons = fixtureLessons();
    const Lesson& forward = lessons[0].id == "forward" ? lessons[0] : lessons[1];
    CHECK(missingStepLine(forward, 9) == "lesson \"forward\" has steps 1 to 4; there is no step 9");
    Lesson single = forward;
    single.steps.resize(1);
    CHECK(missingStepLine(single, 2) == "lesson \"forward\" has only step 1; there is no step 2");
}

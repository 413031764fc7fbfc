// Projector steps stay short (issue 12, device 8): no step of lessons 1 to 8 narrates more than
// 130 words, and each lesson's reading time, which the lesson menu shows, follows its words.
#include "lessons/lesson_parser.hpp"
#include "support/test_paths.hpp"

#include <catch2/catch.hpp>

using namespace stepwise::lessons;

TEST_CASE("[lessons] no step of lessons 1 to 8 narrates more than 130 words") {
    const auto library = loadLibrary(stepwise::test::sourceDir() / "lessons");
    REQUIRE(library.errors.empty());
    std::size_t checked = 0;
    for (const Lesson& lesson : library.lessons) {
        if (lesson.order > 8) continue; // lesson 9 belongs to the lab issue
        for (std::size_t k = 0; k < lesson.steps.size(); ++k) {
            INFO(lesson.id << " step " << k + 1 << ": " << lesson.steps[k].title);
            CHECK(wordCount(lesson.steps[k]) <= 130u);
            ++checked;
        }
    }
    CHECK(checked >= 70u);
}

TEST_CASE("[lessons] reading time counts narration and questions at 150 words a minute") {
    Lesson lesson;
    LessonStep step;
    for (int i = 0; i < 200; ++i) step.narration += "word ";
    lesson.steps.push_back(step);
    CHECK(wordCount(lesson) == 200u);
    CHECK(readingMinutes(lesson) == 2); // 200 / 150, rounded up
    Question q;
    q.prompt = "one two\nthree";
    q.choices = {"a", "b c"};
    q.explain = "  four  ";
    lesson.steps[0].questions.push_back(q);
    CHECK(wordCount(lesson) == 207u);
    CHECK(readingMinutes(Lesson{}) == 1);
    const auto library = loadLibrary(stepwise::test::sourceDir() / "lessons");
    for (const Lesson& l : library.lessons) {
        INFO(l.id);
        CHECK(readingMinutes(l) == static_cast<int>((wordCount(l) + 149) / 150));
        CHECK(readingMinutes(l) >= 4);
    }
}

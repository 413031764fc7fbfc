// Questions in lesson files: the reader parses [[step.question]] and the end check, rejects a
// malformed question at its FILE:LINE:COLUMN, and the Quiz grades answers, holds the reveal
// back until the answer and counts the score.
#include "lessons/lesson_parser.hpp"
#include "lessons/quiz.hpp"

#include "lesson_files.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace stepwise::lessons;
using stepwise::test::scratchDir;
using stepwise::test::writeFile;

namespace {

const std::string header = "id = \"quiz\"\ntitle = \"Quiz\"\norder = 3\nsummary = \"s\"\n\n"; // lines 1-5

const std::string choiceStep = "[[step]]\n"                                   // 6
                               "title = \"t\"\n"                              // 7
                               "narration = \"x\"\n"                          // 8
                               "executes = \"forward.z1\"\n"                  // 9
                               "  [[step.show]]\n"                            // 10
                               "  view = \"heatmap\"\n"                       // 11
                               "  tensor = \"Z1\"\n"                          // 12
                               "  [[step.question]]\n"                        // 13
                               "  kind = \"choice\"\n"                        // 14
                               "  prompt = \"What shape is Z1?\"\n"           // 15
                               "  choices = [\"10 x m\", \"784 x m\", \"10 x 784\"]\n" // 16
                               "  feedback = [\"yes\", \"that is A0\", \"that is W1\"]\n" // 17
                               "  answer = \"A\"\n"                           // 18
                               "  explain = \"W1 A0 is (10 x 784)(784 x m).\"\n" // 19
                               "  reveal = \"Now look at Z1.\"\n"             // 20
                               "  hold = [\"views\", \"run\"]\n";             // 21

const std::string checkStep = "[[step]]\ntitle = \"Check\"\nnarration = \"x\"\ncheck = true\n"
                              "  [[step.question]]\n  kind = \"number\"\n  prompt = \"784 + 10?\"\n  answer = 794\n"
                              "  tolerance = 0\n  explain = \"add\"\n"
                              "  [[step.question]]\n  kind = \"text\"\n  prompt = \"Name of g?\"\n"
                              "  answer = [\"ReLU\", \"rectified linear unit\"]\n  explain = \"max(0, z)\"\n"
                              "  [[step.question]]\n  kind = \"choice\"\n  prompt = \"p?\"\n  choices = [\"a\", \"b\"]\n"
                              "  answer = \"B\"\n  explain = \"because\"\n";

Lesson parse(const std::string& text, const std::string& name) {
    // A folder per lesson name: ctest runs this file's test cases as parallel processes, and
    // scratchDir() empties its folder, so a shared one could vanish under another test's read.
    return loadLesson(writeFile(scratchDir("lessons-quiz-" + name) / (name + ".toml"), text));
}

} // namespace

TEST_CASE("[lessons] questions and an end check parse into the model") {
    const Lesson lesson = parse(header + choiceStep + "\n" + checkStep, "good");
    REQUIRE(lesson.steps.size() == 2);
    REQUIRE(lesson.steps[0].questions.size() == 1);
    const Question& q = lesson.steps[0].questions[0];
    CHECK(q.kind == QuestionKind::Choice);
    CHECK(q.prompt == "What shape is Z1?");
    CHECK(q.choices == std::vector<std::string>{"10 x m", "784 x m", "10 x 784"});
    CHECK(q.feedback[1] == "that is A0");
    CHECK(q.answerIndex == 0);
    CHECK(q.reveal == "Now look at Z1.");
    CHECK(q.hold == QuestionHold{true, true});
    CHECK(q.location == SourceLocation{13, 3});
    CHECK_FALSE(lesson.steps[0].check);
    const LessonStep& check = lesson.steps[1];
    CHECK(check.check);
    REQUIRE(check.questions.size() == 3);
    CHECK(check.questions[0].answerNumber == 794.0);
    CHECK(check.questions[1].accepted == std::vector<std::string>{"ReLU", "rectified linear unit"});
    CHECK(check.questions[2].answerIndex == 1);
}

TEST_CASE("[lessons] a malformed question is reported at its file:line:column") {
    struct Case {
        std::string text;
        int line, column;
        std::string message;
    };
    auto replaced = [](std::string s, const std::string& from, const std::string& to) {
        const auto at = s.find(from);
        REQUIRE(at != std::string::npos);
        return s.replace(at, from.size(), to);
    };
    const std::vector<Case> cases{
        {replaced(choiceStep, "answer = \"A\"", "answer = \"D\""), 18, 12,
         "answer \"D\" is not among the 3 choices: write the right choice's letter, \"A\" to \"C\""},
        {replaced(choiceStep, "  explain = \"W1 A0 is (10 x 784)(784 x m).\"\n", ""), 13, 3,
         "missing required key \"explain\" in step 1, question 1"},
        {replaced(choiceStep, "kind = \"choice\"", "kind = \"vote\""), 14, 10,
         "kind must be \"choice\", \"number\" or \"text\", not \"vote\""},
        {replaced(choiceStep, "[\"yes\", \"that is A0\", \"that is W1\"]", "[\"yes\"]"), 17, 14,
         "feedback needs one text per choice: 3 choices, 1 feedback texts"},
        {replaced(choiceStep, "[\"views\", \"run\"]", "[\"views\", \"later\"]"), 21, 20,
         "hold entries are \"views\" or \"run\", not \"later\""},
        {replaced(choiceStep, "executes = \"forward.z1\"\n", ""), 20, 20,
         "hold \"run\" needs the step to execute an equation (executes = \"...\")"},
        {replaced(checkStep, "  tolerance = 0\n", ""), 10, 3, "missing required key \"tolerance\" in step 1, question 1"},
        {replaced(checkStep, "answer = 794", "answer = \"794\""), 13, 12,
         "\"answer\" must be a number for kind = \"number\", not a string"},
        {header + "[[step]]\ntitle = \"Check\"\nnarration = \"x\"\ncheck = true\n", 9, 9,
         "an end check (check = true) needs 3 to 5 [[step.question]] tables, not 0"},
        {header + checkStep + "[[step]]\ntitle = \"after\"\nnarration = \"x\"\n", 9, 9,
         "the end check (check = true) must be the lesson's last step"},
    };
    int k = 0;
    for (const auto& c : cases) {
        // The check-step cases start at line 6; the choice-step cases too (after the header).
        const std::string text = c.text.rfind("id =", 0) == 0 ? c.text : header + c.text;
        const auto file = writeFile(scratchDir("lessons-quiz-bad") / ("bad" + std::to_string(++k) + ".toml"), text);
        const auto parsed = parseLessonFile(file);
        INFO(text);
        CHECK_FALSE(parsed.lesson);
        REQUIRE_FALSE(parsed.errors.empty());
        const auto& first = parsed.errors.front();
        CHECK(std::string(first.what()) == file.string() + ":" + std::to_string(c.line) + ":" +
                                               std::to_string(c.column) + ": " + c.message);
    }
}

TEST_CASE("[lessons] answers are graded: a letter, a number within its tolerance, an accepted word") {
    Question choice;
    choice.kind = QuestionKind::Choice;
    choice.choices = {"a", "b", "c"};
    choice.feedback = {"fa", "fb", "fc"};
    choice.answerIndex = 2;
    CHECK(gradeChoice(choice, 2).correct);
    CHECK(gradeChoice(choice, 2).feedback == "fc");
    CHECK_FALSE(gradeChoice(choice, 0).correct);
    CHECK(gradeChoice(choice, 0).feedback == "fa");
    CHECK_FALSE(gradeChoice(choice, 3).correct);
    Question number;
    number.kind = QuestionKind::Number;
    number.answerNumber = 7960;
    number.tolerance = 0;
    CHECK(gradeTyped(number, "7960").correct);
    CHECK(gradeTyped(number, "7,960").correct);
    CHECK_FALSE(gradeTyped(number, "7961").correct);
    CHECK_FALSE(gradeTyped(number, "seven").correct);
    number.answerNumber = 0.1;
    number.tolerance = 0.05;
    CHECK(gradeTyped(number, ".15").correct);
    CHECK(gradeTyped(number, "0.05").correct);
    CHECK_FALSE(gradeTyped(number, "0.16").correct);
    CHECK_FALSE(gradeTyped(number, "-0.1").correct);
    Question text;
    text.kind = QuestionKind::Text;
    text.accepted = {"ReLU", "rectified linear unit"};
    CHECK(gradeTyped(text, "  relu ").correct);
    CHECK(gradeTyped(text, "Rectified  linear unit").correct);
    CHECK_FALSE(gradeTyped(text, "sigmoid").correct);
    CHECK_FALSE(gradeTyped(text, "").correct);
}

TEST_CASE("[lessons] the quiz holds the reveal until the answer, walks the questions and counts the score") {
    const Lesson lesson = parse(header + choiceStep + "\n" + checkStep, "flow");
    Quiz quiz;
    // Step 1: the views and the run wait for the answer.
    CHECK(quiz.waiting(lesson, 0));
    CHECK(quiz.held(lesson, 0) == QuestionHold{true, true});
    CHECK_FALSE(quiz.answerChoice(lesson, 0, 5)); // no such choice
    CHECK(quiz.answerChoice(lesson, 0, 1));       // wrong
    CHECK_FALSE(quiz.waiting(lesson, 0));
    CHECK(quiz.held(lesson, 0) == QuestionHold{});
    const auto o = quiz.outcome(lesson, 0, 0);
    CHECK(o.done);
    CHECK(o.answered);
    CHECK_FALSE(o.correct);
    CHECK(o.feedback == "that is A0");
    CHECK_FALSE(quiz.answerChoice(lesson, 0, 0)); // one answer per question
    CHECK_FALSE(quiz.next(lesson, 0));            // nothing left: Next goes on to the next step
    // The end check, one question at a time.
    CHECK(quiz.score(lesson, 1).text() == "0 / 3");
    CHECK(quiz.answerTyped(lesson, 1, "794"));
    CHECK(quiz.next(lesson, 1)); // to question 2
    CHECK(quiz.shown(lesson, 1) == 1);
    quiz.typed(lesson, 1) = "sigmoid";
    CHECK(quiz.next(lesson, 1)); // Next first judges what was typed
    CHECK_FALSE(quiz.outcome(lesson, 1, 1).correct);
    CHECK(quiz.outcome(lesson, 1, 1).given == "sigmoid");
    CHECK(quiz.next(lesson, 1)); // to question 3
    CHECK(quiz.pick(lesson, 1, 1)); // the class's vote, not judged yet
    CHECK(quiz.waiting(lesson, 1));
    CHECK(quiz.reveal(lesson, 1));  // the presenter's key
    CHECK(quiz.outcome(lesson, 1, 2).correct);
    CHECK(quiz.score(lesson, 1).text() == "2 / 3");
    CHECK(quiz.next(lesson, 1)); // the summary
    CHECK(quiz.shown(lesson, 1) == 3);
    CHECK_FALSE(quiz.next(lesson, 1));
    // Revealing without an answer counts as not right.
    Quiz skipped;
    CHECK(skipped.next(lesson, 0));
    CHECK(skipped.outcome(lesson, 0, 0).done);
    CHECK_FALSE(skipped.outcome(lesson, 0, 0).answered);
    CHECK_FALSE(skipped.outcome(lesson, 0, 0).correct);
    CHECK_FALSE(skipped.next(lesson, 0));
}

// Quiz: the learner's answers to the questions of the lessons ([[step.question]]), for one
// session only. Grades an answer, says what a step still holds back, walks the questions of a
// step one at a time and counts the score of an end check. Pure logic: the app draws it.
#pragma once

#include "lessons/lesson.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace stepwise::lessons {

/// \brief How one answer was judged.
struct Grade {
    bool correct = false;  ///< right (for a number: within the tolerance)
    std::string feedback;  ///< the chosen option's own feedback text, may be empty
};

/// \brief Judges choice \p choice (0-based) of \p question. A choice out of range is wrong.
[[nodiscard]] Grade gradeChoice(const Question& question, int choice);
/// \brief Judges the typed answer \p typed of a number or text question. A number question
/// accepts "0.5", "-3", ".5", "1e-3" and "1,234"-style thousands separators; anything else is wrong.
/// A text question compares without case, outer spaces or doubled inner spaces.
[[nodiscard]] Grade gradeTyped(const Question& question, std::string_view typed);

/// \brief What happened to one question.
struct QuestionOutcome {
    bool done = false;       ///< answered, or revealed without an answer
    bool answered = false;   ///< the learner gave an answer (false: revealed by Next or Enter alone)
    bool correct = false;    ///< the answer was right
    int choice = -1;         ///< the choice given (Choice), −1 otherwise
    std::string given;       ///< the typed answer (Number, Text)
    std::string feedback;    ///< the chosen option's feedback text, may be empty
};

/// \brief The score of a step's questions.
struct QuizScore {
    std::size_t correct = 0;  ///< right answers
    std::size_t done = 0;     ///< questions answered or revealed
    std::size_t total = 0;    ///< questions of the step
    /// \brief "3 / 4".
    [[nodiscard]] std::string text() const { return std::to_string(correct) + " / " + std::to_string(total); }
};

/// \brief The answers of one session, by lesson id and step. Not stored anywhere: a new
/// session starts blank. UI thread only (one owner).
///
/// A step shows one question at a time, the *shown* question: the first not done when the
/// learner arrives. Answering it (or revealing it) shows the explanation; next() then moves to
/// the step's next question, after the last question of an end check to its score summary, and
/// after that lets the lesson move on.
class Quiz {
public:
    /// \brief Index of the question step \p step of \p lesson shows now; equal to the number of
    /// questions on an end check's summary (and 0 for a step without questions).
    [[nodiscard]] std::size_t shown(const Lesson& lesson, std::size_t step) const;
    /// \brief What happened to question \p question of the step (a blank outcome when nothing did).
    [[nodiscard]] QuestionOutcome outcome(const Lesson& lesson, std::size_t step, std::size_t question) const;
    /// \brief True while the shown question waits for its answer.
    [[nodiscard]] bool waiting(const Lesson& lesson, std::size_t step) const;
    /// \brief What the step still holds back: the union of `hold` over its questions not done yet.
    [[nodiscard]] QuestionHold held(const Lesson& lesson, std::size_t step) const;
    /// \brief The score of the step's questions.
    [[nodiscard]] QuizScore score(const Lesson& lesson, std::size_t step) const;

    /// \brief Answers the shown question (a Choice) with choice \p choice. Ignored when it does
    /// not wait or \p choice is out of range. \return true when it was taken.
    bool answerChoice(const Lesson& lesson, std::size_t step, int choice);
    /// \brief Answers the shown question (Number or Text) with \p typed. \return true when taken.
    bool answerTyped(const Lesson& lesson, std::size_t step, std::string_view typed);
    /// \brief The presenter's pick for the shown choice question (the class's vote), not yet
    /// revealed; reveal() judges it. \return true when taken.
    bool pick(const Lesson& lesson, std::size_t step, int choice);
    /// \brief The pick made with pick(), if any.
    [[nodiscard]] std::optional<int> picked(const Lesson& lesson, std::size_t step) const;
    /// \brief What has been typed for the shown question (the app edits it).
    [[nodiscard]] std::string& typed(const Lesson& lesson, std::size_t step);
    /// \brief What has been typed for the shown question so far (empty when nothing was).
    [[nodiscard]] std::string typedSoFar(const Lesson& lesson, std::size_t step) const;
    /// \brief Reveals the shown question: judges the pick or the typed text when there is one,
    /// else marks it done without an answer. \return true when a question was waiting.
    bool reveal(const Lesson& lesson, std::size_t step);
    /// \brief What Next does on this step first: reveals a waiting question, or moves to the
    /// step's next question or an end check's summary. \return false when the step has nothing
    /// left to show, so Next should go to the next step.
    bool next(const Lesson& lesson, std::size_t step);
    /// \brief Forgets every answer.
    void clear() { m_steps.clear(); }

private:
    struct StepAnswers {
        std::vector<QuestionOutcome> outcomes;
        std::size_t shown = 0;
        std::optional<int> picked;
        std::string typed;
    };
    using Key = std::pair<std::string, std::size_t>;
    const StepAnswers* find(const Lesson& lesson, std::size_t step) const;
    StepAnswers& at(const Lesson& lesson, std::size_t step);
    static const Question* shownQuestion(const Lesson& lesson, std::size_t step, const StepAnswers& answers);
    void settle(StepAnswers& answers, const Grade& grade, int choice, std::string given);

    std::map<Key, StepAnswers> m_steps;
};

} // namespace stepwise::lessons

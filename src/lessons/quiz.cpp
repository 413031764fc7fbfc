// Quiz (see quiz.hpp): grading answers and walking the questions of a step. Sections: grading,
// Quiz.
#include "lessons/quiz.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace stepwise::lessons {

namespace {

// ---------------------------------------------------------------- grading

/// Lower case, no outer spaces, runs of spaces as one (ASCII letters only: answers are short words).
std::string normalised(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

std::optional<double> parseNumber(std::string_view typed) {
    std::string text;
    for (char c : typed)
        if (c != ',' && c != ' ' && c != '_') text += c; // thousands separators dropped
    if (!text.empty() && text.front() == '+') text.erase(0, 1);
    if (!text.empty() && text.front() == '.') text.insert(0, "0");
    if (text.size() > 1 && text[0] == '-' && text[1] == '.') text.insert(1, "0");
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

} // namespace

Grade gradeChoice(const Question& question, int choice) {
    Grade g;
    if (question.kind != QuestionKind::Choice || choice < 0 || static_cast<std::size_t>(choice) >= question.choices.size())
        return g;
    g.correct = choice == question.answerIndex;
    if (static_cast<std::size_t>(choice) < question.feedback.size()) g.feedback = question.feedback[static_cast<std::size_t>(choice)];
    return g;
}

Grade gradeTyped(const Question& question, std::string_view typed) {
    Grade g;
    if (question.kind == QuestionKind::Number) {
        const auto value = parseNumber(typed);
        // A relative hair on top of the tolerance, so 0.1 ± 0.05 accepts a typed 0.15.
        g.correct = value && std::abs(*value - question.answerNumber) <=
                                 question.tolerance * (1 + 1e-9) + 1e-12 * std::abs(question.answerNumber);
    } else if (question.kind == QuestionKind::Text) {
        const std::string given = normalised(typed);
        g.correct = !given.empty() && std::any_of(question.accepted.begin(), question.accepted.end(),
                                                  [&](const std::string& a) { return normalised(a) == given; });
    }
    return g;
}

// ---------------------------------------------------------------- Quiz

const Quiz::StepAnswers* Quiz::find(const Lesson& lesson, std::size_t step) const {
    const auto it = m_steps.find({lesson.id, step});
    return it == m_steps.end() ? nullptr : &it->second;
}

Quiz::StepAnswers& Quiz::at(const Lesson& lesson, std::size_t step) {
    StepAnswers& a = m_steps[{lesson.id, step}];
    const std::size_t n = step < lesson.steps.size() ? lesson.steps[step].questions.size() : 0;
    if (a.outcomes.size() != n) { // new, or the lesson was edited (hot reload): start the step again
        a = StepAnswers{};
        a.outcomes.resize(n);
    }
    return a;
}

const Question* Quiz::shownQuestion(const Lesson& lesson, std::size_t step, const StepAnswers& answers) {
    if (step >= lesson.steps.size()) return nullptr;
    const auto& qs = lesson.steps[step].questions;
    return answers.shown < qs.size() ? &qs[answers.shown] : nullptr;
}

std::size_t Quiz::shown(const Lesson& lesson, std::size_t step) const {
    const StepAnswers* a = find(lesson, step);
    const std::size_t n = step < lesson.steps.size() ? lesson.steps[step].questions.size() : 0;
    return a && a->outcomes.size() == n ? a->shown : 0;
}

QuestionOutcome Quiz::outcome(const Lesson& lesson, std::size_t step, std::size_t question) const {
    const StepAnswers* a = find(lesson, step);
    const std::size_t n = step < lesson.steps.size() ? lesson.steps[step].questions.size() : 0;
    if (!a || a->outcomes.size() != n || question >= n) return {};
    return a->outcomes[question];
}

bool Quiz::waiting(const Lesson& lesson, std::size_t step) const {
    if (step >= lesson.steps.size()) return false;
    const std::size_t q = shown(lesson, step);
    return q < lesson.steps[step].questions.size() && !outcome(lesson, step, q).done;
}

QuestionHold Quiz::held(const Lesson& lesson, std::size_t step) const {
    QuestionHold h;
    if (step >= lesson.steps.size()) return h;
    const auto& qs = lesson.steps[step].questions;
    for (std::size_t i = 0; i < qs.size(); ++i)
        if (!outcome(lesson, step, i).done) {
            h.views = h.views || qs[i].hold.views;
            h.run = h.run || qs[i].hold.run;
        }
    return h;
}

QuizScore Quiz::score(const Lesson& lesson, std::size_t step) const {
    QuizScore s;
    if (step >= lesson.steps.size()) return s;
    s.total = lesson.steps[step].questions.size();
    for (std::size_t i = 0; i < s.total; ++i) {
        const auto o = outcome(lesson, step, i);
        s.done += o.done;
        s.correct += o.correct;
    }
    return s;
}

void Quiz::settle(StepAnswers& a, const Grade& grade, int choice, std::string given) {
    QuestionOutcome& o = a.outcomes[a.shown];
    o.done = true;
    o.answered = true;
    o.correct = grade.correct;
    o.choice = choice;
    o.given = std::move(given);
    o.feedback = grade.feedback;
    a.picked.reset();
    a.typed.clear();
}

bool Quiz::answerChoice(const Lesson& lesson, std::size_t step, int choice) {
    if (!waiting(lesson, step)) return false;
    StepAnswers& a = at(lesson, step);
    const Question* q = shownQuestion(lesson, step, a);
    if (!q || q->kind != QuestionKind::Choice || choice < 0 || static_cast<std::size_t>(choice) >= q->choices.size())
        return false;
    settle(a, gradeChoice(*q, choice), choice, {});
    return true;
}

bool Quiz::answerTyped(const Lesson& lesson, std::size_t step, std::string_view typed) {
    if (!waiting(lesson, step)) return false;
    StepAnswers& a = at(lesson, step);
    const Question* q = shownQuestion(lesson, step, a);
    if (!q || q->kind == QuestionKind::Choice) return false;
    settle(a, gradeTyped(*q, typed), -1, std::string(typed));
    return true;
}

bool Quiz::pick(const Lesson& lesson, std::size_t step, int choice) {
    if (!waiting(lesson, step)) return false;
    StepAnswers& a = at(lesson, step);
    const Question* q = shownQuestion(lesson, step, a);
    if (!q || q->kind != QuestionKind::Choice || choice < 0 || static_cast<std::size_t>(choice) >= q->choices.size())
        return false;
    a.picked = choice;
    return true;
}

std::optional<int> Quiz::picked(const Lesson& lesson, std::size_t step) const {
    const StepAnswers* a = find(lesson, step);
    return a ? a->picked : std::nullopt;
}

std::string& Quiz::typed(const Lesson& lesson, std::size_t step) { return at(lesson, step).typed; }

std::string Quiz::typedSoFar(const Lesson& lesson, std::size_t step) const {
    const StepAnswers* a = find(lesson, step);
    return a ? a->typed : std::string();
}

bool Quiz::reveal(const Lesson& lesson, std::size_t step) {
    if (!waiting(lesson, step)) return false;
    StepAnswers& a = at(lesson, step);
    const Question* q = shownQuestion(lesson, step, a);
    if (q->kind == QuestionKind::Choice && a.picked) return answerChoice(lesson, step, *a.picked);
    if (q->kind != QuestionKind::Choice && !a.typed.empty()) {
        const std::string typed = a.typed;
        return answerTyped(lesson, step, typed);
    }
    QuestionOutcome& o = a.outcomes[a.shown];
    o = QuestionOutcome{};
    o.done = true;
    a.typed.clear();
    return true;
}

bool Quiz::next(const Lesson& lesson, std::size_t step) {
    if (step >= lesson.steps.size() || lesson.steps[step].questions.empty()) return false;
    if (reveal(lesson, step)) return true;
    StepAnswers& a = at(lesson, step);
    const std::size_t n = a.outcomes.size();
    if (a.shown + 1 < n) {
        ++a.shown;
        return true;
    }
    if (lesson.steps[step].check && a.shown + 1 == n) { // the end check's summary
        a.shown = n;
        return true;
    }
    return false;
}

} // namespace stepwise::lessons

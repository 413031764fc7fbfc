// LessonScreen's question card: a step's `[[step.question]]` as the learner sees it. While the
// question waits: its prompt, the choices (A, B, C…) or a box for the typed answer, and how to
// answer. Once answered or revealed: which answer was right, why, and what the step reveals.
// The card sits in the narration column, or over the panels in presenter mode while the
// question waits (large, for the class). The Quiz it reads belongs to the session.
#include "app/screens/lesson_screen.hpp"

#include <cmath>

namespace stepwise::app {

using views::drawBox;
using views::drawText;
using views::FontRole;
using views::HAlign;
using views::VAlign;

namespace {

std::string letter(std::size_t index) { return std::string(1, static_cast<char>('A' + index)); }

/// The right answer in words: "B. 10 × m", "7,840" (± tolerance), or the first accepted text.
std::string rightAnswer(const lessons::Question& q) {
    switch (q.kind) {
    case lessons::QuestionKind::Choice: {
        const auto k = static_cast<std::size_t>(q.answerIndex);
        return k < q.choices.size() ? letter(k) + ". " + q.choices[k] : letter(k);
    }
    case lessons::QuestionKind::Number: {
        const bool whole = q.answerNumber == std::round(q.answerNumber) && std::abs(q.answerNumber) < 1e15;
        std::string text = whole ? views::formatCount(static_cast<long long>(q.answerNumber)) : views::formatValue(q.answerNumber, 6);
        if (q.tolerance > 0) text += " (± " + views::formatValue(q.tolerance, 3) + " counts as right)";
        return text;
    }
    case lessons::QuestionKind::Text: return q.accepted.empty() ? std::string() : q.accepted.front();
    }
    return {};
}

} // namespace

bool LessonScreen::viewsHeld() const {
    return m_quiz && m_lesson && m_quiz->held(*m_lesson, m_stepIndex).views;
}

bool LessonScreen::questionOverPanels() const {
    if (!m_quiz || !m_lesson || !m_step || m_step->questions.empty()) return false;
    // A step with neither views nor an equation (a lesson's end check): its card has the right-hand
    // side to itself, answered or not, instead of leaving it empty.
    if (m_panels.empty() && m_equationRect.height <= 0.f) return true;
    return m_presenting && m_quiz->waiting(*m_lesson, m_stepIndex);
}

sf::FloatRect LessonScreen::questionArea() const {
    // The right-hand column, the equation's place included when the equation sits in it.
    const bool equationAbove = m_equationRect.height > 0.f && m_equationRect.left >= m_panelArea.left - 1.f;
    const float top = equationAbove ? m_equationRect.top : m_panelArea.top;
    return {m_panelArea.left, top, m_panelArea.width, m_panelArea.top + m_panelArea.height - top};
}

sf::FloatRect LessonScreen::choiceRect(std::size_t index) const {
    return index < m_choiceRects.size() ? m_choiceRects[index] : sf::FloatRect{};
}

float LessonScreen::drawQuestion(sf::RenderTarget& target, float x, float y, float width, float scroll) {
    if (!m_quiz || !m_lesson || !m_step || m_step->questions.empty()) return 0.f;
    // Measured first, then drawn inside a frame of the measured height. Over the panels (presenter
    // mode) the card must fit the panel area: its text shrinks until it does, to 70 % at most.
    const views::Theme full = m_theme;
    float height = layoutQuestion(nullptr, x, y, width, scroll);
    for (float f = 0.9f; questionOverPanels() && height > questionArea().height && f > 0.65f; f -= 0.1f) {
        m_theme = full.scaled(f);
        height = layoutQuestion(nullptr, x, y, width, scroll);
    }
    struct Restore { // the theme comes back however this returns
        views::Theme& theme;
        const views::Theme& was;
        ~Restore() { theme = was; }
    } restore{m_theme, full};
    drawBox(target, {x, y, width, height}, m_theme.background, m_theme.accent, 2.f);
    drawBox(target, {x, y, 6.f, height}, m_theme.accent);
    return layoutQuestion(&target, x, y, width, scroll);
}

float LessonScreen::layoutQuestion(sf::RenderTarget* target, float x, float y, float width, float scroll) {
    const auto& questions = m_step->questions;
    const std::size_t shown = m_quiz->shown(*m_lesson, m_stepIndex);
    const unsigned body = m_theme.bodySize, small = m_theme.smallSize;
    const float pad = m_theme.padding, inset = pad * 1.2f;
    const float inner = width - 2 * inset;
    const float top = y;
    y += inset;
    m_choiceRects.clear();
    m_questionText.clear();
    auto line = [&](const std::string& text, unsigned size, sf::Color colour, FontRole role = FontRole::Ui) {
        m_questionText.push_back(text);
        views::NarrationView v;
        lessons::Paragraph p;
        p.runs.push_back({text, role == FontRole::UiBold, false, false});
        v.set({p}, inner, size, colour);
        v.setPosition({x + inset, y});
        if (target) v.draw(*target);
        y += v.height() + m_theme.gap * 0.6f;
    };
    auto markup = [&](const std::string& text, sf::Color colour) {
        m_questionText.push_back(text);
        views::NarrationView v;
        v.set(lessons::parseNarration(text), inner, body, colour);
        v.setPosition({x + inset, y});
        if (target) v.draw(*target);
        y += v.height() + m_theme.gap * 0.6f;
    };

    if (shown >= questions.size()) { // an end check's summary
        const auto score = m_quiz->score(*m_lesson, m_stepIndex);
        line("Your score: " + std::to_string(score.correct) + " of " + std::to_string(score.total) + " right",
             m_theme.titleSize, m_theme.text, FontRole::UiBold);
        for (std::size_t i = 0; i < questions.size(); ++i) {
            const auto o = m_quiz->outcome(*m_lesson, m_stepIndex, i);
            const std::string mark = o.correct ? "✓ " : (o.answered ? "✗ " : "– ");
            line(mark + std::to_string(i + 1) + ". " + rightAnswer(questions[i]), body, o.correct ? m_theme.text : m_theme.mutedText);
        }
        line("The score stays in this window only; F12 saves a screenshot of it. → goes on.", small, m_theme.mutedText);
    } else {
        const lessons::Question& q = questions[shown];
        const auto outcome = m_quiz->outcome(*m_lesson, m_stepIndex, shown);
        const std::string count = std::to_string(shown + 1) + " of " + std::to_string(questions.size());
        line(m_step->check ? "Check: question " + count : (questions.size() > 1 ? "Question " + count : "Question"), small,
             m_theme.accent, FontRole::UiBold);
        markup(q.prompt, m_theme.text);
        const auto picked = m_quiz->picked(*m_lesson, m_stepIndex);
        if (q.kind == lessons::QuestionKind::Choice) {
            for (std::size_t i = 0; i < q.choices.size(); ++i) {
                const bool right = static_cast<int>(i) == q.answerIndex;
                const bool chosen = outcome.choice == static_cast<int>(i) || (!outcome.done && picked == static_cast<int>(i));
                std::string mark = letter(i);
                if (outcome.done && right) mark = "✓ " + mark;
                else if (outcome.done && chosen) mark = "✗ " + mark;
                views::NarrationView v;
                lessons::Paragraph p;
                p.runs.push_back({mark + "   ", true, false, false});
                for (const auto& para : lessons::parseNarration(q.choices[i]))
                    for (const auto& run : para.runs) p.runs.push_back(run);
                v.set({p}, inner - 2 * pad, body, m_theme.text);
                const sf::FloatRect row{x + inset, y, inner, v.height() + pad};
                const bool hover = row.contains({m_mouse.x, m_mouse.y + scroll});
                const sf::Color border = outcome.done ? (right ? m_theme.accent : chosen ? m_theme.mistake : m_theme.panelBorder)
                                                      : (chosen ? m_theme.highlight : m_theme.panelBorder);
                if (target) {
                    drawBox(*target, row, hover && !outcome.done ? m_theme.grid : m_theme.panel, border,
                            chosen || (outcome.done && right) ? 3.f : 1.f);
                    v.setPosition({row.left + pad, row.top + pad / 2.f});
                    v.draw(*target);
                }
                m_questionText.push_back(mark + "   " + q.choices[i]);
                m_choiceRects.push_back({row.left, row.top - scroll, row.width, row.height});
                y += row.height + m_theme.gap * 0.5f;
            }
        } else if (!outcome.done) {
            const std::string typed = m_quiz->typedSoFar(*m_lesson, m_stepIndex);
            const float h = views::lineHeight(body) + pad;
            const sf::FloatRect box{x + inset, y, inner, h};
            if (target) {
                drawBox(*target, box, m_theme.panel, m_theme.highlight, 2.f);
                drawText(*target, views::elide(typed + "▏", body, box.width - 2 * pad),
                         {box.left + pad, box.top + box.height / 2.f}, body, m_theme.text, HAlign::Left, VAlign::Center);
            }
            m_questionText.push_back("answer: " + typed);
            y += h + m_theme.gap * 0.6f;
        }
        if (!outcome.done) {
            std::string how;
            const std::size_t n = q.choices.size();
            if (q.kind == lessons::QuestionKind::Choice)
                how = m_presenting ? "A–" + letter(n - 1) + " marks the class's answer; → reveals it"
                                   : "Press A–" + letter(n - 1) + " (or 1–" + std::to_string(n) + ") or click a choice. → shows the answer.";
            else
                how = "Type your answer, then Enter. → shows the answer.";
            line(how, small, m_theme.mutedText);
        } else {
            if (!outcome.answered) line("The answer: " + rightAnswer(q), body, m_theme.text, FontRole::UiBold);
            else if (outcome.correct) line("✓ Right.", body, m_theme.text, FontRole::UiBold);
            else if (q.kind == lessons::QuestionKind::Choice) line("✗ Not quite: the answer is " + rightAnswer(q) + ".", body, m_theme.mistake, FontRole::UiBold);
            else line("✗ You wrote " + outcome.given + "; the answer is " + rightAnswer(q) + ".", body, m_theme.mistake, FontRole::UiBold);
            if (!outcome.feedback.empty()) markup(outcome.feedback, m_theme.text);
            if (!q.explain.empty()) markup(q.explain, m_theme.text);
            if (!q.reveal.empty()) markup(q.reveal, m_theme.text);
            line(shown + 1 < questions.size() ? "→ next question" : m_step->check ? "→ your score" : "→ next step", small,
                 m_theme.mutedText);
        }
    }
    y += inset - m_theme.gap * 0.6f;
    if (target) m_questionRect = {x, top - scroll, width, y - top};
    return y - top;
}

} // namespace stepwise::app

// LessonSession and the step's questions (`[[step.question]]`): which keys and clicks answer the
// waiting question, and what an answer releases. A choice takes A–F or 1–6 (in presenter mode
// that marks the class's pick, and → reveals it); a number or a text is typed, Enter checks it
// and Backspace edits it. → alone reveals the answer (LessonSession::perform). While a typed
// answer waits, the keys that type characters belong to it, not to their shortcuts.
#include "app/screens/lesson_session.hpp"

namespace stepwise::app {

namespace {

/// The choice a key names: A–F and 1–6 (top row or keypad) are 0–5; −1 for any other key.
int choiceOf(sf::Keyboard::Key key) {
    using K = sf::Keyboard;
    if (key >= K::A && key <= K::F) return key - K::A;
    if (key >= K::Num1 && key <= K::Num6) return key - K::Num1;
    if (key >= K::Numpad1 && key <= K::Numpad6) return key - K::Numpad1;
    return -1;
}

/// True for the keys that type a character into a typed answer.
bool types(sf::Keyboard::Key key) {
    using K = sf::Keyboard;
    return (key >= K::A && key <= K::Z) || (key >= K::Num0 && key <= K::Num9) || (key >= K::Numpad0 && key <= K::Numpad9) ||
           key == K::Space || key == K::Period || key == K::Comma || key == K::Hyphen || key == K::Subtract ||
           key == K::Add || key == K::Equal || key == K::Slash || key == K::Divide || key == K::Multiply ||
           key == K::SemiColon || key == K::Quote || key == K::LBracket || key == K::RBracket || key == K::Tilde;
}

void popUtf8(std::string& text) {
    while (!text.empty()) {
        const auto c = static_cast<unsigned char>(text.back());
        text.pop_back();
        if ((c & 0xC0) != 0x80) return; // the first byte of the character
    }
}

void appendUtf8(std::string& text, std::uint32_t c) {
    if (c < 0x80) {
        text += static_cast<char>(c);
    } else if (c < 0x800) {
        text += static_cast<char>(0xC0 | (c >> 6));
        text += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        text += static_cast<char>(0xE0 | (c >> 12));
        text += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        text += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x110000) {
        text += static_cast<char>(0xF0 | (c >> 18));
        text += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        text += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        text += static_cast<char>(0x80 | (c & 0x3F));
    }
}

constexpr std::size_t kMaxTyped = 60; // bytes: answers are a number or a few words

} // namespace

bool LessonSession::questionKey(const sf::Event::KeyEvent& key) {
    if (m_player.empty() || key.control || key.alt || key.system) return false;
    const lessons::Lesson& lesson = m_player.currentLesson();
    const std::size_t step = m_player.stepIndex();
    if (!m_quiz.waiting(lesson, step)) return false;
    const lessons::Question& q = lesson.steps[step].questions[m_quiz.shown(lesson, step)];
    if (q.kind == lessons::QuestionKind::Choice) {
        const int choice = choiceOf(key.code);
        return choice >= 0 && static_cast<std::size_t>(choice) < q.choices.size() && chooseAnswer(choice);
    }
    std::string& typed = m_quiz.typed(lesson, step);
    if (key.code == sf::Keyboard::Enter) {
        if (typed.empty()) return false; // Enter alone is Next: it reveals the answer
        const std::string answer = typed;
        m_quiz.answerTyped(lesson, step, answer);
        answered();
        return true;
    }
    if (key.code == sf::Keyboard::Backspace) {
        if (typed.empty()) return false; // nothing to edit: Backspace goes back a step
        popUtf8(typed);
        return true;
    }
    return types(key.code); // the character itself arrives as TextEntered
}

bool LessonSession::questionText(std::uint32_t unicode) {
    if (m_player.empty() || unicode < 32 || unicode == 127) return false;
    const lessons::Lesson& lesson = m_player.currentLesson();
    const std::size_t step = m_player.stepIndex();
    if (!m_quiz.waiting(lesson, step)) return false;
    if (lesson.steps[step].questions[m_quiz.shown(lesson, step)].kind == lessons::QuestionKind::Choice) return false;
    std::string& typed = m_quiz.typed(lesson, step);
    if (typed.size() < kMaxTyped) appendUtf8(typed, unicode);
    return true;
}

bool LessonSession::chooseAnswer(int choice) {
    if (m_player.empty()) return false;
    const lessons::Lesson& lesson = m_player.currentLesson();
    const std::size_t step = m_player.stepIndex();
    // In presenter mode a choice is the class's pick, shown but not judged until → reveals it.
    if (m_presenting) return m_quiz.pick(lesson, step, choice);
    if (!m_quiz.answerChoice(lesson, step, choice)) return false;
    answered();
    return true;
}

void LessonSession::answered() {
    syncTrainer(); // an answer may release the step's equation (hold = ["run"])
}

} // namespace stepwise::app

// LessonPlayer: navigation over the steps of all lessons, and what the current step asks of
// the app (stepper position, live mode). Position bookkeeping survives hot reloads.
#include "lessons/lesson_player.hpp"

#include "core/equation_catalogue.hpp"

#include <algorithm>
#include <stdexcept>

namespace stepwise::lessons {

namespace {

bool sameFile(const std::filesystem::path& a, const std::filesystem::path& b) {
    return !a.empty() && a.lexically_normal() == b.lexically_normal();
}

void requireSteps(const Lesson& lesson) {
    if (lesson.steps.empty()) throw std::invalid_argument("LessonPlayer: lesson \"" + lesson.id + "\" has no steps");
}

} // namespace

LessonPlayer::LessonPlayer(std::vector<Lesson> lessons) {
    setLessons(std::move(lessons));
    home();
}

const Lesson& LessonPlayer::currentLesson() const {
    if (empty()) throw std::logic_error("LessonPlayer: no lessons");
    return m_lessons[m_lesson];
}

const LessonStep& LessonPlayer::currentStep() const { return currentLesson().steps[m_step]; }

bool LessonPlayer::next() {
    if (atEnd()) return false;
    if (m_step + 1 < m_lessons[m_lesson].steps.size()) {
        ++m_step;
    } else {
        ++m_lesson;
        m_step = 0;
    }
    return true;
}

bool LessonPlayer::previous() {
    if (atStart()) return false;
    if (m_step > 0) {
        --m_step;
    } else {
        --m_lesson;
        m_step = m_lessons[m_lesson].steps.size() - 1;
    }
    return true;
}

bool LessonPlayer::jumpTo(std::size_t lesson, std::size_t step) {
    if (lesson >= m_lessons.size() || step >= m_lessons[lesson].steps.size()) return false;
    m_lesson = lesson;
    m_step = step;
    return true;
}

bool LessonPlayer::jumpTo(std::string_view lessonId, std::size_t step) {
    for (std::size_t i = 0; i < m_lessons.size(); ++i)
        if (m_lessons[i].id == lessonId) return jumpTo(i, step);
    return false;
}

void LessonPlayer::home() {
    m_lesson = 0;
    m_step = 0;
}

bool LessonPlayer::atStart() const { return empty() || (m_lesson == 0 && m_step == 0); }

bool LessonPlayer::atEnd() const {
    return empty() || (m_lesson + 1 == m_lessons.size() && m_step + 1 == m_lessons[m_lesson].steps.size());
}

std::optional<std::size_t> LessonPlayer::targetOf(const LessonStep& step, const core::NetworkConfig& config) {
    if (!step.executes) return std::nullopt;
    const auto index = core::equationIndex(config, *step.executes);
    if (!index) return std::nullopt;
    return *index + 1;
}

std::optional<std::size_t> LessonPlayer::stepperTarget(const core::NetworkConfig& config) const {
    if (empty()) return std::nullopt;
    return targetOf(currentStep(), config);
}

std::optional<std::size_t> LessonPlayer::stepperTargetSoFar(const core::NetworkConfig& config) const {
    if (empty()) return std::nullopt;
    const auto& steps = currentLesson().steps;
    for (std::size_t k = m_step + 1; k-- > 0;)
        if (steps[k].executes) return targetOf(steps[k], config);
    return std::nullopt;
}

bool LessonPlayer::isLiveStep() const { return !empty() && currentStep().mode == StepMode::Live; }

void LessonPlayer::setLessons(std::vector<Lesson> lessons) {
    for (const auto& lesson : lessons) requireSteps(lesson);
    std::filesystem::path file;
    std::string id;
    if (!empty()) {
        file = m_lessons[m_lesson].file;
        id = m_lessons[m_lesson].id;
    }
    m_lessons = std::move(lessons);
    restore(file, id, m_step, m_lesson);
}

void LessonPlayer::replaceLesson(Lesson lesson) {
    requireSteps(lesson);
    std::filesystem::path file;
    std::string id;
    if (!empty()) {
        file = m_lessons[m_lesson].file;
        id = m_lessons[m_lesson].id;
        // The current lesson itself may be the one replaced, possibly under a new id.
        if (sameFile(m_lessons[m_lesson].file, lesson.file)) id = lesson.id;
    }
    auto existing = std::find_if(m_lessons.begin(), m_lessons.end(),
                                 [&](const Lesson& l) { return sameFile(l.file, lesson.file); });
    if (existing == m_lessons.end())
        existing = std::find_if(m_lessons.begin(), m_lessons.end(), [&](const Lesson& l) { return l.id == lesson.id; });
    if (existing != m_lessons.end())
        *existing = std::move(lesson);
    else
        m_lessons.push_back(std::move(lesson));
    restore(file, id, m_step, m_lesson);
}

bool LessonPlayer::removeLesson(const std::filesystem::path& file) {
    const auto it =
        std::find_if(m_lessons.begin(), m_lessons.end(), [&](const Lesson& l) { return sameFile(l.file, file); });
    if (it == m_lessons.end()) return false;
    const auto removed = static_cast<std::size_t>(it - m_lessons.begin());
    const bool wasCurrent = removed == m_lesson;
    const Lesson current = wasCurrent ? Lesson{} : m_lessons[m_lesson];
    m_lessons.erase(it);
    if (wasCurrent)
        restore({}, {}, 0, m_lesson);
    else
        restore(current.file, current.id, m_step, m_lesson);
    return true;
}

void LessonPlayer::restore(const std::filesystem::path& file, const std::string& id, std::size_t step,
                           std::size_t fallback) {
    std::stable_sort(m_lessons.begin(), m_lessons.end(),
                     [](const Lesson& a, const Lesson& b) { return a.order < b.order; });
    if (m_lessons.empty()) {
        home();
        return;
    }
    auto found = std::find_if(m_lessons.begin(), m_lessons.end(), [&](const Lesson& l) { return sameFile(l.file, file); });
    if (found == m_lessons.end() && !id.empty())
        found = std::find_if(m_lessons.begin(), m_lessons.end(), [&](const Lesson& l) { return l.id == id; });
    if (found == m_lessons.end()) {
        m_lesson = std::min(fallback, m_lessons.size() - 1);
        m_step = 0;
        return;
    }
    m_lesson = static_cast<std::size_t>(found - m_lessons.begin());
    m_step = std::min(step, found->steps.size() - 1);
}

} // namespace stepwise::lessons

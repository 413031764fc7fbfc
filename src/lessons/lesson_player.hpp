// LessonPlayer: where the learner is in the lessons (which lesson, which step) and what that
// step asks of the app — the stepper position to reach, or live training. Pure logic, no
// drawing and no files: the app reads currentStep() each frame and draws it. The player holds
// no network of its own: every question about positions takes the network the app runs.
#pragma once

#include "core/network_config.hpp"
#include "lessons/lesson.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

namespace stepwise::lessons {

/// \brief Walks through the steps of every lesson, in lesson order, across lesson boundaries.
///
/// The position is a lesson index (into lessons(), sorted by order) and a step index. When the
/// lessons change (hot reload) the position follows its lesson — by file, then by id — and is
/// clamped if the lesson got shorter. With no lessons the player is empty() and has no current
/// step. Not thread-safe: one thread (the UI thread) owns a player.
class LessonPlayer {
public:
    /// \brief A player at the first step of \p lessons.
    /// \param lessons the lessons, in any order (the player sorts them by order)
    /// \throws std::invalid_argument when a lesson has no steps
    explicit LessonPlayer(std::vector<Lesson> lessons = {});

    /// \brief The lessons, sorted by order.
    [[nodiscard]] const std::vector<Lesson>& lessons() const { return m_lessons; }
    /// \brief True when there is no lesson, hence no current step.
    [[nodiscard]] bool empty() const { return m_lessons.empty(); }
    /// \brief Index of the current lesson in lessons() (0 when empty).
    [[nodiscard]] std::size_t lessonIndex() const { return m_lesson; }
    /// \brief Index of the current step in the current lesson (0 when empty).
    [[nodiscard]] std::size_t stepIndex() const { return m_step; }
    /// \brief The current lesson. \throws std::logic_error when empty().
    [[nodiscard]] const Lesson& currentLesson() const;
    /// \brief The current step. \throws std::logic_error when empty().
    [[nodiscard]] const LessonStep& currentStep() const;

    /// \brief Moves to the next step, into the next lesson after a lesson's last step.
    /// \return false (and stays) at the last step of the last lesson, or when empty.
    bool next();
    /// \brief Moves to the previous step, into the previous lesson's last step before a first step.
    /// \return false (and stays) at the very first step, or when empty.
    bool previous();
    /// \brief Moves to step \p step of lesson \p lesson (indices into lessons() and its steps).
    /// \return false (and stays) when either index is out of range.
    bool jumpTo(std::size_t lesson, std::size_t step);
    /// \brief Moves to step \p step of the lesson with id \p lessonId.
    /// \return false (and stays) when there is no such lesson or step.
    bool jumpTo(std::string_view lessonId, std::size_t step = 0);
    /// \brief Back to the first step of the first lesson.
    void home();
    /// \brief True at the first step of the first lesson (or when empty).
    [[nodiscard]] bool atStart() const;
    /// \brief True at the last step of the last lesson (or when empty).
    [[nodiscard]] bool atEnd() const;

    /// \brief For a step that executes an equation: the stepper position the app must reach on
    /// network \p config, the equation's index in core::iterationEquations(config) + 1
    /// (forward.a0 → 1, update.b2 → 17 for 784-10-10). Empty for steps that execute nothing,
    /// when empty(), or when \p config has no such equation.
    [[nodiscard]] std::optional<std::size_t> stepperTarget(const core::NetworkConfig& config) const;
    /// \brief The stepper position the current step assumes on \p config: stepperTarget() of
    /// the current step or of the nearest earlier step of the same lesson that executes an
    /// equation. Use it after a jump so a narration-only step still shows the network in the
    /// right state.
    [[nodiscard]] std::optional<std::size_t> stepperTargetSoFar(const core::NetworkConfig& config) const;
    /// \brief True when the current step shows live training (mode = "live").
    [[nodiscard]] bool isLiveStep() const;

    /// \brief Replaces every lesson, keeping the position on the same lesson (clamped).
    /// \throws std::invalid_argument when a lesson has no steps
    void setLessons(std::vector<Lesson> lessons);
    /// \brief Puts \p lesson in place of the lesson read from the same file (or with the same id),
    /// or adds it; keeps the position on the current lesson, clamped if it got shorter.
    /// \throws std::invalid_argument when \p lesson has no steps
    void replaceLesson(Lesson lesson);
    /// \brief Removes the lesson read from \p file. If it was the current lesson, the position
    /// moves to the first step of the lesson that took its place (or the new last lesson).
    /// \return false when no lesson came from \p file.
    bool removeLesson(const std::filesystem::path& file);

private:
    /// Sorts m_lessons and puts the position back on the lesson \p file / \p id at step \p step.
    void restore(const std::filesystem::path& file, const std::string& id, std::size_t step, std::size_t fallback);
    static std::optional<std::size_t> targetOf(const LessonStep& step, const core::NetworkConfig& config);

    std::vector<Lesson> m_lessons;
    std::size_t m_lesson = 0;
    std::size_t m_step = 0;
};

} // namespace stepwise::lessons

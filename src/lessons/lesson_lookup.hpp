// Finding a lesson by what a user types after --lesson: its id ("data"), or the name of its
// file ("01-data", "01-data.toml", "lessons/01-data.toml"); and, for a name that matches none,
// the one line that lists the ids there are and suggests the closest.
#pragma once

#include "lessons/lesson.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stepwise::lessons {

/// \brief The id of the lesson \p name means: a lesson's id, else the lesson whose file is
/// called \p name (with or without `.toml`, with or without its folder). Nothing when no lesson
/// matches. Any thread.
[[nodiscard]] std::optional<std::string> findLessonId(const std::vector<Lesson>& lessons, std::string_view name);

/// \brief One line for a \p name that findLessonId() does not know: `no lesson "dat"; did you
/// mean "data"? The lessons are: data, anatomy, …` (ids in lesson order; the suggestion only
/// when an id or file name is at most two edits away). Any thread.
[[nodiscard]] std::string unknownLessonLine(const std::vector<Lesson>& lessons, std::string_view name);

/// \brief One line for a step number \p step (1-based) that lesson \p lesson does not have:
/// `lesson "data" has steps 1 to 7; there is no step 9`. Any thread.
[[nodiscard]] std::string missingStepLine(const Lesson& lesson, std::size_t step);

} // namespace stepwise::lessons

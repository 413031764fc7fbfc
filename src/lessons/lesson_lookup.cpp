// findLessonId(), unknownLessonLine() and missingStepLine() (see lesson_lookup.hpp).
#include "lessons/lesson_lookup.hpp"

#include "tex/closest_name.hpp"

#include <algorithm>

namespace stepwise::lessons {

namespace {

/// The lessons in the order the window lists them.
std::vector<const Lesson*> inOrder(const std::vector<Lesson>& lessons) {
    std::vector<const Lesson*> sorted;
    for (const Lesson& l : lessons) sorted.push_back(&l);
    std::stable_sort(sorted.begin(), sorted.end(), [](const Lesson* a, const Lesson* b) { return a->order < b->order; });
    return sorted;
}

/// "lessons/01-data.toml" and "01-data.toml" → "01-data".
std::string fileStem(std::string_view name) {
    std::filesystem::path path{std::string(name)};
    return path.extension() == ".toml" ? path.stem().string() : path.filename().string();
}

} // namespace

std::optional<std::string> findLessonId(const std::vector<Lesson>& lessons, std::string_view name) {
    for (const Lesson& l : lessons)
        if (l.id == name) return l.id;
    const std::string stem = fileStem(name);
    if (stem.empty()) return std::nullopt;
    for (const Lesson& l : lessons)
        if (l.file.stem().string() == stem) return l.id;
    return std::nullopt;
}

std::string unknownLessonLine(const std::vector<Lesson>& lessons, std::string_view name) {
    const std::vector<const Lesson*> sorted = inOrder(lessons);
    std::vector<std::string> ids, stems;
    for (const Lesson* l : sorted) {
        ids.push_back(l->id);
        stems.push_back(l->file.stem().string());
    }
    std::string line = "no lesson \"" + std::string(name) + "\"";
    std::optional<std::string> suggestion = tex::closestName(name, ids);
    if (!suggestion)
        if (const auto stem = tex::closestName(fileStem(name), stems))
            suggestion = ids[static_cast<std::size_t>(std::find(stems.begin(), stems.end(), *stem) - stems.begin())];
    if (suggestion) line += "; did you mean \"" + *suggestion + "\"?";
    if (ids.empty()) return line + "; no lessons are loaded";
    line += suggestion ? " The lessons are: " : "; the lessons are: ";
    for (std::size_t i = 0; i < ids.size(); ++i) line += (i ? ", " : "") + ids[i];
    return line;
}

std::string missingStepLine(const Lesson& lesson, std::size_t step) {
    const std::size_t count = lesson.steps.size();
    return "lesson \"" + lesson.id + "\" has " + (count == 1 ? "only step 1" : "steps 1 to " + std::to_string(count)) +
           "; there is no step " + std::to_string(step);
}

} // namespace stepwise::lessons

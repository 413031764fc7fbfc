// The glossary: lessons/glossary.md, one term per line, which the window's help overlay shows
// beside the keys (Tab) and `lessons --check` validates.
#pragma once

#include "lessons/lesson_parser.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace stepwise::lessons {

/// \brief One glossary entry: a term and what it means, both plain text with the lessons' markup.
struct GlossaryEntry {
    std::string term;    ///< e.g. "learning rate"
    std::string meaning; ///< one sentence, e.g. "α: how far each update moves the weights."
};

/// \brief The glossary's file name inside the lessons folder.
inline constexpr std::string_view kGlossaryFile = "glossary.md";

/// \brief Parses \p text: a `# Glossary` heading, blank lines, and entries written
/// `- **term**: meaning` (terms unique, ignoring case).
/// \throws LessonError naming \p file, the line and the column of the first malformed line.
[[nodiscard]] std::vector<GlossaryEntry> parseGlossary(std::string_view text, const std::filesystem::path& file);

/// \brief Reads and parses \p file (at most 1 MiB).
/// \throws LessonError when the file cannot be read, is too large or is malformed.
[[nodiscard]] std::vector<GlossaryEntry> loadGlossary(const std::filesystem::path& file);

} // namespace stepwise::lessons

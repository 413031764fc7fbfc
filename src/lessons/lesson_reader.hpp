// readLesson(): one parsed TOML document checked against the lesson format and turned into a
// Lesson, or into every problem found, each at its line and column. Internal to
// stepwise::lessons; lesson_parser.cpp reads the file and runs toml++ first.
#pragma once

#include "lessons/lesson_parser.hpp"
#include "lessons/network_vocabulary.hpp"

#include <toml++/toml.h>

#include <filesystem>
#include <string_view>

namespace stepwise::lessons {

/// \brief Checks \p root, the TOML document of \p file, as a lesson: keys, types, tensors and
/// equation ids of \p vocabulary, highlight ranges, narration markup and TeX.
/// \param file       the lesson file, as it appears in the errors
/// \param raw        the file's bytes, which toml++ parsed into \p root (for positions inside strings)
/// \param root       the parsed document
/// \param vocabulary tensors and equations the lesson may name
/// \return the lesson when there is no problem, else every problem sorted by line and column.
/// Any thread.
[[nodiscard]] LessonParse readLesson(const std::filesystem::path& file, std::string_view raw, const toml::table& root,
                                     const NetworkVocabulary& vocabulary);

} // namespace stepwise::lessons

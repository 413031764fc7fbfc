// Reads lesson files (lessons/NN-slug.toml, format in lessons/FORMAT.md) into the lesson model
// and checks them against the paper's 784-10-10 network: known tensors, equation ids, view
// kinds, index ranges, balanced inline markup. Every problem becomes a one-line LessonError
// "FILE:LINE:COLUMN: message" that editors and CI logs can jump to.
#pragma once

#include "lessons/lesson.hpp"

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace stepwise::lessons {

/// \brief A problem in a lesson file, with where it is.
///
/// `what()` is exactly one line: `FILE:LINE:COLUMN: message`, for example
/// `lessons/03-forward.toml:14:10: unknown tensor "Z3" (known: A0, W1, ...)`. When there is no
/// particular place (a file that cannot be read, a missing folder) line and column are 0 and
/// `what()` is `FILE: message`. Columns count Unicode characters, from 1. Any thread.
class LessonError : public std::runtime_error {
public:
    /// \brief An error in \p file at \p line, \p column.
    /// \param file    the lesson file (or folder) as it was named when loading
    /// \param line    1-based line, 0 when the error concerns the whole file
    /// \param column  1-based column in characters, 0 when the error concerns the whole file
    /// \param message one line without the position, e.g. `unknown view kind "heatmapp" (...)`
    LessonError(std::filesystem::path file, int line, int column, std::string message);

    /// \brief The lesson file (or folder) as it was named when loading.
    [[nodiscard]] const std::filesystem::path& file() const noexcept { return m_file; }
    /// \brief 1-based line, 0 when the error has no particular place.
    [[nodiscard]] int line() const noexcept { return m_line; }
    /// \brief 1-based column in characters, 0 when the error has no particular place.
    [[nodiscard]] int column() const noexcept { return m_column; }
    /// \brief The message without the `FILE:LINE:COLUMN: ` prefix.
    [[nodiscard]] const std::string& message() const noexcept { return m_message; }

private:
    std::filesystem::path m_file;
    int m_line;
    int m_column;
    std::string m_message;
};

/// \brief The outcome of reading one lesson file: the lesson, or every problem found in it.
struct LessonParse {
    std::optional<Lesson> lesson;    ///< set exactly when errors is empty
    std::vector<LessonError> errors; ///< every problem, sorted by line and column
};

/// \brief Reads and checks one lesson file, collecting every problem instead of stopping.
///
/// A TOML syntax error stops the reading (it is the only error then); semantic problems are all
/// reported. Tensors and equation ids are checked against defaultVocabulary(). Any thread.
[[nodiscard]] LessonParse parseLessonFile(const std::filesystem::path& file);

/// \brief Reads and checks one lesson file.
/// \throws LessonError the first problem (by line and column) when the file is not a valid lesson.
/// Any thread.
[[nodiscard]] Lesson loadLesson(const std::filesystem::path& file);

/// \brief Every lesson of a folder, and every problem found while reading them.
struct LessonLibrary {
    std::vector<Lesson> lessons;     ///< valid lessons, sorted by order
    std::vector<LessonError> errors; ///< every problem, by file name, then line and column

    /// \brief Total number of steps over all lessons.
    [[nodiscard]] std::size_t stepCount() const;
};

/// \brief The duplicate-id and duplicate-order errors of \p lesson against \p others.
///
/// Lessons of \p others read from the same file as \p lesson are skipped (they are the version
/// being replaced). Errors point at the id or order value of \p lesson and name the other file,
/// e.g. `duplicate lesson id "forward" (also in lessons/03-forward.toml:1:6)`. Any thread.
[[nodiscard]] std::vector<LessonError> findConflicts(const Lesson& lesson, const std::vector<Lesson>& others);

/// \brief Reads every `*.toml` file of \p dir (not its subfolders; hidden files are skipped).
///
/// Files are read in name order, so with NN- prefixes errors come out in lesson order. A file
/// with problems is left out of lessons. Two lessons with the same id or the same order are an
/// error reported on the later file (by name), which is left out. A missing folder is one error;
/// an empty folder is an empty library. Any thread.
[[nodiscard]] LessonLibrary loadLibrary(const std::filesystem::path& dir);

} // namespace stepwise::lessons

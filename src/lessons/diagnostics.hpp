// How the lesson checker words and places its problems: quoting user text, lists of
// alternatives, TOML type names, the file position of a TOML node or of one byte inside a
// decoded string value (TextLocator), and the error list a reader fills. Internal to
// stepwise::lessons (it includes toml++, a private dependency).
#pragma once

#include "lessons/lesson.hpp"
#include "lessons/lesson_parser.hpp"

#include <toml++/toml.h>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stepwise::lessons {

// ---------------------------------------------------------------- message helpers

/// \brief \p text in double quotes on one line: `"` and `\` escaped, control characters as
/// `\xNN`, cut after \p maxLength bytes with `...`. Any thread.
[[nodiscard]] std::string quote(std::string_view text, std::size_t maxLength = 48);

/// \brief \p items separated by \p separator: "A, B, C". Any thread.
[[nodiscard]] std::string joined(const std::vector<std::string>& items, std::string_view separator = ", ");

/// \brief \p items as a choice: "A", "A or B", "A, B or C". Any thread.
[[nodiscard]] std::string alternatives(const std::vector<std::string>& items);

/// \brief How a message names a TOML value's type: "a string", "an array", "true/false", …
[[nodiscard]] std::string_view typeName(toml::node_type type);

// ---------------------------------------------------------------- locations

/// \brief \p position (1-based line and column, as toml++ counts them) as a SourceLocation.
[[nodiscard]] SourceLocation locationOf(const toml::source_position& position);
/// \brief Where \p node begins in its file (the opening quote of a string value).
[[nodiscard]] SourceLocation locationOf(const toml::node& node);

/// \brief True when \p at is the end of its line in \p raw (where an unclosed "..." string stops).
[[nodiscard]] bool endsLine(std::string_view raw, SourceLocation at);

/// \brief Maps a byte offset inside a decoded TOML string value back to its line and column in
/// the file, so a stray `$` on the fifth line of a narration is reported there, not at the `"""`.
///
/// It walks the raw string the way TOML decodes it: the opening quote or triple quote of a
/// basic or literal string, the newline right after a multi-line opener, the escapes of basic
/// strings (the simple ones, \\uXXXX, the line-ending backslash) and CRLF. If the walk does not
/// reproduce the value exactly it gives up and answers with the start of the value. Any thread;
/// \p raw must outlive the locator.
class TextLocator {
public:
    /// \brief A locator over \p raw, the whole file as read.
    explicit TextLocator(std::string_view raw);

    /// \brief The file position of byte \p offset of \p value, the decoded string of \p node.
    /// An offset equal to the value's size is the closing quote (a problem "at the end").
    [[nodiscard]] SourceLocation locate(const toml::node& node, std::string_view value, std::size_t offset) const;

private:
    std::optional<std::size_t> byteOffset(SourceLocation at) const;
    std::optional<std::vector<SourceLocation>> walk(SourceLocation start, std::string_view value) const;

    std::string_view m_raw;
    std::vector<std::size_t> m_lineStarts;
};

// ---------------------------------------------------------------- error collection

/// \brief The problems found in one lesson file, collected in any order and handed out sorted.
class ErrorList {
public:
    /// \brief An empty list for problems in \p file.
    explicit ErrorList(std::filesystem::path file) : m_file(std::move(file)) {}

    /// \brief Adds \p message at \p at.
    void add(SourceLocation at, std::string message);
    /// \brief Adds \p message at the start of \p node.
    void add(const toml::node& node, std::string message) { add(locationOf(node), std::move(message)); }
    /// \brief Adds \p message at \p key (an unknown or misspelt key).
    void add(const toml::key& key, std::string message) { add(locationOf(key.source().begin), std::move(message)); }

    /// \brief True when nothing has been added.
    [[nodiscard]] bool empty() const noexcept { return m_errors.empty(); }
    /// \brief The file the problems are in.
    [[nodiscard]] const std::filesystem::path& file() const noexcept { return m_file; }
    /// \brief Every problem, by line and column (stable for problems at one place); empties the list.
    [[nodiscard]] std::vector<LessonError> takeSorted();

private:
    std::filesystem::path m_file;
    std::vector<LessonError> m_errors;
};

} // namespace stepwise::lessons

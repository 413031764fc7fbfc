// Lesson markup (lessons/FORMAT.md: **bold**, *italic*, $math$) written out as Markdown for the
// export handout or as a Doxygen page for the docs.
#pragma once

#include "lessons/lesson.hpp"

#include <string>
#include <string_view>

namespace stepwise::app {

/// \brief How lesson markup (lessons/FORMAT.md: `**bold**`, `*italic*`, `$math$`) is spelled in
/// a text format such as Markdown or a Doxygen page.
struct MarkupStyle {
    /// \brief Escapes plain words so the format prints them as written.
    std::string (*escape)(std::string_view text) = nullptr;
    std::string_view boldOpen;    ///< \brief before bold words, e.g. `**` or `<b>`
    std::string_view boldClose;   ///< \brief after bold words
    std::string_view italicOpen;  ///< \brief before italic words, e.g. `*` or `<em>`
    std::string_view italicClose; ///< \brief after italic words
    std::string_view mathOpen;    ///< \brief before inline TeX, e.g. `$`
    std::string_view mathClose;   ///< \brief after inline TeX
    /// \brief Inserted before the marker of a paragraph that starts like a list item ("- ",
    /// "3. "), so it stays a paragraph: `\\` in Markdown, `&zwj;` in Doxygen.
    std::string_view listGuard;
};

/// \brief The Markdown style: CommonMark emphasis and `$…$` math, as GitHub, pandoc and most
/// Markdown editors typeset it.
const MarkupStyle& markdownStyle();

/// \brief Escapes every character CommonMark could read as markup (`*`, `_`, `[`, `$`, …).
std::string escapeMarkdown(std::string_view text);

/// \brief TeX on one line: newlines and tabs become spaces (inline math must not break).
std::string inlineTex(std::string_view tex);

/// \brief One paragraph in \p style, on one line. Spaces at the edges of a bold or italic run
/// stay outside its markers, as Markdown emphasis requires.
std::string renderParagraph(const lessons::Paragraph& paragraph, const MarkupStyle& style);

/// \brief Narration-style text (narration, errata, summaries) in \p style: its paragraphs
/// joined by \p separator.
std::string renderMarkup(std::string_view text, const MarkupStyle& style, std::string_view separator = "\n\n");

} // namespace stepwise::app

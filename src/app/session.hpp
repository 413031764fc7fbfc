// What the window, `stepwise render`, `stepwise export` and `stepwise docs` share: where the
// lessons live, how a lesson step drives the trainer, how a screen size picks its theme, and how
// lesson markup becomes Markdown or a Doxygen page.
#pragma once

#include "lessons/lesson_parser.hpp"
#include "lessons/lesson_player.hpp"
#include "training/trainer.hpp"
#include "views/theme.hpp"

#include <SFML/System/Vector2.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stepwise::app {

/// \brief The lesson folder of the source tree (`lessons/`).
std::filesystem::path lessonDir();

/// \brief The lesson errors as text, one line each.
std::string errorLines(const std::vector<lessons::LessonError>& errors);

/// \brief Sends \p trainer, which runs \p network, to the state the current step of \p player
/// assumes: its equation executed (step mode), or training running when \p autoplay is set
/// (live mode). Any thread.
void syncTrainer(const lessons::LessonPlayer& player, const core::NetworkConfig& network, training::Trainer& trainer,
                 bool autoplay);

/// \brief Parses "WxH" between 320×240 and 8192×8192; nothing for anything else.
std::optional<sf::Vector2u> parseSize(const std::string& text);

/// \brief The theme for a target of \p size px: the projector theme when \p present, else the
/// dark theme with text scaled to the height (body 18 px at 1080 lines, never below 15 px).
views::Theme themeFor(bool present, sf::Vector2u size);

/// \brief The sample column j a step follows: the column of its last cell highlight on a tensor
/// with one column per sample in \p network, as the catalogue says (`Z1[3, 5]` → 5; `W1[3, 5]`
/// does not count), else 0. The letter `j` in a highlight means this column.
int focusColumn(const lessons::LessonStep& step, const core::NetworkConfig& network);

/// \brief Deletes the regular files in \p dir whose names start with \p prefix and end in
/// \p extension (".png"), so a shorter re-export leaves nothing stale. Never throws.
void removeFiles(const std::filesystem::path& dir, std::string_view prefix, std::string_view extension);

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

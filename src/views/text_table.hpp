// TextTable: a small table of text (a line above, column headings, rows, a line below) drawn in
// aligned columns, with the type shrunk and the rows flowed into side-by-side columns until it
// fits its panel. The lesson view's live checks (the gradient check, the paper comparison) and
// the shapes of the equations use it, so a short presenter panel shows all of them.
#pragma once

#include "views/theme.hpp"

#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderTarget.hpp>

#include <optional>
#include <string>
#include <vector>

namespace stepwise::views {

/// \brief What a text table says.
struct TextTable {
    std::string intro;                                   ///< wrapped above the table; may be empty
    std::vector<std::string> header;                     ///< column headings; may be empty
    std::vector<std::vector<std::string>> rows;          ///< the cells, row by row
    /// \brief Shorter rows used when \p rows cannot fit at the smallest size (same count or fewer
    /// columns); empty when there is no shorter form.
    std::vector<std::vector<std::string>> compactRows;
    std::vector<std::string> compactHeader; ///< headings over the compact rows; empty: header
    std::optional<std::string> compactIntro;  ///< the line above with the compact rows; none: intro
    std::optional<std::string> compactFooter; ///< the line below with the compact rows; none: footer
    /// \brief Whether the compact rows are tried under the full intro and footer before the short
    /// ones (false when the compact rows repeat what the intro says).
    bool compactKeepsIntro = true;
    std::string footer;                                  ///< wrapped below the table; may be empty
    int emphasisRow = -1;                                ///< a row drawn in the highlight colour
    int compactEmphasisRow = -1;                         ///< the same row among the compact rows

    /// \brief Same content (a caller keeps its layout while the table does not change).
    bool operator==(const TextTable&) const = default;
};

/// \brief How a table is laid out in a given size.
struct TableFit {
    float scale = 1.f;    ///< type size as a fraction of the theme's body size
    bool compact = false; ///< the compact rows are used
    bool shortText = false; ///< the compact intro and footer are used
    int flows = 1;        ///< side-by-side runs of rows, up to 4 (the header repeats over each)
    bool fits = false;    ///< everything fits; when false the rows that do not fit are left off
    std::size_t shownRows = 0; ///< the rows drawn (the first ones); all of them when it fits
    bool emphasisShown = true; ///< the emphasised row, if there is one, is among them
    bool cellsWhole = true;    ///< every column fits across; when false the last ones are cut with "…"
    float width = 0.f;    ///< the width the layout takes, px
    float height = 0.f;   ///< the height the layout takes, px
};

/// \brief The type never shrinks below this fraction of the body size (the lesson view's diagrams
/// use the same floor).
inline constexpr float kSmallestTableScale = 0.75f;

/// \brief The largest layout of \p table that fits \p size: the full rows at the largest type
/// first, then more flows, then smaller type (down to kSmallestTableScale); then the same for the
/// compact rows under the full intro and footer, then with the compact ones.
/// UI thread only (measures text).
[[nodiscard]] TableFit fitTable(const TextTable& table, sf::Vector2f size, const Theme& theme);

/// \brief Draws \p table inside \p rect (its top-left corner) as \p fit lays it out, by default
/// fitTable's layout for that rect. Rows that do not fit even then are left off, and the last
/// line drawn says how many ("+ 3 more rows"). Returns the layout used. UI thread only.
TableFit drawTable(sf::RenderTarget& target, const TextTable& table, const sf::FloatRect& rect, const Theme& theme,
                   const std::optional<TableFit>& fit = std::nullopt);

} // namespace stepwise::views

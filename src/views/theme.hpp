// How every view looks: colours, font sizes and paddings (Theme), plus the few text helpers
// all views share so numbers read alike everywhere (4 significant digits, real minus sign).
// Sections: Theme, number formatting, text drawing.
// Thread: Theme and the formatting functions are plain values, callable anywhere; the text
// drawing helpers touch SFML objects and are UI-thread only.
#pragma once

#include <SFML/Graphics/Color.hpp>
#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <SFML/Graphics/Text.hpp>
#include <SFML/Graphics/VertexArray.hpp>
#include <SFML/System/String.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace stepwise::views {

// ---------------------------------------------------------------- Theme

/// \brief Colours, font sizes (pixels) and paddings (pixels) shared by all views.
///
/// A plain value: the app may copy one of the presets and change fields (for example scale
/// every size for presenter mode). Views read it at draw time and never keep a reference.
struct Theme {
    sf::Color background;  ///< window background
    sf::Color panel;       ///< background of a view's rectangle
    sf::Color panelBorder; ///< thin frame around panels, badges and legends
    sf::Color text;        ///< main text
    sf::Color mutedText;   ///< secondary text: axis ticks, captions, shape badges
    sf::Color accent;      ///< emphasis that is not an alarm: the prediction, the active neuron
    sf::Color highlight;   ///< outlines of highlighted cells, rows and columns
    sf::Color mistake;     ///< wrong predictions (always paired with a mark, never colour alone)
    sf::Color grid;        ///< axis and grid lines
    std::array<sf::Color, 4> series; ///< line colours of plots, colour-blind safe (Okabe–Ito)

    unsigned bodySize = 18;     ///< body text, values, tooltips (px)
    unsigned titleSize = 24;    ///< view titles (px)
    unsigned smallSize = 15;    ///< tick labels, captions, badges (px)
    unsigned equationSize = 26; ///< typeset equations and the dot-product sum line (px)

    float padding = 12.f;       ///< inset of a view's content from its rectangle (px)
    float gap = 8.f;            ///< space between neighbouring elements inside a view (px)
    float lineWidth = 2.f;      ///< plot lines, highlight outlines (px)

    /// \brief Dark theme for a monitor: body text 18 px at 1920 × 1080.
    static Theme dark();
    /// \brief Light, high-contrast theme for a projector: larger text (body 30 px, a line box of at least 28 px).
    static Theme projector();
    /// \brief This theme with every font size, padding, gap and line width times \p factor
    /// (presenter mode on a large screen: Theme::dark().scaled(1.6f) gives body text 29 px).
    [[nodiscard]] Theme scaled(float factor) const;
};

// ---------------------------------------------------------------- number formatting

/// \brief Formats \p value with \p significant significant digits as UTF-8 text.
///
/// Uses the real minus sign U+2212, drops trailing zeros ("0.5", not "0.5000"), switches to
/// "1.234e−5" outside 10⁻³ … 10⁵, and writes "NaN", "∞" or "−∞" for non-finite values.
std::string formatValue(double value, int significant = 4);

/// \brief Formats \p value with \p decimals digits after the point (UTF-8, real minus sign,
/// "0" instead of "−0.000"). Used where numbers of one table should line up.
std::string formatFixed(double value, int decimals);

/// \brief Decimals that give \p significant significant digits to numbers as large as \p limit
/// (limit 0.5 and 3 digits → 3 decimals: "0.489", "−0.007").
int decimalsFor(double limit, int significant);

/// \brief Formats a count with thousands separators as UTF-8 ("41,000", "−7").
std::string formatCount(long long count);

/// \brief Formats a fraction 0…1 as a percentage with one decimal ("85.3 %").
std::string formatPercent(double fraction, int decimals = 1);

/// \brief Snaps an image size to a whole multiple of \p pixels (28 for digits) when that loses
/// less than 15 %, so every image pixel gets the same number of screen pixels; else rounds.
float snapImageSize(float size, int pixels);

/// \brief Converts UTF-8 text to the string type sf::Text draws.
sf::String toSfString(std::string_view utf8);

// ---------------------------------------------------------------- text drawing (UI thread)

/// \brief Which face of DejaVu Sans a piece of text uses.
enum class FontRole {
    Ui,     ///< DejaVu Sans
    UiBold, ///< DejaVu Sans Bold
    Mono    ///< DejaVu Sans Mono
};

/// \brief The font for \p role, loaded once. UI thread only.
const sf::Font& viewFont(FontRole role);

/// \brief Horizontal anchor of placed text.
enum class HAlign { Left, Center, Right };
/// \brief Vertical anchor of placed text: the top of capitals, their middle, or the baseline's
/// descender line (bottom of the line box).
enum class VAlign { Top, Center, Bottom };

/// \brief A text object for \p utf8 at \p size px in \p color. UI thread only.
sf::Text makeText(std::string_view utf8, unsigned size, sf::Color color, FontRole role = FontRole::Ui);

/// \brief Width in pixels of \p utf8 at \p size px (advance width, not ink). UI thread only.
float textWidth(std::string_view utf8, unsigned size, FontRole role = FontRole::Ui);

/// \brief \p utf8 shortened with a trailing "…" until it is at most \p maxWidth px wide at
/// \p size px (unchanged when it fits). UI thread only.
std::string elide(std::string_view utf8, unsigned size, float maxWidth, FontRole role = FontRole::Ui);
/// \brief Greedy word wrap of one paragraph \p text into lines no wider than \p width px at
/// \p size; past \p maxLines lines the last one is elided with "…".
std::vector<std::string> wrapText(const std::string& text, unsigned size, float width, FontRole role = FontRole::Ui,
                                  int maxLines = 1000);

/// \brief Height of one line box at \p size px: ascent of capitals plus descent. UI thread only.
///
/// Placing text with VAlign::Top at y makes it occupy y … y + lineHeight(size).
float lineHeight(unsigned size, FontRole role = FontRole::Ui);

/// \brief Positions \p text so its line box is anchored at \p anchor. UI thread only.
void placeText(sf::Text& text, sf::Vector2f anchor, HAlign h = HAlign::Left, VAlign v = VAlign::Top);

/// \brief Makes, places and draws one line of text; returns the rectangle its line box occupies.
/// UI thread only.
sf::FloatRect drawText(sf::RenderTarget& target, std::string_view utf8, sf::Vector2f anchor, unsigned size,
                       sf::Color color, HAlign h = HAlign::Left, VAlign v = VAlign::Top,
                       FontRole role = FontRole::Ui);

/// \brief Fills \p rect with \p fill and frames it inside with \p outline of \p thickness px.
/// UI thread only.
void drawBox(sf::RenderTarget& target, const sf::FloatRect& rect, sf::Color fill, sf::Color outline = sf::Color::Transparent,
             float thickness = 0.f);

/// \brief Draws \p utf8 in a framed box below right of \p pointer, flipped to the other side
/// where it would leave the target's view. UI thread only.
void drawTooltip(sf::RenderTarget& target, const Theme& theme, std::string_view utf8, sf::Vector2f pointer);

/// \brief Appends \p rect as two triangles of colour \p color to \p triangles (primitive
/// sf::Triangles), so many rectangles draw in one call.
void appendRect(sf::VertexArray& triangles, const sf::FloatRect& rect, sf::Color color);

/// \brief Appends a straight line from \p a to \p b, \p thickness px wide, as two triangles.
void appendLine(sf::VertexArray& triangles, sf::Vector2f a, sf::Vector2f b, float thickness, sf::Color color);

/// \brief \p color with its alpha set to \p alpha.
sf::Color withAlpha(sf::Color color, std::uint8_t alpha);

/// \brief Black or white, whichever reads better on \p background (by relative luminance).
sf::Color readableOn(sf::Color background);

} // namespace stepwise::views

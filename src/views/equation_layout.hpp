// Typesetting of the paper's equations: a TeX-like layout (The TeXbook, appendix G, simplified)
// of the math lists stepwise::tex parses, placing glyph runs and rules and finding each symbol's
// rectangle and tensor name. Sections: faces and styles, glyph metrics, layout.
#pragma once

#include "tex/math_list.hpp"

#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/Rect.hpp>
#include <SFML/System/Vector2.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace stepwise::views {

class FontSet;

// ---------------------------------------------------------------- faces and styles

/// \brief The font that draws \p face: Roman → FontSet::mathRegular(); Italic and Symbols →
/// FontSet::mathSymbols(). Variables use the maths italic alphabet of Latin Modern Math (TeX's
/// cmmi, with maths side bearings) rather than the text italic (cmti), whose W and Y lean into
/// their neighbours. Thread: UI thread only, as the FontSet.
[[nodiscard]] const sf::Font& mathFont(const FontSet& fonts, tex::MathFace face);

/// \brief The code points drawn for \p text in \p face: Italic letters map to the Unicode
/// maths italic alphabet (A → U+1D434, a → U+1D44E, h → U+210E); everything else is unchanged.
[[nodiscard]] std::u32string drawnText(tex::MathFace face, std::u32string_view text);

/// \brief TeX's math styles, which set the size: display and text 1×, script 0.7×, scriptscript 0.5×.
enum class MathStyle { Display, Text, Script, ScriptScript };

// ---------------------------------------------------------------- glyph metrics

/// \brief Size and ink of one glyph at one character size, in pixels.
struct GlyphInfo {
    float advance = 0;     ///< pen advance
    sf::FloatRect bounds;  ///< ink box relative to the pen on the baseline, y down (top < 0)
};

/// \brief Where the layout gets glyph sizes from: the real fonts, or a fake in tests.
class GlyphMetrics {
public:
    virtual ~GlyphMetrics() = default;
    /// \brief Metrics of \p codepoint in \p face at \p characterSize pixels per em.
    [[nodiscard]] virtual GlyphInfo glyph(tex::MathFace face, char32_t codepoint, unsigned characterSize) const = 0;
    /// \brief Kerning between \p first and \p second, in pixels (added to the advance of \p first).
    [[nodiscard]] virtual float kerning(tex::MathFace face, char32_t first, char32_t second,
                                        unsigned characterSize) const = 0;
};

/// \brief GlyphMetrics read from the fonts of a FontSet (as sf::Text will draw them).
///
/// Thread: UI thread only (sf::Font loads glyphs into a texture, which needs the GL context).
class FontSetMetrics final : public GlyphMetrics {
public:
    /// \brief Metrics from \p fonts, which must outlive this object.
    explicit FontSetMetrics(const FontSet& fonts) : m_fonts(&fonts) {}
    /// \copydoc GlyphMetrics::glyph
    [[nodiscard]] GlyphInfo glyph(tex::MathFace face, char32_t codepoint, unsigned characterSize) const override;
    /// \copydoc GlyphMetrics::kerning
    [[nodiscard]] float kerning(tex::MathFace face, char32_t first, char32_t second,
                                unsigned characterSize) const override;

private:
    const FontSet* m_fonts;
};

// ---------------------------------------------------------------- layout

/// \brief A run of glyphs placed by the layout, drawn as one sf::Text.
struct PlacedGlyphs {
    tex::MathFace face = tex::MathFace::Roman; ///< which font
    std::u32string text;             ///< the characters
    unsigned characterSize = 0;      ///< pixels per em
    sf::Vector2f origin;             ///< pen position on the baseline, layout coordinates
    float scaleY = 1;                ///< vertical stretch (tall \\left( \\right) delimiters), about origin
};

/// \brief A symbol (letter group with its scripts) placed by the layout.
struct PlacedSymbol {
    std::string name;   ///< tensor name ("W1", "dZ2", "A0") or "" (m, j, α)
    std::string source; ///< the TeX of the symbol, e.g. "A^{1\\top}"
    sf::FloatRect rect; ///< box of nucleus and scripts, layout coordinates
    int depth = 0;      ///< 0 on the main line; 1 and more inside fractions, scripts, limits
};

/// \brief A typeset equation. Layout coordinates: x right from the left end, y down from the
/// baseline (so ink above the baseline has y < 0), in pixels.
struct EquationLayout {
    std::vector<PlacedGlyphs> glyphs;  ///< glyph runs, in reading order
    std::vector<sf::FloatRect> rules;  ///< filled rectangles: fraction bars
    std::vector<PlacedSymbol> symbols; ///< every symbol, in reading order (outer before nested)
    float width = 0;                   ///< advance width
    float ascent = 0;                  ///< extent above the baseline (≥ 0)
    float descent = 0;                 ///< extent below the baseline (≥ 0)
    float em = 0;                      ///< the em (font size) it was set at

    /// \brief The logical box: (0, −ascent) to (width, descent).
    [[nodiscard]] sf::FloatRect bounds() const { return {0.f, -ascent, width, ascent + descent}; }
    /// \brief Non-empty tensor names of the symbols, in reading order (repeats kept).
    [[nodiscard]] std::vector<std::string> symbolNames() const;
};

/// \brief Typesets \p list at \p emPixels pixels per em in \p style, TeX-like: scripts at 0.7×
/// raised/lowered from the baseline, fractions centred on the maths axis, Σ 1.4× with limits
/// below in display style, TeX's thin/medium/thick spaces between atom classes.
/// Thread: that of \p metrics (UI thread for FontSetMetrics).
[[nodiscard]] EquationLayout layoutEquation(const tex::MathList& list, const GlyphMetrics& metrics, float emPixels,
                                            MathStyle style = MathStyle::Display);

/// \brief Parses and typesets \p tex; see tex::parseEquation() and the overload above.
/// \throws tex::EquationParseError when \p tex is not in the subset.
[[nodiscard]] EquationLayout layoutEquation(std::string_view tex, const GlyphMetrics& metrics, float emPixels,
                                            MathStyle style = MathStyle::Display);

} // namespace stepwise::views

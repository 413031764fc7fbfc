// Typesetting of the paper's equations: a parser for a small TeX subset that builds a list of
// math atoms, and a TeX-like layout (The TeXbook, appendix G, simplified) that places glyph
// runs and rules and finds each symbol's rectangle and tensor name.
// Sections: parse tree, parser, glyph metrics, layout.
#pragma once

#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/Rect.hpp>
#include <SFML/System/Vector2.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace stepwise::views {

class FontSet;

// ---------------------------------------------------------------- parse tree

/// \brief Which maths face a glyph run uses; mathFont() and drawnText() say how it is drawn.
enum class MathFace {
    Roman,  ///< Latin Modern Roman: digits, parentheses, upright words (ReLU, log, max)
    Italic, ///< maths italic variables (W, dZ, m), held as ASCII letters
    Symbols ///< Latin Modern Math: operators, relations, Greek, Σ, ⊙, ⊤, ′
};

/// \brief The font that draws \p face: Roman → FontSet::mathRegular(); Italic and Symbols →
/// FontSet::mathSymbols(). Variables use the maths italic alphabet of Latin Modern Math (TeX's
/// cmmi, with maths side bearings) rather than the text italic (cmti), whose W and Y lean into
/// their neighbours. Thread: UI thread only, as the FontSet.
[[nodiscard]] const sf::Font& mathFont(const FontSet& fonts, MathFace face);

/// \brief The code points drawn for \p text in \p face: Italic letters map to the Unicode
/// maths italic alphabet (A → U+1D434, a → U+1D44E, h → U+210E); everything else is unchanged.
[[nodiscard]] std::u32string drawnText(MathFace face, std::u32string_view text);

/// \brief TeX's atom classes; they decide the space between neighbours (TeXbook p. 170).
enum class AtomClass {
    Ord,   ///< ordinary: letters, digits, fractions, groups
    Op,    ///< large operator or function name: Σ, max, log
    Bin,   ///< binary operator: + − ⊙ ·
    Rel,   ///< relation: = := ←
    Open,  ///< opening delimiter: ( [
    Close, ///< closing delimiter: ) ]
    Punct, ///< punctuation: ,
    Inner  ///< \\left … \\right group
};

/// \brief What an atom's nucleus is.
enum class AtomKind {
    Glyphs,   ///< a run of characters in one face (a letter group, a number, an operator)
    Space,    ///< explicit space such as \\, (no nucleus, no scripts)
    Fraction, ///< \\frac{numerator}{denominator}
    Group     ///< {…} or \\left( … \\right): a sublist laid out as one box
};

/// \brief TeX's math styles, which set the size: display and text 1×, script 0.7×, scriptscript 0.5×.
enum class MathStyle { Display, Text, Script, ScriptScript };

struct MathAtom;
/// \brief A horizontal list of atoms, as TeX's math lists.
using MathList = std::vector<MathAtom>;

/// \brief One atom of a math list: a nucleus with optional superscript, subscript and primes.
struct MathAtom {
    AtomKind kind = AtomKind::Glyphs;    ///< what the nucleus is
    AtomClass atomClass = AtomClass::Ord; ///< spacing class
    MathFace face = MathFace::Roman;     ///< face of a Glyphs nucleus
    std::u32string glyphs;               ///< characters of a Glyphs nucleus
    MathList body;                       ///< Group content, or Fraction numerator
    MathList denominator;                ///< Fraction denominator
    MathList superscript;                ///< superscript list (valid when hasSuperscript)
    MathList subscript;                  ///< subscript list (valid when hasSubscript)
    bool hasSuperscript = false;         ///< a ^ was given
    bool hasSubscript = false;           ///< a _ was given
    int primes = 0;                      ///< number of ' after the nucleus (g′)
    bool limits = false;                 ///< Op: scripts go above/below in display style (Σ, max)
    bool large = false;                  ///< Op: use the 1.4× display size (Σ)
    bool symbol = false;                 ///< a letter group or Greek letter a reader may point at
    char32_t leftDelimiter = 0;          ///< Group from \\left: its opening delimiter (0: none)
    char32_t rightDelimiter = 0;         ///< Group from \\right: its closing delimiter (0: none)
    float spaceMu = 0;                   ///< Space: width in mu (1/18 em)
    std::string source;                  ///< the TeX this atom came from, scripts included
    std::size_t offset = 0;              ///< byte offset of source in the parsed string
};

/// \brief The tensor a symbol atom stands for, or "" when it is not a tensor.
///
/// Letters plus the digits of a numeric superscript, transpose dropped: W^{1} → "W1",
/// dZ^{2} → "dZ2", A^{1\\top} → "A1". A bare capital names itself (Y, L) except X, which is A⁰
/// ("A0"). Everything else (m, j, y, α, e^{…}, g′) gives "". Subscripts do not change the name.
[[nodiscard]] std::string tensorName(const MathAtom& atom);

// ---------------------------------------------------------------- parser

/// \brief A TeX string the parser does not accept: where, and what it expected there.
class EquationParseError : public std::runtime_error {
public:
    /// \brief Error at byte \p offset of \p tex, where \p expected was expected.
    EquationParseError(std::string_view tex, std::size_t offset, std::string expected);
    /// \brief Byte offset into the parsed string where the problem is.
    [[nodiscard]] std::size_t offset() const noexcept { return m_offset; }
    /// \brief What the parser expected at offset(), e.g. "'}' to close the group opened at 3".
    [[nodiscard]] const std::string& expected() const noexcept { return m_expected; }

private:
    std::size_t m_offset;
    std::string m_expected;
};

/// \brief Parses \p tex (the subset the equation view typesets) into a math list.
///
/// Accepted: letters (italic; a run such as dW is one symbol), numbers (upright), ^ and _ with a
/// braced group or one character or command, ' (prime), \\frac{a}{b}, \\sum, \\max, \\log,
/// \\exp, \\tanh, \\mathrm{…}, Greek (\\alpha …), \\odot, \\cdot, \\times, \\top, \\leftarrow,
/// \\, \\: \\; \\! \\quad, := = + - (a real minus), ( ) [ ] , : and \\left( … \\right).
/// Spaces only separate letter groups. Thread: any.
/// \throws EquationParseError with the offset and what was expected.
[[nodiscard]] MathList parseEquation(std::string_view tex);

/// \brief The commands parseEquation() knows, without the backslash ("frac", "alpha", …).
[[nodiscard]] std::vector<std::string> supportedCommands();

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
    [[nodiscard]] virtual GlyphInfo glyph(MathFace face, char32_t codepoint, unsigned characterSize) const = 0;
    /// \brief Kerning between \p first and \p second, in pixels (added to the advance of \p first).
    [[nodiscard]] virtual float kerning(MathFace face, char32_t first, char32_t second,
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
    [[nodiscard]] GlyphInfo glyph(MathFace face, char32_t codepoint, unsigned characterSize) const override;
    /// \copydoc GlyphMetrics::kerning
    [[nodiscard]] float kerning(MathFace face, char32_t first, char32_t second,
                                unsigned characterSize) const override;

private:
    const FontSet* m_fonts;
};

// ---------------------------------------------------------------- layout

/// \brief A run of glyphs placed by the layout, drawn as one sf::Text.
struct PlacedGlyphs {
    MathFace face = MathFace::Roman; ///< which font
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
[[nodiscard]] EquationLayout layoutEquation(const MathList& list, const GlyphMetrics& metrics, float emPixels,
                                            MathStyle style = MathStyle::Display);

/// \brief Parses and typesets \p tex; see parseEquation() and the overload above.
/// \throws EquationParseError when \p tex is not in the subset.
[[nodiscard]] EquationLayout layoutEquation(std::string_view tex, const GlyphMetrics& metrics, float emPixels,
                                            MathStyle style = MathStyle::Display);

} // namespace stepwise::views

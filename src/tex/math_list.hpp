// The parse tree of the TeX subset: math lists of atoms, as TeX's own (The TeXbook, ch. 17),
// with the face and spacing class each atom will be typeset in, and the tensor a symbol names.
// Plain values, no fonts: views lays them out, lessons only checks that they parse.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace stepwise::tex {

/// \brief Which maths face a glyph run uses; the equation layout says which font draws it.
enum class MathFace {
    Roman,  ///< upright: digits, parentheses, upright words (ReLU, log, max)
    Italic, ///< maths italic variables (W, dZ, m), held as ASCII letters
    Symbols ///< the maths symbol font: operators, relations, Greek, Σ, ⊙, ⊤, ′
};

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
/// Any thread.
[[nodiscard]] std::string tensorName(const MathAtom& atom);

} // namespace stepwise::tex

// The TeX-like layout of the equation view, over the math lists of stepwise::tex.
// Parameters follow plain TeX's fonts (cmsy10/cmex10, in em): they are what makes the result
// look like the paper. Sections: font metrics, layout.
#include "views/equation_layout.hpp"

#include "tex/parser.hpp"
#include "views/fonts.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace stepwise::views {

using tex::AtomClass;
using tex::AtomKind;
using tex::MathAtom;
using tex::MathFace;
using tex::MathList;

// ---------------------------------------------------------------- font metrics

const sf::Font& mathFont(const FontSet& fonts, MathFace face) {
    return face == MathFace::Roman ? fonts.mathRegular() : fonts.mathSymbols();
}

namespace {
char32_t drawnCodepoint(MathFace face, char32_t c) {
    if (face != MathFace::Italic) return c;
    if (c >= U'A' && c <= U'Z') return 0x1D434 + (c - U'A');
    if (c == U'h') return 0x210E; // the maths italic h lives in Letterlike Symbols
    if (c >= U'a' && c <= U'z') return 0x1D44E + (c - U'a');
    return c;
}
} // namespace

std::u32string drawnText(MathFace face, std::u32string_view text) {
    std::u32string out(text);
    for (char32_t& c : out) c = drawnCodepoint(face, c);
    return out;
}

GlyphInfo FontSetMetrics::glyph(MathFace face, char32_t codepoint, unsigned characterSize) const {
    const sf::Glyph& g = mathFont(*m_fonts, face).getGlyph(drawnCodepoint(face, codepoint), characterSize, false);
    return {g.advance, g.bounds};
}

float FontSetMetrics::kerning(MathFace face, char32_t first, char32_t second, unsigned characterSize) const {
    return mathFont(*m_fonts, face).getKerning(drawnCodepoint(face, first), drawnCodepoint(face, second), characterSize);
}

// ---------------------------------------------------------------- layout

std::vector<std::string> EquationLayout::symbolNames() const {
    std::vector<std::string> names;
    for (const PlacedSymbol& s : symbols)
        if (!s.name.empty()) names.push_back(s.name);
    return names;
}

namespace {

// Plain TeX's parameters, in em of the current style (cmsy10 σ and cmex10 ξ).
constexpr float supShiftDisplay = 0.413f; // σ13 sup1
constexpr float supShiftOther = 0.363f;   // σ14 sup2
constexpr float supShiftCramped = 0.289f; // σ15 sup3
constexpr float subShiftAlone = 0.150f;   // σ16 sub1
constexpr float subShiftWithSup = 0.247f; // σ17 sub2
constexpr float supDrop = 0.386f;         // σ18, in em of the script style
constexpr float subDrop = 0.050f;         // σ19, in em of the script style
constexpr float numShiftDisplay = 0.677f; // σ8 num1
constexpr float numShiftText = 0.394f;    // σ9 num2
constexpr float denShiftDisplay = 0.686f; // σ11 denom1
constexpr float denShiftText = 0.345f;    // σ12 denom2
constexpr float ruleThicknessEm = 0.04f;  // ξ8
constexpr float bigOpSpacing1 = 0.111f;   // ξ9
constexpr float bigOpSpacing2 = 0.167f;   // ξ10
constexpr float bigOpSpacing3 = 0.200f;   // ξ11
constexpr float bigOpSpacing4 = 0.600f;   // ξ12
constexpr float bigOpSpacing5 = 0.100f;   // ξ13
constexpr float scriptSpace = 0.05f;      // \scriptspace = 0.5pt
constexpr float nullDelimiterSpace = 0.12f; // \nulldelimiterspace = 1.2pt, each side of a fraction
constexpr float largeOperatorScale = 1.4f;  // display Σ

struct Box {
    float width = 0, height = 0, depth = 0;
    float italicCorrection = 0;
    std::vector<PlacedGlyphs> glyphs;
    std::vector<sf::FloatRect> rules;
    std::vector<PlacedSymbol> symbols;

    /// Copies \p other's content with its origin at (dx, dy) of this box (sizes not updated).
    void place(const Box& other, float dx, float dy, int depthIncrease = 0) {
        for (PlacedGlyphs g : other.glyphs) {
            g.origin += {dx, dy};
            glyphs.push_back(std::move(g));
        }
        for (sf::FloatRect r : other.rules) {
            r.left += dx;
            r.top += dy;
            rules.push_back(r);
        }
        for (PlacedSymbol s : other.symbols) {
            s.rect.left += dx;
            s.rect.top += dy;
            s.depth += depthIncrease;
            symbols.push_back(std::move(s));
        }
    }
    /// Grows height/depth to cover \p other placed at vertical offset dy.
    void cover(const Box& other, float dy) {
        height = std::max(height, other.height - dy);
        depth = std::max(depth, other.depth + dy);
    }
};

MathStyle scriptStyle(MathStyle s) {
    return (s == MathStyle::Display || s == MathStyle::Text) ? MathStyle::Script : MathStyle::ScriptScript;
}
MathStyle fractionStyle(MathStyle s) {
    switch (s) {
    case MathStyle::Display: return MathStyle::Text;
    case MathStyle::Text: return MathStyle::Script;
    default: return MathStyle::ScriptScript;
    }
}
bool isScriptStyle(MathStyle s) { return s == MathStyle::Script || s == MathStyle::ScriptScript; }

// TeX's inter-atom spacing (TeXbook p. 170): 0 none, 1 thin, 2 medium, 3 thick; +10 means
// "only in display and text style".
constexpr std::array<std::array<int, 8>, 8> spacingTable{{
    //        Ord Op  Bin Rel Open Close Punct Inner
    /*Ord*/ {{0, 1, 12, 13, 0, 0, 0, 11}},
    /*Op*/ {{1, 1, 0, 13, 0, 0, 0, 11}},
    /*Bin*/ {{12, 12, 0, 0, 12, 0, 0, 12}},
    /*Rel*/ {{13, 13, 0, 0, 13, 0, 0, 13}},
    /*Open*/ {{0, 0, 0, 0, 0, 0, 0, 0}},
    /*Close*/ {{0, 1, 12, 13, 0, 0, 0, 11}},
    /*Punct*/ {{11, 11, 0, 11, 11, 11, 11, 11}},
    /*Inner*/ {{11, 1, 12, 13, 11, 0, 11, 11}},
}};

class Layouter {
public:
    Layouter(const GlyphMetrics& metrics, float em) : m_metrics(metrics), m_em(em) {}

    /// \p cramped: TeX's cramped styles (denominators, subscripts) raise superscripts less.
    Box list(const MathList& atoms, MathStyle style, bool cramped, int depth) {
        // Effective classes: a Bin with nothing to combine on its left (or a relation, closing
        // delimiter or punctuation on its right) is an Ord, TeX rules 5 and 6: "-\frac{1}{m}".
        std::vector<AtomClass> classes(atoms.size());
        std::optional<std::size_t> previous;
        for (std::size_t i = 0; i < atoms.size(); ++i) {
            if (atoms[i].kind == AtomKind::Space) continue;
            AtomClass cls = atoms[i].atomClass;
            if (cls == AtomClass::Bin) {
                if (!previous) cls = AtomClass::Ord;
                else {
                    const AtomClass p = classes[*previous];
                    if (p == AtomClass::Bin || p == AtomClass::Op || p == AtomClass::Rel || p == AtomClass::Open ||
                        p == AtomClass::Punct)
                        cls = AtomClass::Ord;
                }
            }
            if ((cls == AtomClass::Rel || cls == AtomClass::Close || cls == AtomClass::Punct) && previous &&
                classes[*previous] == AtomClass::Bin)
                classes[*previous] = AtomClass::Ord;
            classes[i] = cls;
            previous = i;
        }
        if (previous && classes[*previous] == AtomClass::Bin) classes[*previous] = AtomClass::Ord;

        Box out;
        float x = 0;
        std::optional<AtomClass> prevClass;
        for (std::size_t i = 0; i < atoms.size(); ++i) {
            const MathAtom& atom = atoms[i];
            if (atom.kind == AtomKind::Space) {
                x += atom.spaceMu * mu(style);
                continue;
            }
            if (prevClass) x += interAtomSpace(*prevClass, classes[i], style);
            Box b = atomBox(atom, style, cramped, depth);
            out.place(b, x, 0);
            out.cover(b, 0);
            x += b.width;
            out.italicCorrection = b.italicCorrection;
            prevClass = classes[i];
        }
        out.width = std::max(x, 0.f);
        return out;
    }

private:
    float em(MathStyle s) const {
        switch (s) {
        case MathStyle::Script: return m_em * 0.7f;
        case MathStyle::ScriptScript: return m_em * 0.5f;
        default: return m_em;
        }
    }
    float mu(MathStyle s) const { return em(s) / 18.f; }
    unsigned characterSize(MathStyle s, float scale = 1.f) const {
        return static_cast<unsigned>(std::max(1L, std::lround(em(s) * scale)));
    }
    float ruleThickness() const { return ruleThicknessEm * m_em; }
    float xHeight(MathStyle s) const {
        const GlyphInfo g = m_metrics.glyph(MathFace::Italic, U'x', characterSize(s));
        return g.bounds.height > 0 ? -g.bounds.top : 0.431f * em(s);
    }
    /// Height of the maths axis (centre of the minus sign) above the baseline.
    float axis(MathStyle s) const {
        const GlyphInfo g = m_metrics.glyph(MathFace::Symbols, U'\u2212', characterSize(s));
        return g.bounds.height > 0 ? -(g.bounds.top + g.bounds.height / 2) : 0.25f * em(s);
    }
    float interAtomSpace(AtomClass left, AtomClass right, MathStyle style) const {
        int code = spacingTable[static_cast<std::size_t>(left)][static_cast<std::size_t>(right)];
        if (code >= 10) {
            if (isScriptStyle(style)) return 0;
            code -= 10;
        }
        static constexpr std::array<float, 4> muOf{0, 3, 4, 5};
        return muOf[static_cast<std::size_t>(code)] * mu(style);
    }

    Box glyphRun(MathFace face, const std::u32string& text, unsigned size) const {
        Box b;
        float x = 0, top = 0, bottom = 0, lastInkRight = 0;
        char32_t prev = 0;
        for (char32_t c : text) {
            if (prev) x += m_metrics.kerning(face, prev, c, size);
            const GlyphInfo g = m_metrics.glyph(face, c, size);
            if (g.bounds.width > 0 && g.bounds.height > 0) {
                top = std::min(top, g.bounds.top);
                bottom = std::max(bottom, g.bounds.top + g.bounds.height);
            }
            lastInkRight = x + g.bounds.left + g.bounds.width;
            x += g.advance;
            prev = c;
        }
        b.width = x;
        b.height = -top;
        b.depth = bottom;
        if (face == MathFace::Italic || (face == MathFace::Symbols && text.size() == 1 && text[0] >= 0x1D400))
            b.italicCorrection = std::max(0.f, lastInkRight - x);
        if (!text.empty()) b.glyphs.push_back({face, text, size, {0.f, 0.f}, 1.f});
        return b;
    }

    /// := as mathtools' \\coloneqq: the colon centred on the maths axis, then 1.2 mu closer to =.
    Box colonEquals(MathStyle style) const {
        const unsigned size = characterSize(style);
        Box colon = centredOnAxis(glyphRun(MathFace::Symbols, U":", size), style);
        const Box equals = glyphRun(MathFace::Symbols, U"=", size);
        const float x = colon.width - 1.2f * mu(style);
        colon.place(equals, x, 0);
        colon.cover(equals, 0);
        colon.width = x + equals.width;
        return colon;
    }

    /// A glyph in Symbols centred on the maths axis: Σ.
    Box centredOnAxis(Box b, MathStyle style) const {
        const float shift = (b.height - b.depth) / 2 - axis(style);
        for (PlacedGlyphs& g : b.glyphs) g.origin.y += shift;
        b.height -= shift;
        b.depth += shift;
        return b;
    }

    Box atomBox(const MathAtom& atom, MathStyle style, bool cramped, int depth) {
        Box nucleus;
        bool characterNucleus = false; // TeX's "nucleus is a character": scripts from fixed shifts
        switch (atom.kind) {
        case AtomKind::Glyphs: {
            if (atom.glyphs == U":=") {
                nucleus = colonEquals(style);
                break;
            }
            const bool big = atom.large && style == MathStyle::Display;
            nucleus = glyphRun(atom.face, atom.glyphs, characterSize(style, big ? largeOperatorScale : 1.f));
            if (atom.atomClass == AtomClass::Op && atom.face == MathFace::Symbols)
                nucleus = centredOnAxis(std::move(nucleus), style);
            else
                characterNucleus = atom.atomClass != AtomClass::Op && !atom.glyphs.empty();
            break;
        }
        case AtomKind::Fraction: nucleus = fraction(atom, style, cramped, depth); break;
        case AtomKind::Group: nucleus = group(atom, style, cramped, depth); break;
        case AtomKind::Space: break;
        }

        if (atom.primes > 0) {
            // ′ in Latin Modern Math is drawn at superscript height already (as unicode-math uses it).
            const Box prime = glyphRun(MathFace::Symbols, std::u32string(static_cast<std::size_t>(atom.primes), U'\u2032'),
                                       characterSize(style));
            const float x = nucleus.width + nucleus.italicCorrection;
            nucleus.place(prime, x, 0);
            nucleus.cover(prime, 0);
            nucleus.width = x + prime.width;
            nucleus.italicCorrection = 0;
        }

        Box out;
        if (atom.atomClass == AtomClass::Op && atom.limits && style == MathStyle::Display &&
            (atom.hasSuperscript || atom.hasSubscript)) {
            out = limits(atom, std::move(nucleus), style, cramped, depth);
        } else if (atom.hasSuperscript || atom.hasSubscript) {
            out = scripts(atom, std::move(nucleus), characterNucleus, style, cramped, depth);
        } else {
            // TeX rule 17: without scripts a character keeps its italic correction, so Y's arm
            // does not run into a following ⊙ or parenthesis.
            out = std::move(nucleus);
            out.width += out.italicCorrection;
            out.italicCorrection = 0;
        }

        if (atom.symbol) {
            PlacedSymbol s;
            s.name = tex::tensorName(atom);
            s.source = atom.source;
            const float scriptPad = (atom.hasSuperscript || atom.hasSubscript) ? scriptSpace * em(style) : 0.f;
            s.rect = {0.f, -out.height, std::max(0.f, out.width - scriptPad), out.height + out.depth};
            s.depth = depth;
            out.symbols.insert(out.symbols.begin(), std::move(s));
        }
        return out;
    }

    /// TeX rule 18: superscript and subscript beside the nucleus.
    Box scripts(const MathAtom& atom, Box nucleus, bool characterNucleus, MathStyle style, bool cramped, int depth) {
        const MathStyle ss = scriptStyle(style);
        const float emS = em(ss), emC = em(style), xh = xHeight(style), theta = ruleThickness();
        float u = characterNucleus ? 0.f : nucleus.height - supDrop * emS;
        float v = characterNucleus ? 0.f : nucleus.depth + subDrop * emS;
        Box sup, sub;
        if (atom.hasSuperscript) sup = list(atom.superscript, ss, cramped, depth + 1);
        if (atom.hasSubscript) sub = list(atom.subscript, ss, true, depth + 1);

        if (!atom.hasSuperscript) {
            v = std::max({v, subShiftAlone * emC, sub.height - 0.8f * xh});
        } else {
            const float shift = cramped ? supShiftCramped : style == MathStyle::Display ? supShiftDisplay : supShiftOther;
            u = std::max({u, shift * emC, sup.depth + 0.25f * xh});
            if (atom.hasSubscript) {
                v = std::max(v, subShiftWithSup * emC);
                const float gap = (u - sup.depth) - (sub.height - v);
                if (gap < 4 * theta) v += 4 * theta - gap;
                const float psi = 0.8f * xh - (u - sup.depth);
                if (psi > 0) {
                    u += psi;
                    v -= psi;
                }
            }
        }
        Box out;
        out.place(nucleus, 0, 0);
        out.cover(nucleus, 0);
        float right = nucleus.width;
        if (atom.hasSuperscript) {
            const float x = nucleus.width + nucleus.italicCorrection;
            out.place(sup, x, -u, 0);
            out.cover(sup, -u);
            right = std::max(right, x + sup.width);
        }
        if (atom.hasSubscript) {
            out.place(sub, nucleus.width, v, 0);
            out.cover(sub, v);
            right = std::max(right, nucleus.width + sub.width);
        }
        out.width = right + scriptSpace * emC;
        return out;
    }

    /// TeX rule 13a: limits centred above and below a display operator.
    Box limits(const MathAtom& atom, Box nucleus, MathStyle style, bool cramped, int depth) {
        const MathStyle ss = scriptStyle(style);
        const float emC = em(style);
        Box sup, sub;
        if (atom.hasSuperscript) sup = list(atom.superscript, ss, cramped, depth + 1);
        if (atom.hasSubscript) sub = list(atom.subscript, ss, true, depth + 1);
        const float width = std::max({nucleus.width, sup.width, sub.width});
        Box out;
        out.width = width;
        out.place(nucleus, (width - nucleus.width) / 2, 0);
        out.cover(nucleus, 0);
        if (atom.hasSuperscript) {
            const float y = -(nucleus.height + std::max(bigOpSpacing1 * emC, bigOpSpacing3 * emC - sup.depth) + sup.depth);
            out.place(sup, (width - sup.width) / 2, y);
            out.cover(sup, y);
            out.height += bigOpSpacing5 * emC;
        }
        if (atom.hasSubscript) {
            const float y = nucleus.depth + std::max(bigOpSpacing2 * emC, bigOpSpacing4 * emC - sub.height) + sub.height;
            out.place(sub, (width - sub.width) / 2, y);
            out.cover(sub, y);
            out.depth += bigOpSpacing5 * emC;
        }
        return out;
    }

    /// TeX rule 15: numerator and denominator centred over a rule on the maths axis.
    Box fraction(const MathAtom& atom, MathStyle style, bool cramped, int depth) {
        const MathStyle fs = fractionStyle(style);
        const Box num = list(atom.body, fs, cramped, depth + 1);
        const Box den = list(atom.denominator, fs, true, depth + 1);
        const float emC = em(style), a = axis(style), theta = ruleThickness();
        const bool display = style == MathStyle::Display;
        const float clearance = display ? 3 * theta : theta;
        const float u = std::max((display ? numShiftDisplay : numShiftText) * emC, a + theta / 2 + clearance + num.depth);
        const float v = std::max((display ? denShiftDisplay : denShiftText) * emC, clearance + den.height - a + theta / 2);
        const float pad = nullDelimiterSpace * emC;
        const float inner = std::max(num.width, den.width);
        Box out;
        out.width = inner + 2 * pad;
        out.place(num, pad + (inner - num.width) / 2, -u);
        out.place(den, pad + (inner - den.width) / 2, v);
        out.rules.push_back({pad, -a - theta / 2, inner, theta});
        out.height = std::max(u + num.height, a + theta / 2);
        out.depth = std::max(v + den.depth, 0.f);
        return out;
    }

    /// {…} or \left( … \right): the sublist as one box, with delimiters stretched to cover it.
    Box group(const MathAtom& atom, MathStyle style, bool cramped, int depth) {
        Box body = list(atom.body, style, cramped, depth);
        if (!atom.leftDelimiter && !atom.rightDelimiter) return body;
        const float a = axis(style);
        // TeX: delimiters cover at least 90.1% of twice the larger extent from the axis.
        const float needed = std::max(2 * std::max(body.height - a, body.depth + a) * 0.901f, em(style) * 0.5f);
        Box out;
        float x = 0;
        auto delimiter = [&](char32_t c) {
            Box d = glyphRun(MathFace::Roman, std::u32string(1, c), characterSize(style));
            const float natural = d.height + d.depth;
            if (natural > 0 && needed > natural) {
                const float s = needed / natural;
                const float centre = (d.depth - d.height) / 2; // y of the ink centre, baseline origin
                for (PlacedGlyphs& g : d.glyphs) {
                    g.scaleY = s;
                    g.origin.y = -a - centre * s;
                }
                d.height = a + needed / 2;
                d.depth = needed / 2 - a;
            }
            out.place(d, x, 0);
            out.cover(d, 0);
            x += d.width;
        };
        if (atom.leftDelimiter) delimiter(atom.leftDelimiter);
        else x += nullDelimiterSpace * em(style);
        out.place(body, x, 0);
        out.cover(body, 0);
        x += body.width;
        if (atom.rightDelimiter) delimiter(atom.rightDelimiter);
        else x += nullDelimiterSpace * em(style);
        out.width = x;
        return out;
    }

    const GlyphMetrics& m_metrics;
    float m_em;
};

} // namespace

EquationLayout layoutEquation(const MathList& list, const GlyphMetrics& metrics, float emPixels, MathStyle style) {
    Layouter layouter(metrics, emPixels);
    Box box = layouter.list(list, style, false, 0);
    EquationLayout out;
    out.glyphs = std::move(box.glyphs);
    out.rules = std::move(box.rules);
    out.symbols = std::move(box.symbols);
    out.width = box.width;
    out.ascent = std::max(0.f, box.height);
    out.descent = std::max(0.f, box.depth);
    out.em = emPixels;
    return out;
}

EquationLayout layoutEquation(std::string_view tex, const GlyphMetrics& metrics, float emPixels, MathStyle style) {
    return layoutEquation(tex::parseEquation(tex), metrics, emPixels, style);
}

} // namespace stepwise::views

// tensorName(): how a symbol of a parsed equation maps to the tensor it stands for, so the
// equation view can light up W¹ when the matrix view shows W1.
#include "tex/math_list.hpp"

#include <algorithm>
#include <cctype>

namespace stepwise::tex {

namespace {

bool isDigitAtom(const MathAtom& a) {
    return a.kind == AtomKind::Glyphs && a.face == MathFace::Roman && !a.glyphs.empty() &&
           std::all_of(a.glyphs.begin(), a.glyphs.end(), [](char32_t c) { return c >= U'0' && c <= U'9'; });
}

bool isTransposeAtom(const MathAtom& a) {
    return a.kind == AtomKind::Glyphs && a.glyphs == U"\u22A4";
}

std::string ascii(const std::u32string& s) {
    std::string out;
    for (char32_t c : s) out += c < 128 ? static_cast<char>(c) : '?';
    return out;
}

} // namespace

std::string tensorName(const MathAtom& atom) {
    if (!atom.symbol || atom.face != MathFace::Italic) return {};
    const std::string letters = ascii(atom.glyphs);
    if (atom.hasSuperscript) {
        std::string digits;
        for (const MathAtom& s : atom.superscript) {
            if (s.hasSuperscript || s.hasSubscript || s.primes) return {};
            if (isDigitAtom(s)) digits += ascii(s.glyphs);
            else if (!isTransposeAtom(s)) return {};
        }
        return digits.empty() ? std::string{} : letters + digits;
    }
    if (atom.primes == 0 && letters.size() == 1 && std::isupper(static_cast<unsigned char>(letters[0])))
        return letters == "X" ? "A0" : letters; // X is A⁰
    return {};
}

} // namespace stepwise::tex

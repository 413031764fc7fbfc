// The commands of the TeX subset (\frac, \sum, \alpha, \odot, \, …) and what each one makes:
// a glyph in some face and spacing class, a space, or a construct that takes arguments.
// Adding a command here is only right if the equation layout can typeset what it makes.
#pragma once

#include "tex/math_list.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace stepwise::tex {

/// \brief What a command produces when the parser meets it.
struct Command {
    /// \brief How the parser treats the command.
    enum class Kind {
        Glyph,  ///< one glyph atom (\\alpha, \\odot, \\sum, \\log): no arguments
        Space,  ///< an explicit space (\\, \\quad): no arguments
        Frac,   ///< \\frac: two arguments, numerator and denominator
        MathRm, ///< \\mathrm: one braced argument of plain text
        Left,   ///< \\left: a delimiter, then a list up to \\right and its delimiter
        Right   ///< \\right: only valid as the end of a \\left group
    };
    Kind kind = Kind::Glyph;              ///< how it is parsed
    AtomClass atomClass = AtomClass::Ord; ///< spacing class of a Glyph atom
    MathFace face = MathFace::Symbols;    ///< face of a Glyph atom
    std::u32string glyphs;                ///< characters of a Glyph atom
    bool limits = false;                  ///< Glyph operator with limits in display style (Σ, max)
    bool large = false;                   ///< Glyph operator drawn 1.4× in display style (Σ)
    bool symbol = false;                  ///< Glyph a reader may point at (Greek letters)
    float mu = 0;                         ///< Space: width in mu (1/18 em)
};

/// \brief The command called \p name (without the backslash), or nullptr when the subset has
/// none by that name. Any thread.
[[nodiscard]] const Command* findCommand(std::string_view name);

/// \brief The names of every command, without the backslash ("frac", "alpha", ","), sorted.
/// Any thread.
[[nodiscard]] std::vector<std::string> supportedCommands();

} // namespace stepwise::tex

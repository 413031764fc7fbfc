// parseEquation(): the TeX subset the equation view typesets → a math list, and the error it
// throws otherwise. Errors carry the byte offset into the TeX, so a caller that knows where the
// TeX came from (a lesson file) can point at the exact character.
#pragma once

#include "tex/math_list.hpp"

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace stepwise::tex {

/// \brief A TeX string the parser does not accept: where, what it expected there, and a
/// one-line message for the author.
///
/// `what()` is `equation: <message> at offset <offset> in "<tex>"`.
class EquationParseError : public std::runtime_error {
public:
    /// \brief Error at byte \p offset of \p tex, where \p expected was expected.
    /// \param tex      the whole TeX string being parsed
    /// \param offset   byte offset of the problem in \p tex (tex.size() when it is at the end)
    /// \param expected what would have been accepted there, e.g. "a subscript after '_'"
    /// \param message  the sentence for the author; empty means "expected <expected>"
    EquationParseError(std::string_view tex, std::size_t offset, std::string expected, std::string message = {});
    /// \brief Byte offset into the parsed string where the problem is (its size when at the end).
    [[nodiscard]] std::size_t offset() const noexcept { return m_offset; }
    /// \brief What the parser expected at offset(), e.g. "'}' to close the group opened at 3".
    [[nodiscard]] const std::string& expected() const noexcept { return m_expected; }
    /// \brief One line without the position, e.g. `\foo: unknown command` or
    /// `\frac needs two arguments, {numerator}{denominator}; the denominator is missing`.
    [[nodiscard]] const std::string& message() const noexcept { return m_message; }

private:
    std::size_t m_offset;
    std::string m_expected;
    std::string m_message;
};

/// \brief Parses \p tex (the subset the equation view typesets) into a math list.
///
/// Accepted: letters (italic; a run such as dW is one symbol), numbers (upright), ^ and _ with a
/// braced group or one character or command, ' (prime), \\frac{a}{b}, \\sum, \\max, \\log,
/// \\exp, \\tanh, \\mathrm{…}, Greek (\\alpha …), \\odot, \\cdot, \\times, \\top, \\leftarrow,
/// \\, \\: \\; \\! \\quad, := = + - (a real minus), ( ) [ ] , : and \\left( … \\right); the full
/// list of commands is supportedCommands(). Spaces only separate letter groups. Thread: any.
/// \throws EquationParseError with the offset, what was expected and a message; an unknown
/// command's message suggests the closest known one when it is a likely typo.
[[nodiscard]] MathList parseEquation(std::string_view tex);

} // namespace stepwise::tex

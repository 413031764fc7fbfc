// InputError: the one exception every stepwise::data reader throws for a bad input file.
// Its message is always a single line, "FILE: PLACE: expected WHAT", so the app can print
// it as is and the user can jump straight to the offending byte, line or cell.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace stepwise::data {

/// \brief A data file that cannot be used, with where and why.
///
/// `what()` is exactly one line: `FILE: PLACE: expected WHAT`, for example
/// `data/x.csv: line 3, cell 17 (pixel15): expected a pixel value 0-255, found "300"`.
/// Control characters in any part are escaped, so the line never breaks.
/// Any thread may throw and read it.
class InputError : public std::runtime_error {
public:
    /// \brief Builds the error from its three parts.
    /// \param file     the file or folder as the user named it, e.g. `data/mnist/train-images-idx3-ubyte`
    /// \param place    where in it, e.g. `byte 0`, `line 5, cell 3 (pixel1)`, `folder`
    /// \param expected what should have been there and what was found instead, without the
    ///                 leading word "expected", e.g. `a label 0-9, found 12`
    InputError(std::string file, std::string place, std::string expected);

    /// \brief The file or folder part of the message.
    /// \return the file as given to the constructor, control characters escaped
    [[nodiscard]] const std::string& file() const noexcept { return m_file; }
    /// \brief The place part of the message.
    /// \return the byte offset, line and cell, ... as given to the constructor
    [[nodiscard]] const std::string& place() const noexcept { return m_place; }
    /// \brief The part of the message after "expected ".
    /// \return what was expected, and usually what was found instead
    [[nodiscard]] const std::string& expected() const noexcept { return m_expected; }

private:
    std::string m_file;
    std::string m_place;
    std::string m_expected;
};

/// \brief Quotes a piece of found input for an InputError: `"300"`.
///
/// Non-printable bytes become `\xNN`, quotes and backslashes are escaped, and text longer than
/// \p maxLength bytes is cut and ends in `...` so a message stays one short line.
/// \param text      the raw text found in the input
/// \param maxLength how many bytes of \p text to show at most
/// \return the quoted, escaped text
[[nodiscard]] std::string quoteFound(std::string_view text, std::size_t maxLength = 24);

} // namespace stepwise::data

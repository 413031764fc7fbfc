// InputError: builds the one-line "FILE: PLACE: expected WHAT" message, escaping anything
// that could break the line.
#include "data/input_error.hpp"

#include <cstdio>

namespace stepwise::data {
namespace {

/// Replaces control characters by \xNN so that the message is one line.
std::string oneLine(std::string text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) {
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02X", byte);
            out += hex;
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

InputError::InputError(std::string file, std::string place, std::string expected)
    : std::runtime_error(oneLine(file) + ": " + oneLine(place) + ": expected " + oneLine(expected)),
      m_file(oneLine(std::move(file))), m_place(oneLine(std::move(place))),
      m_expected(oneLine(std::move(expected))) {}

std::string quoteFound(std::string_view text, std::size_t maxLength) {
    const bool cut = text.size() > maxLength;
    if (cut)
        text = text.substr(0, maxLength);
    std::string out = "\"";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20 || byte >= 0x7f) {
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02X", byte);
            out += hex;
        } else {
            out += c;
        }
    }
    out += cut ? "...\"" : "\"";
    return out;
}

} // namespace stepwise::data

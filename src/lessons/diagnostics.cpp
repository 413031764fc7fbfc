// The lesson checker's wording and positions: quoting, alternatives, TOML type names, file
// positions of nodes and of bytes inside decoded strings, and the sorted error list.
// Sections: LessonError, message helpers, locations, TextLocator, ErrorList.
#include "lessons/diagnostics.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

namespace stepwise::lessons {

// ---------------------------------------------------------------- LessonError

namespace {

std::string formatError(const std::filesystem::path& file, int line, int column, const std::string& message) {
    if (line <= 0) return file.string() + ": " + message;
    return file.string() + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

} // namespace

LessonError::LessonError(std::filesystem::path file, int line, int column, std::string message)
    : std::runtime_error(formatError(file, line, column, message)), m_file(std::move(file)), m_line(line),
      m_column(column), m_message(std::move(message)) {}

// ---------------------------------------------------------------- message helpers

std::string quote(std::string_view text, std::size_t maxLength) {
    std::string out = "\"";
    std::size_t shown = 0;
    for (char c : text) {
        if (shown++ == maxLength) {
            out += "...";
            break;
        }
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u == 0x7F) {
            constexpr char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[u >> 4];
            out += hex[u & 0xF];
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += separator;
        out += item;
    }
    return out;
}

std::string alternatives(const std::vector<std::string>& items) {
    if (items.size() <= 1) return joined(items);
    std::vector<std::string> head(items.begin(), items.end() - 1);
    return joined(head) + " or " + items.back();
}

std::string_view typeName(toml::node_type type) {
    switch (type) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number with a fraction";
    case toml::node_type::boolean: return "true/false";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
    }
}

// ---------------------------------------------------------------- locations

SourceLocation locationOf(const toml::source_position& position) {
    return {static_cast<int>(position.line), static_cast<int>(position.column)};
}

SourceLocation locationOf(const toml::node& node) { return locationOf(node.source().begin); }

bool endsLine(std::string_view raw, SourceLocation at) {
    std::size_t pos = 0;
    for (int line = 1; line < at.line; ++line) {
        pos = raw.find('\n', pos);
        if (pos == std::string_view::npos) return false;
        ++pos;
    }
    for (int col = 1; col < at.column && pos < raw.size() && raw[pos] != '\n'; ++col) {
        ++pos;
        while (pos < raw.size() && (static_cast<unsigned char>(raw[pos]) & 0xC0) == 0x80) ++pos;
    }
    return pos >= raw.size() || raw[pos] == '\n' || raw[pos] == '\r';
}

// ---------------------------------------------------------------- TextLocator

namespace {

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

} // namespace

TextLocator::TextLocator(std::string_view raw) : m_raw(raw) {
    m_lineStarts.push_back(0);
    for (std::size_t i = 0; i < raw.size(); ++i)
        if (raw[i] == '\n') m_lineStarts.push_back(i + 1);
}

SourceLocation TextLocator::locate(const toml::node& node, std::string_view value, std::size_t offset) const {
    const SourceLocation start = locationOf(node);
    const auto walked = walk(start, value); // one entry per byte, then the closing quote
    if (!walked || offset >= walked->size()) return start;
    return (*walked)[offset];
}

std::optional<std::size_t> TextLocator::byteOffset(SourceLocation at) const {
    if (at.line < 1 || static_cast<std::size_t>(at.line) > m_lineStarts.size()) return std::nullopt;
    std::size_t pos = m_lineStarts[static_cast<std::size_t>(at.line - 1)];
    for (int col = 1; col < at.column; ++col) {
        if (pos >= m_raw.size() || m_raw[pos] == '\n') return std::nullopt;
        ++pos;
        while (pos < m_raw.size() && (static_cast<unsigned char>(m_raw[pos]) & 0xC0) == 0x80) ++pos;
    }
    return pos;
}

/// The file location of every byte of the decoded value, then of its closing quote; empty when
/// the walk does not reproduce the value.
std::optional<std::vector<SourceLocation>> TextLocator::walk(SourceLocation start, std::string_view value) const {
    const auto begin = byteOffset(start);
    if (!begin) return std::nullopt;
    std::size_t cur = *begin;
    const auto rest = m_raw.substr(cur);
    const bool multiline = rest.substr(0, 3) == "\"\"\"" || rest.substr(0, 3) == "'''";
    const bool basic = !rest.empty() && rest[0] == '"';
    if (rest.empty() || (rest[0] != '"' && rest[0] != '\'')) return std::nullopt;

    SourceLocation here = start;
    const auto consume = [&] {
        const char c = m_raw[cur++];
        if (c == '\n') {
            ++here.line;
            here.column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++here.column;
        }
    };
    for (int k = 0; k < (multiline ? 3 : 1); ++k) consume();
    if (multiline) { // a newline right after the opening delimiter is not part of the value
        if (cur < m_raw.size() && m_raw[cur] == '\n') consume();
        else if (m_raw.substr(cur, 2) == "\r\n") consume(), consume();
    }

    std::string decoded;
    std::vector<SourceLocation> locations;
    const auto emit = [&](std::string_view bytes, SourceLocation at) {
        decoded += bytes;
        locations.insert(locations.end(), bytes.size(), at);
    };
    while (decoded.size() < value.size() && cur < m_raw.size()) {
        const char c = m_raw[cur];
        const SourceLocation at = here;
        if (basic && c == '\\' && cur + 1 < m_raw.size()) {
            const char e = m_raw[cur + 1];
            const auto simple = std::string_view("b\bt\tn\nf\fr\r\"\"\\\\e\x1b");
            if (const auto k = simple.find(e); k != std::string_view::npos && k % 2 == 0) {
                consume(), consume();
                emit(simple.substr(k + 1, 1), at);
            } else if (e == 'u' || e == 'U' || e == 'x') {
                const std::size_t digits = e == 'u' ? 4 : e == 'U' ? 8 : 2;
                unsigned long cp = 0;
                const auto hex = m_raw.substr(cur + 2, digits);
                const auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), cp, 16);
                if (hex.size() != digits || ec != std::errc{} || end != hex.data() + hex.size())
                    return std::nullopt;
                for (std::size_t n = 0; n < 2 + digits; ++n) consume();
                std::string bytes;
                appendUtf8(bytes, static_cast<char32_t>(cp));
                emit(bytes, at);
            } else if (multiline && (e == ' ' || e == '\t' || e == '\r' || e == '\n')) {
                consume(); // line-ending backslash: drop it and all whitespace after it
                while (cur < m_raw.size() &&
                       (m_raw[cur] == ' ' || m_raw[cur] == '\t' || m_raw[cur] == '\r' || m_raw[cur] == '\n'))
                    consume();
            } else {
                return std::nullopt;
            }
        } else if (c == '\r' && multiline && m_raw.substr(cur, 2) == "\r\n" && value[decoded.size()] == '\n') {
            consume(); // CRLF that the parser normalised to LF
        } else {
            consume();
            emit(std::string_view(&c, 1), at);
        }
    }
    if (decoded != value) return std::nullopt;
    locations.push_back(here); // where the value ends: its closing quote
    return locations;
}

// ---------------------------------------------------------------- ErrorList

void ErrorList::add(SourceLocation at, std::string message) {
    m_errors.emplace_back(m_file, at.line, at.column, std::move(message));
}

std::vector<LessonError> ErrorList::takeSorted() {
    std::stable_sort(m_errors.begin(), m_errors.end(), [](const LessonError& a, const LessonError& b) {
        return std::pair(a.line(), a.column()) < std::pair(b.line(), b.column());
    });
    return std::exchange(m_errors, {});
}

} // namespace stepwise::lessons

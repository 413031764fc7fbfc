// The recursive-descent parser of the TeX subset: a list parser, scripts, command arguments
// and \left … \right groups, each failure thrown with its byte offset and a message.
// Sections: EquationParseError, Parser, parseEquation.
#include "tex/parser.hpp"

#include "tex/closest_name.hpp"
#include "tex/commands.hpp"

#include <cctype>
#include <cstdio>

namespace stepwise::tex {

// ---------------------------------------------------------------- EquationParseError

EquationParseError::EquationParseError(std::string_view tex, std::size_t offset, std::string expected,
                                       std::string message)
    : std::runtime_error("equation: " + (message.empty() ? "expected " + expected : message) + " at offset " +
                         std::to_string(offset) + " in \"" + std::string(tex) + "\""),
      m_offset(offset), m_expected(std::move(expected)),
      m_message(message.empty() ? "expected " + m_expected : std::move(message)) {}

// ---------------------------------------------------------------- Parser

namespace {

/// How close a misspelt command must be to be suggested: one edit for short names (\foo is not
/// \to), two for longer ones (\aplha is \alpha).
std::size_t suggestionEdits(std::string_view name) { return name.size() <= 3 ? 1 : 2; }

/// A character for a message: 'x' when printable, else named ("a line break", "a tab", ...), so
/// the message stays one line whatever the TeX holds.
std::string describeCharacter(char c) {
    switch (c) {
    case ' ': return "a space";
    case '\n':
    case '\r': return "a line break";
    case '\t': return "a tab";
    default: break;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
        char text[40];
        std::snprintf(text, sizeof text, "the control character 0x%02X", static_cast<unsigned>(byte));
        return text;
    }
    return "'" + std::string(1, c) + "'";
}

std::string unknownCommandMessage(const std::string& name) {
    std::vector<std::string> letterNames;
    for (const std::string& known : supportedCommands())
        if (std::isalpha(static_cast<unsigned char>(known.front()))) letterNames.push_back(known);
    std::string message = "\\" + name + ": unknown command";
    if (const auto guess = closestName(name, letterNames, suggestionEdits(name)))
        message += " (did you mean \\" + *guess + "?)";
    return message;
}

class Parser {
public:
    explicit Parser(std::string_view tex) : m_tex(tex) {}

    MathList parseAll() {
        for (std::size_t i = 0; i < m_tex.size(); ++i)
            if (static_cast<unsigned char>(m_tex[i]) >= 128)
                fail(i, "ASCII TeX (write \\alpha, not the Unicode letter)");
        return parseList(Stop::End);
    }

private:
    enum class Stop { End, Brace, Right };
    static constexpr int kMaxNesting = 50; ///< deepest group nesting accepted, far above any real equation

    [[noreturn]] void fail(std::size_t at, std::string expected, std::string message = {}) const {
        throw EquationParseError(m_tex, at, std::move(expected), std::move(message));
    }
    bool atEnd() const { return m_pos >= m_tex.size(); }
    char peek() const { return atEnd() ? '\0' : m_tex[m_pos]; }
    void skipSpaces() {
        while (!atEnd() && std::isspace(static_cast<unsigned char>(m_tex[m_pos]))) ++m_pos;
    }
    static bool isLetter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
    static bool isDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

    /// The name after a backslash (m_pos is just after it): a run of letters, or one other character.
    std::string readCommandName() {
        const std::size_t start = m_pos;
        if (atEnd()) fail(m_pos, "a command name after '\\'", "a lone '\\' at the end (write a command such as \\alpha)");
        if (isLetter(peek())) {
            while (!atEnd() && isLetter(peek())) ++m_pos;
        } else if (const auto c = static_cast<unsigned char>(peek()); c <= 0x20 || c == 0x7f) {
            // \ followed by a space or a line break: TeX's control space, not in the subset.
            fail(start - 1, "a command name after '\\'",
                 "'\\' followed by " + describeCharacter(peek()) +
                     " is not a command (write one such as \\alpha, or remove the '\\')");
        } else {
            ++m_pos; // one-character command such as \, or \{
        }
        return std::string(m_tex.substr(start, m_pos - start));
    }

    const Command& lookup(const std::string& name, std::size_t at) const {
        const Command* command = findCommand(name);
        if (!command)
            fail(at, "a known command (\\frac, \\sum, \\odot, \\top, \\alpha, \\mathrm, …), not \\" + name,
                 unknownCommandMessage(name));
        return *command;
    }

    static MathAtom glyphAtom(AtomClass cls, MathFace face, std::u32string glyphs) {
        MathAtom a;
        a.kind = AtomKind::Glyphs;
        a.atomClass = cls;
        a.face = face;
        a.glyphs = std::move(glyphs);
        return a;
    }

    static std::u32string widen(std::string_view s) {
        std::u32string out;
        for (char c : s) out += static_cast<char32_t>(static_cast<unsigned char>(c));
        return out;
    }

    /// Parses atoms until the stop condition; leaves m_pos on the terminator.
    MathList parseList(Stop stop, std::size_t openedAt = 0) {
        // Each nested group is one more level of recursion here and in the layout: bound it, so
        // thousands of '{' are an error, not a stack overflow (the lesson fuzzer's finding).
        if (m_depth > kMaxNesting)
            fail(openedAt, "at most " + std::to_string(kMaxNesting) + " nested groups",
                 "groups nested more than " + std::to_string(kMaxNesting) + " deep ({…}, \\frac, \\left … \\right)");
        ++m_depth;
        struct Leave {
            int& depth;
            ~Leave() { --depth; }
        } leave{m_depth};
        MathList list;
        for (;;) {
            skipSpaces();
            if (atEnd()) {
                if (stop == Stop::Brace)
                    fail(m_pos, "'}' to close the group opened at " + std::to_string(openedAt),
                         "unclosed { (the group opened at offset " + std::to_string(openedAt) + " needs a closing })");
                if (stop == Stop::Right)
                    fail(m_pos, "\\right to close the \\left at " + std::to_string(openedAt),
                         "\\left needs a matching \\right (the \\left is at offset " + std::to_string(openedAt) + ")");
                return list;
            }
            const char c = peek();
            const std::size_t start = m_pos;
            if (c == '}') {
                if (stop != Stop::Brace) fail(m_pos, "no '}' here (there is no open group)", "unbalanced } (no { before it)");
                return list;
            }
            if (c == '\\' && stop == Stop::Right && m_tex.substr(m_pos, 6) == "\\right" &&
                (m_pos + 6 >= m_tex.size() || !isLetter(m_tex[m_pos + 6])))
                return list;
            if (c == '^' || c == '_' || c == '\'') {
                if (list.empty() || list.back().kind == AtomKind::Space) {
                    MathAtom empty = glyphAtom(AtomClass::Ord, MathFace::Roman, {});
                    empty.offset = m_pos;
                    list.push_back(std::move(empty));
                }
                parseScript(list.back());
                continue;
            }
            MathAtom atom = parseNucleus();
            atom.offset = start;
            atom.source = std::string(m_tex.substr(start, m_pos - start));
            list.push_back(std::move(atom));
        }
    }

    /// Parses one ^, _ or ' and attaches it to \p base.
    void parseScript(MathAtom& base) {
        const std::size_t at = m_pos;
        const char c = m_tex[m_pos++];
        if (c == '\'') {
            if (base.hasSuperscript) fail(at, "the prime before the superscript (g'^{2}, not g^{2}')");
            ++base.primes;
        } else if (c == '^') {
            if (base.hasSuperscript) fail(at, "a single superscript per base (use braces: x^{ab})");
            base.superscript = parseArgument("a superscript after '^'", "^ needs an argument: x^{2} or x^2");
            base.hasSuperscript = true;
        } else {
            if (base.hasSubscript) fail(at, "a single subscript per base (use braces: x_{ij})");
            base.subscript = parseArgument("a subscript after '_'", "_ needs an argument: x_{ij} or x_i");
            base.hasSubscript = true;
        }
        base.source = std::string(m_tex.substr(base.offset, m_pos - base.offset));
    }

    /// A script or \frac argument: {list}, one letter, one digit or one command. \p what and
    /// \p message describe the failure when there is none.
    MathList parseArgument(const std::string& what, const std::string& message) {
        skipSpaces();
        if (atEnd() || peek() == '}' || peek() == '^' || peek() == '_') fail(m_pos, what, message);
        const std::size_t start = m_pos;
        if (peek() == '{') {
            ++m_pos;
            MathList list = parseList(Stop::Brace, start);
            ++m_pos; // '}'
            return list;
        }
        MathAtom atom;
        if (isLetter(peek())) {
            atom = glyphAtom(AtomClass::Ord, MathFace::Italic, widen(m_tex.substr(m_pos, 1)));
            atom.symbol = true;
            ++m_pos;
        } else if (isDigit(peek())) {
            atom = glyphAtom(AtomClass::Ord, MathFace::Roman, widen(m_tex.substr(m_pos, 1)));
            ++m_pos;
        } else {
            atom = parseNucleus();
        }
        atom.offset = start;
        atom.source = std::string(m_tex.substr(start, m_pos - start));
        return MathList{std::move(atom)};
    }

    MathAtom parseNucleus() {
        const char c = peek();
        const std::size_t start = m_pos;
        if (isLetter(c)) {
            while (!atEnd() && isLetter(peek())) ++m_pos;
            MathAtom a = glyphAtom(AtomClass::Ord, MathFace::Italic, widen(m_tex.substr(start, m_pos - start)));
            a.symbol = true;
            return a;
        }
        if (isDigit(c) || (c == '.' && m_pos + 1 < m_tex.size() && isDigit(m_tex[m_pos + 1]))) {
            while (!atEnd() && (isDigit(peek()) || peek() == '.')) ++m_pos;
            return glyphAtom(AtomClass::Ord, MathFace::Roman, widen(m_tex.substr(start, m_pos - start)));
        }
        ++m_pos;
        switch (c) {
        case '+': return glyphAtom(AtomClass::Bin, MathFace::Symbols, U"+");
        case '-': return glyphAtom(AtomClass::Bin, MathFace::Symbols, U"\u2212");
        case '=': return glyphAtom(AtomClass::Rel, MathFace::Symbols, U"=");
        case '<': return glyphAtom(AtomClass::Rel, MathFace::Symbols, U"<");
        case '>': return glyphAtom(AtomClass::Rel, MathFace::Symbols, U">");
        case ':':
            if (peek() == '=') {
                ++m_pos;
                return glyphAtom(AtomClass::Rel, MathFace::Symbols, U":=");
            }
            return glyphAtom(AtomClass::Rel, MathFace::Symbols, U":");
        case ',': return glyphAtom(AtomClass::Punct, MathFace::Symbols, U",");
        case ';': return glyphAtom(AtomClass::Punct, MathFace::Symbols, U";");
        case '(': return glyphAtom(AtomClass::Open, MathFace::Roman, U"(");
        case '[': return glyphAtom(AtomClass::Open, MathFace::Roman, U"[");
        case ')': return glyphAtom(AtomClass::Close, MathFace::Roman, U")");
        case ']': return glyphAtom(AtomClass::Close, MathFace::Roman, U"]");
        case '|': return glyphAtom(AtomClass::Ord, MathFace::Symbols, U"|");
        case '/': return glyphAtom(AtomClass::Ord, MathFace::Roman, U"/");
        case '!': return glyphAtom(AtomClass::Close, MathFace::Roman, U"!");
        case '{': {
            MathAtom a;
            a.kind = AtomKind::Group;
            a.body = parseList(Stop::Brace, start);
            ++m_pos; // '}'
            return a;
        }
        case '\\': return parseCommand(start);
        default: break;
        }
        fail(start, "a letter, digit, operator, delimiter or command, not " + describeCharacter(c),
             describeCharacter(c) + " is not in the TeX subset (letters, digits, operators, delimiters, commands)");
    }

    MathAtom parseCommand(std::size_t start) {
        const std::string name = readCommandName();
        const Command& command = lookup(name, start);
        using K = Command::Kind;
        switch (command.kind) {
        case K::Glyph: {
            MathAtom a = glyphAtom(command.atomClass, command.face, command.glyphs);
            a.limits = command.limits;
            a.large = command.large;
            a.symbol = command.symbol;
            return a;
        }
        case K::Space: {
            MathAtom a;
            a.kind = AtomKind::Space;
            a.spaceMu = command.mu;
            return a;
        }
        case K::Frac: {
            MathAtom a;
            a.kind = AtomKind::Fraction;
            const std::string needs = "\\frac needs two arguments, {numerator}{denominator}; ";
            a.body = parseArgument("the numerator {…} of \\frac", needs + "both are missing");
            a.denominator = parseArgument("the denominator {…} of \\frac", needs + "the denominator is missing");
            return a;
        }
        case K::MathRm: return parseMathRm();
        case K::Left: {
            MathAtom a;
            a.kind = AtomKind::Group;
            a.atomClass = AtomClass::Inner;
            a.leftDelimiter = parseDelimiter("\\left");
            a.body = parseList(Stop::Right, start);
            m_pos += 6; // \right
            a.rightDelimiter = parseDelimiter("\\right");
            return a;
        }
        case K::Right: fail(start, "\\left before \\right", "\\right without a \\left before it");
        }
        fail(start, "a known command");
    }

    /// \mathrm{word}: its plain text, upright, hyphens as minus signs.
    MathAtom parseMathRm() {
        skipSpaces();
        if (peek() != '{') fail(m_pos, "'{' after \\mathrm", "\\mathrm needs a braced argument, like \\mathrm{ReLU}");
        const std::size_t open = m_pos++;
        std::u32string text;
        while (!atEnd() && peek() != '}') {
            const char ch = m_tex[m_pos];
            if (ch == '{' || ch == '\\' || ch == '^' || ch == '_')
                fail(m_pos, "plain text inside \\mathrm{…}",
                     "\\mathrm{…} takes plain text, not '" + std::string(1, ch) + "'");
            if (!std::isspace(static_cast<unsigned char>(ch))) text += ch == '-' ? U'\u2212' : static_cast<char32_t>(ch);
            ++m_pos;
        }
        if (atEnd())
            fail(m_pos, "'}' to close the \\mathrm{ opened at " + std::to_string(open),
                 "unclosed \\mathrm{ (opened at offset " + std::to_string(open) + ", needs a closing })");
        ++m_pos;
        return glyphAtom(AtomClass::Ord, MathFace::Roman, text);
    }

    /// The delimiter after \p command (\left or \right); '.' is the empty delimiter.
    char32_t parseDelimiter(const std::string& command) {
        skipSpaces();
        switch (peek()) {
        case '(': ++m_pos; return U'(';
        case ')': ++m_pos; return U')';
        case '[': ++m_pos; return U'[';
        case ']': ++m_pos; return U']';
        case '|': ++m_pos; return U'|';
        case '.': ++m_pos; return 0;
        default: break;
        }
        const std::string choices = command == "\\left" ? "( [ | or ." : ") ] | or .";
        fail(m_pos, "a delimiter after " + command + ": " + choices,
             command + " needs a delimiter after it: " + choices);
    }

    std::string_view m_tex;
    std::size_t m_pos = 0;
    int m_depth = 0; ///< parseList calls under way, the outermost included
};

} // namespace

// ---------------------------------------------------------------- parseEquation

MathList parseEquation(std::string_view tex) { return Parser(tex).parseAll(); }

} // namespace stepwise::tex

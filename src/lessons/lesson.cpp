// The small grammars of the lesson model: view and action spellings, the highlight syntax
// and narration (paragraphs, **bold**, *italic*, $math$). Hand-rolled: each is a line of text,
// not a file format. Sections: spellings, highlights, narration.
#include "lessons/lesson.hpp"

#include "core/equation_catalogue.hpp"
#include "tex/parser.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

namespace stepwise::lessons {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
    return s;
}

/// Trims the blanks of a narration line only, so a stray form feed stays visible to the checks.
std::string_view trimLine(std::string_view s) {
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

bool isIdentifierStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool isIdentifierChar(char c) { return isIdentifierStart(c) || (c >= '0' && c <= '9') || c == '_'; }

bool isIdentifier(std::string_view s) {
    if (s.empty() || !isIdentifierStart(s.front())) return false;
    for (char c : s)
        if (!isIdentifierChar(c)) return false;
    return true;
}

/// Non-negative decimal integer of at most 9 digits (so it always fits an int).
std::optional<int> parseIndex(std::string_view s) {
    if (s.empty() || s.size() > 9) return std::nullopt;
    int value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || end != s.data() + s.size() || s.front() == '-' || s.front() == '+') return std::nullopt;
    return value;
}

constexpr std::array<std::pair<ViewKind, std::string_view>, 16> viewSpellings{{
    {ViewKind::Heatmap, "heatmap"},
    {ViewKind::Digits, "digits"},
    {ViewKind::WeightsAsImages, "weights-as-images"},
    {ViewKind::Diagram, "diagram"},
    {ViewKind::DotProduct, "dot-product"},
    {ViewKind::ReluMask, "relu-mask"},
    {ViewKind::LossCurve, "loss-curve"},
    {ViewKind::AccuracyCurve, "accuracy-curve"},
    {ViewKind::Predictions, "predictions"},
    {ViewKind::Confusion, "confusion"},
    {ViewKind::GradientCheck, "gradient-check"},
    {ViewKind::ComparePaper, "compare-paper"},
    {ViewKind::EquationShapes, "equation-shapes"},
    {ViewKind::LossSlice, "loss-slice"},
    {ViewKind::ImageLoss, "image-loss"},
    {ViewKind::WeightsChange, "weights-change"},
}};

constexpr std::array<std::pair<ActionKind, std::string_view>, 10> actionSpellings{{
    {ActionKind::Alpha, "alpha"},
    {ActionKind::PaperFaithful, "paper-faithful"},
    {ActionKind::Init, "init"},
    {ActionKind::Activation, "activation"},
    {ActionKind::Hidden, "hidden"},
    {ActionKind::IterationsPerSecond, "iterations-per-second"},
    {ActionKind::Reset, "reset"},
    {ActionKind::Optimizer, "optimizer"},
    {ActionKind::DrawDigit, "draw"},
    {ActionKind::Experiment, "experiment"},
}};

} // namespace

// ---------------------------------------------------------------- spellings

std::string_view toString(ViewKind kind) {
    for (const auto& [k, name] : viewSpellings)
        if (k == kind) return name;
    return "?";
}

std::optional<ViewKind> parseViewKind(std::string_view name) {
    for (const auto& [k, spelling] : viewSpellings)
        if (spelling == name) return k;
    return std::nullopt;
}

const std::vector<ViewKind>& allViewKinds() {
    static const std::vector<ViewKind> kinds = [] {
        std::vector<ViewKind> all;
        for (const auto& entry : viewSpellings) all.push_back(entry.first);
        return all;
    }();
    return kinds;
}

std::string_view toString(ActionKind kind) {
    for (const auto& [k, name] : actionSpellings)
        if (k == kind) return name;
    return "?";
}

std::optional<ActionKind> parseActionKind(std::string_view name) {
    for (const auto& [k, spelling] : actionSpellings)
        if (spelling == name) return k;
    return std::nullopt;
}

std::string_view toString(QuestionKind kind) {
    switch (kind) {
    case QuestionKind::Choice: return "choice";
    case QuestionKind::Number: return "number";
    case QuestionKind::Text: return "text";
    }
    return "?";
}

// ---------------------------------------------------------------- highlights

std::optional<Highlight> parseHighlight(std::string_view text) {
    text = trim(text);
    constexpr std::string_view symbolPrefix = "symbol:";
    if (text.substr(0, symbolPrefix.size()) == symbolPrefix) {
        const auto name = trim(text.substr(symbolPrefix.size()));
        if (!isIdentifier(name)) return std::nullopt;
        Highlight h;
        h.tensor = std::string(name);
        h.isSymbol = true;
        return h;
    }
    const auto open = text.find('[');
    if (open == std::string_view::npos || text.back() != ']') return std::nullopt;
    const auto name = trim(text.substr(0, open));
    if (!isIdentifier(name)) return std::nullopt;
    const auto inside = text.substr(open + 1, text.size() - open - 2);
    if (inside.find_first_of("[]") != std::string_view::npos) return std::nullopt;

    Highlight h;
    h.tensor = std::string(name);
    const auto comma = inside.find(',');
    if (comma == std::string_view::npos) { // T[i], vectors only
        h.row = parseIndex(trim(inside));
        if (!h.row) return std::nullopt;
        return h;
    }
    const auto rowText = trim(inside.substr(0, comma));
    const auto colText = trim(inside.substr(comma + 1));
    if (colText.find(',') != std::string_view::npos) return std::nullopt;
    if (rowText != ":") {
        h.row = parseIndex(rowText);
        if (!h.row) return std::nullopt;
    }
    if (colText == "j") {
        h.followsFocusColumn = true;
    } else if (colText != ":") {
        h.col = parseIndex(colText);
        if (!h.col) return std::nullopt;
    }
    if (!h.row && !h.col && !h.followsFocusColumn) return std::nullopt; // T[:, :] is not a highlight
    return h;
}

std::string toString(const Highlight& highlight) {
    if (highlight.isSymbol) return "symbol:" + highlight.tensor;
    const std::string row = highlight.row ? std::to_string(*highlight.row) : ":";
    const std::string col = highlight.followsFocusColumn ? "j" : highlight.col ? std::to_string(*highlight.col) : ":";
    return highlight.tensor + "[" + row + ", " + col + "]";
}

// ---------------------------------------------------------------- narration

namespace {

/// A paragraph with its lines trimmed and joined by single spaces, each byte remembering its
/// offset in the original narration so problems can point at the file.
struct JoinedParagraph {
    std::string text;
    std::vector<std::size_t> offsets;
};

std::vector<JoinedParagraph> splitParagraphs(std::string_view narration) {
    std::vector<JoinedParagraph> paragraphs;
    JoinedParagraph current;
    std::size_t lineStart = 0;
    while (lineStart <= narration.size()) {
        auto lineEnd = narration.find('\n', lineStart);
        if (lineEnd == std::string_view::npos) lineEnd = narration.size();
        const auto line = narration.substr(lineStart, lineEnd - lineStart);
        const auto trimmed = trimLine(line);
        if (trimmed.empty()) {
            if (!current.text.empty()) paragraphs.push_back(std::move(current));
            current = {};
        } else {
            if (!current.text.empty()) {
                current.text += ' ';
                current.offsets.push_back(lineStart - 1); // the newline that joined the lines
            }
            const auto first = static_cast<std::size_t>(trimmed.data() - narration.data());
            for (std::size_t k = 0; k < trimmed.size(); ++k) {
                current.text += trimmed[k];
                current.offsets.push_back(first + k);
            }
        }
        lineStart = lineEnd + 1;
    }
    if (!current.text.empty()) paragraphs.push_back(std::move(current));
    return paragraphs;
}

std::string_view controlCharacterName(char c) {
    switch (c) {
    case '\b': return "backspace (\\b, as in \\beta)";
    case '\f': return "form feed (\\f, as in \\frac)";
    case '\t': return "tab (\\t, as in \\times)";
    case '\r': return "carriage return (\\r, as in \\right)";
    case '\n': return "line break (\\n, as in \\nabla)";
    default: return "control character";
    }
}

std::string eatenBackslash(char c) {
    return "a " + std::string(controlCharacterName(c)) +
           ": in a \"...\" TOML string a backslash starts an escape; double it (\\\\) or use a '...' literal string";
}

/// Walks one paragraph; fills runs and reports problems. Shared by parse and check so the two
/// can never disagree about what the text means.
class ParagraphScanner {
public:
    ParagraphScanner(const JoinedParagraph& paragraph, std::vector<NarrationIssue>* issues)
        : m_p(paragraph), m_issues(issues) {}

    Paragraph scan() {
        const std::string& s = m_p.text;
        std::size_t i = 0;
        while (i < s.size()) {
            const char c = s[i];
            if (c == '\\' && i + 1 < s.size() && (s[i + 1] == '$' || s[i + 1] == '*' || s[i + 1] == '\\')) {
                m_text += s[i + 1];
                i += 2;
            } else if (c == '$') {
                i = scanMath(i);
            } else if (c == '*') {
                i = scanStars(i);
            } else {
                if (c == '\b' || c == '\f') report(i, eatenBackslash(c));
                m_text += c;
                ++i;
            }
        }
        flush();
        if (m_bold) report(m_boldOpen, "unclosed ** (bold needs a closing **; write \\* for a literal star)");
        if (m_italic) report(m_italicOpen, "unclosed * (italic needs a closing *; write \\* for a literal star)");
        return std::move(m_paragraph);
    }

private:
    void report(std::size_t index, std::string message) {
        if (m_issues) m_issues->push_back({m_p.offsets[index], std::move(message)});
    }

    void flush() {
        if (m_text.empty()) return;
        auto& runs = m_paragraph.runs;
        if (!runs.empty() && !runs.back().math && runs.back().bold == m_bold && runs.back().italic == m_italic)
            runs.back().text += m_text;
        else
            runs.push_back({m_text, m_bold, m_italic, false});
        m_text.clear();
    }

    std::size_t scanMath(std::size_t open) {
        const std::string& s = m_p.text;
        if (open + 1 < s.size() && s[open + 1] == '$') {
            report(open, "empty math $$ (display math is not supported; write inline math as $...$)");
            m_text += "$$";
            return open + 2;
        }
        std::size_t close = open + 1;
        while (close < s.size() && s[close] != '$') close += (s[close] == '\\' && close + 1 < s.size()) ? 2 : 1;
        if (close >= s.size()) {
            report(open, "unclosed $ (inline math needs a closing $; write \\$ for a dollar sign)");
            m_text += '$';
            return open + 1;
        }
        bool eaten = false;
        for (std::size_t k = open + 1; k < close; ++k)
            if (static_cast<unsigned char>(s[k]) < 0x20) {
                report(k, eatenBackslash(s[k]));
                eaten = true;
            }
        if (m_issues && !eaten) checkTex(open + 1, close);
        flush();
        m_paragraph.runs.push_back({std::string(trim(std::string_view(s).substr(open + 1, close - open - 1))), false,
                                    false, true});
        return close + 1;
    }

    /// TeX in [begin, end) of the paragraph that the equation view could not typeset (an
    /// unknown command, a missing argument), reported at the offending character.
    void checkTex(std::size_t begin, std::size_t end) {
        try {
            (void)tex::parseEquation(std::string_view(m_p.text).substr(begin, end - begin));
        } catch (const tex::EquationParseError& e) {
            report(begin + e.offset(), e.message());
        }
    }

    std::size_t scanStars(std::size_t at) {
        const std::string& s = m_p.text;
        const bool twoStars = at + 1 < s.size() && s[at + 1] == '*';
        const std::size_t width = twoStars ? 2 : 1;
        const char before = at > 0 ? s[at - 1] : ' ';
        const char after = at + width < s.size() ? s[at + width] : ' ';
        bool& open = twoStars ? m_bold : m_italic;
        if (open && !isSpace(before)) { // closes
            flush();
            open = false;
        } else if (!open && !isSpace(after)) { // opens
            flush();
            open = true;
            (twoStars ? m_boldOpen : m_italicOpen) = at;
        } else { // a lone star, as in "2 * 3"
            m_text.append(width, '*');
        }
        return at + width;
    }

    const JoinedParagraph& m_p;
    std::vector<NarrationIssue>* m_issues;
    Paragraph m_paragraph;
    std::string m_text;
    bool m_bold = false, m_italic = false;
    std::size_t m_boldOpen = 0, m_italicOpen = 0;
};

} // namespace

std::vector<Paragraph> parseNarration(std::string_view narration) {
    std::vector<Paragraph> paragraphs;
    for (const auto& joined : splitParagraphs(narration)) {
        auto paragraph = ParagraphScanner(joined, nullptr).scan();
        if (!paragraph.runs.empty()) paragraphs.push_back(std::move(paragraph));
    }
    return paragraphs;
}

std::vector<NarrationIssue> checkNarration(std::string_view narration) {
    std::vector<NarrationIssue> issues;
    for (const auto& joined : splitParagraphs(narration)) (void)ParagraphScanner(joined, &issues).scan();
    return issues;
}

std::string LessonStep::equationTex(const core::NetworkConfig& config) const {
    if (!equation.empty() || !executes) return equation;
    const auto executed = core::findEquation(config, *executes);
    return executed ? executed->tex : std::string();
}

namespace {

std::size_t words(std::string_view text) {
    std::size_t n = 0;
    bool inWord = false;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        n += !space && !inWord;
        inWord = !space;
    }
    return n;
}

} // namespace

std::size_t wordCount(const LessonStep& step) { return words(step.narration); }

std::size_t wordCount(const Lesson& lesson) {
    std::size_t n = 0;
    for (const LessonStep& step : lesson.steps) {
        n += wordCount(step);
        for (const Question& q : step.questions) {
            n += words(q.prompt) + words(q.explain) + words(q.reveal);
            for (const auto& c : q.choices) n += words(c);
        }
    }
    return n;
}

int readingMinutes(const Lesson& lesson) {
    return static_cast<int>(std::max<std::size_t>(1, (wordCount(lesson) + kReadingWordsPerMinute - 1) / kReadingWordsPerMinute));
}

} // namespace stepwise::lessons

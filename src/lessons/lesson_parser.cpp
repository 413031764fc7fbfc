// Lesson files → lesson model, with every problem located in the file. toml++ does the TOML;
// this file checks what the TOML says against the format and the network.
// Sections: message helpers, locating text inside strings, LessonReader (root, step, show,
// erratum, action, highlights), loadLesson, loadLibrary.
#include "lessons/lesson_parser.hpp"

#include "core/network_config.hpp"
#include "lessons/network_vocabulary.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <set>
#include <tuple>
#include <sstream>
#include <string_view>
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

namespace {

// ---------------------------------------------------------------- message helpers

/// User text in quotes, on one line: control characters escaped, long text cut.
std::string quote(std::string_view text, std::size_t maxLength = 48) {
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

std::string joined(const std::vector<std::string>& items, std::string_view separator = ", ") {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += separator;
        out += item;
    }
    return out;
}

/// "A, B or C"
std::string alternatives(const std::vector<std::string>& items) {
    if (items.size() <= 1) return joined(items);
    std::vector<std::string> head(items.begin(), items.end() - 1);
    return joined(head) + " or " + items.back();
}

std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// The candidate a typo most likely meant (at most two edits away), if any.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates) {
    std::optional<std::string> best;
    std::size_t bestDistance = 3;
    for (const auto& c : candidates) {
        const auto d = editDistance(word, c);
        if (d < bestDistance && d < c.size()) {
            bestDistance = d;
            best = c;
        }
    }
    return best;
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

std::string shapeText(const TensorShape& shape) {
    return std::to_string(shape.rows) + "x" + (shape.cols ? std::to_string(*shape.cols) : std::string("m"));
}

SourceLocation locationOf(const toml::source_position& position) {
    return {static_cast<int>(position.line), static_cast<int>(position.column)};
}

SourceLocation locationOf(const toml::node& node) { return locationOf(node.source().begin); }

// ---------------------------------------------------------------- locating text inside strings

/// Maps a byte offset inside a decoded TOML string value back to its line and column in the
/// file, so a stray `$` on the fifth line of a narration is reported there and not at the `"""`.
/// Walks the raw string the way TOML decodes it; if the walk does not reproduce the value
/// exactly, it gives up and answers with the start of the value.
class TextLocator {
public:
    explicit TextLocator(std::string_view raw) : m_raw(raw) {
        m_lineStarts.push_back(0);
        for (std::size_t i = 0; i < raw.size(); ++i)
            if (raw[i] == '\n') m_lineStarts.push_back(i + 1);
    }

    SourceLocation locate(const toml::node& node, std::string_view value, std::size_t offset) const {
        const SourceLocation start = locationOf(node);
        const auto walked = walk(start, value);
        if (!walked || offset >= walked->size()) return start;
        return (*walked)[offset];
    }

private:
    std::optional<std::size_t> byteOffset(SourceLocation at) const {
        if (at.line < 1 || static_cast<std::size_t>(at.line) > m_lineStarts.size()) return std::nullopt;
        std::size_t pos = m_lineStarts[static_cast<std::size_t>(at.line - 1)];
        for (int col = 1; col < at.column; ++col) {
            if (pos >= m_raw.size() || m_raw[pos] == '\n') return std::nullopt;
            ++pos;
            while (pos < m_raw.size() && (static_cast<unsigned char>(m_raw[pos]) & 0xC0) == 0x80) ++pos;
        }
        return pos;
    }

    static void appendUtf8(std::string& out, char32_t cp) {
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

    /// The file location of every byte of the decoded value, or empty when the walk fails.
    std::optional<std::vector<SourceLocation>> walk(SourceLocation start, std::string_view value) const {
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
        return locations;
    }

    std::string_view m_raw;
    std::vector<std::size_t> m_lineStarts;
};

// ---------------------------------------------------------------- LessonReader

using KeyList = std::vector<std::string>;

const KeyList rootKeys{"id", "title", "order", "summary", "step"};
const KeyList stepKeys{"title", "narration", "executes", "equation", "notes",
                       "highlight", "mode", "show", "erratum", "action"};
const KeyList showKeys{"view", "tensor", "columns", "cell", "caption"};
const KeyList erratumKeys{"number", "paper", "right", "paper_faithful"};
const KeyList actionKeys{"label", "set", "value"};

/// Which tensors a view draws: required or not, and the only ones allowed (empty: any tensor).
struct ViewTensorRule {
    bool required = false;
    KeyList allowed;
};

ViewTensorRule tensorRule(ViewKind kind) {
    switch (kind) {
    case ViewKind::Heatmap: return {true, {}};
    case ViewKind::WeightsAsImages: return {true, {"W1", "dW1", "W1_after"}};
    case ViewKind::Digits: return {true, {"A0"}};
    case ViewKind::DotProduct: return {true, {"Z1", "dW2", "db2"}};
    case ViewKind::ReluMask: return {true, {"Z1"}};
    default: return {false, {}};
    }
}

/// Reads one parsed TOML document as a lesson, collecting every problem.
class LessonReader {
public:
    LessonReader(std::filesystem::path file, std::string_view raw, const NetworkVocabulary& vocabulary)
        : m_file(std::move(file)), m_locator(raw), m_vocabulary(vocabulary) {}

    LessonParse read(const toml::table& root) {
        Lesson lesson;
        lesson.file = m_file;
        checkKeys(root, rootKeys, "");
        if (const auto* id = string(root, "id", "", true)) {
            lesson.id = **id;
            lesson.idLocation = locationOf(*id);
            const bool valid = !lesson.id.empty() && std::all_of(lesson.id.begin(), lesson.id.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            });
            if (!valid)
                error(*id, "id must be lowercase letters, digits and dashes ([a-z0-9-]+), not " + quote(lesson.id));
        }
        if (const auto* title = string(root, "title", "", true)) {
            lesson.title = **title;
            if (lesson.title.empty()) error(*title, "title must not be empty");
        }
        if (const auto* order = integer(root, "order", "", true)) {
            lesson.orderLocation = locationOf(*order);
            if (**order < 0 || **order > 1'000'000)
                error(*order, "order must be a whole number from 0 to 1000000, not " + std::to_string(**order));
            else
                lesson.order = static_cast<int>(**order);
        }
        if (const auto* summary = string(root, "summary", "", true)) lesson.summary = **summary;

        if (const auto* steps = tableArray(root, "step", "")) {
            int number = 0;
            for (const auto& node : *steps) lesson.steps.push_back(readStep(*node.as_table(), ++number));
        } else if (!root.contains("step")) {
            error(root, "missing required key \"step\" (a lesson needs at least one [[step]])");
        }

        std::stable_sort(m_errors.begin(), m_errors.end(), [](const LessonError& a, const LessonError& b) {
            return std::pair(a.line(), a.column()) < std::pair(b.line(), b.column());
        });
        LessonParse result;
        if (m_errors.empty()) result.lesson = std::move(lesson);
        result.errors = std::move(m_errors);
        return result;
    }

private:
    // ------------------------------------------------ errors and typed access

    void error(SourceLocation at, std::string message) {
        m_errors.emplace_back(m_file, at.line, at.column, std::move(message));
    }
    void error(const toml::node& node, std::string message) { error(locationOf(node), std::move(message)); }
    void error(const toml::key& key, std::string message) { error(locationOf(key.source().begin), std::move(message)); }

    static std::string inWhere(std::string_view where) { return where.empty() ? "" : " in " + std::string(where); }

    void checkKeys(const toml::table& table, const KeyList& allowed, std::string_view where) {
        for (const auto& [key, node] : table) {
            const std::string name(key.str());
            if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
            std::string message = "unknown key " + quote(name) + inWhere(where);
            if (const auto guess = closest(name, allowed)) {
                message += " (did you mean " + quote(*guess) + "?)";
                m_misspelled.insert({&table, *guess});
            }
            else
                message += " (allowed: " + joined(allowed) + ")";
            error(key, std::move(message));
        }
    }

    /// The node under \p key, reporting a missing required key at the table.
    const toml::node* node(const toml::table& table, std::string_view key, std::string_view where, bool required) {
        const toml::node* found = table.get(key);
        // A key reported as misspelled ("naration") is not reported missing as well.
        if (!found && required && !m_misspelled.contains({&table, std::string(key)}))
            error(table, "missing required key " + quote(key) + inWhere(where));
        return found;
    }

    void wrongType(const toml::node& found, std::string_view key, std::string_view expected) {
        error(found, quote(key) + " must be " + std::string(expected) + ", not " + std::string(typeName(found.type())));
    }

    const toml::value<std::string>* string(const toml::table& table, std::string_view key, std::string_view where,
                                           bool required) {
        const auto* found = node(table, key, where, required);
        if (!found) return nullptr;
        if (const auto* s = found->as_string()) return s;
        wrongType(*found, key, "a string");
        return nullptr;
    }

    const toml::value<std::int64_t>* integer(const toml::table& table, std::string_view key, std::string_view where,
                                             bool required) {
        const auto* found = node(table, key, where, required);
        if (!found) return nullptr;
        if (const auto* i = found->as_integer()) return i;
        wrongType(*found, key, "a whole number");
        return nullptr;
    }

    const toml::value<bool>* boolean(const toml::table& table, std::string_view key, std::string_view where) {
        const auto* found = node(table, key, where, false);
        if (!found) return nullptr;
        if (const auto* b = found->as_boolean()) return b;
        wrongType(*found, key, "true or false");
        return nullptr;
    }

    /// An array of tables (`[[key]]`), or nullptr (reported when present with another type).
    const toml::array* tableArray(const toml::table& table, std::string_view key, std::string_view where) {
        const auto* found = node(table, key, where, false);
        if (!found) return nullptr;
        const auto* array = found->as_array();
        if (!array || !array->is_array_of_tables()) {
            const std::string header = where.empty() ? std::string(key) : "step." + std::string(key);
            error(*found, quote(key) + " must be an array of tables: write [[" + header + "]] headers");
            return nullptr;
        }
        return array;
    }

    // ------------------------------------------------ text checks

    void checkMarkup(const toml::value<std::string>& text) {
        for (const auto& issue : checkNarration(*text))
            error(m_locator.locate(text, *text, issue.offset), issue.message);
    }

    void checkTex(const toml::value<std::string>& text) {
        const std::string& tex = *text;
        std::vector<std::size_t> open;
        for (std::size_t i = 0; i < tex.size(); ++i) {
            const char c = tex[i];
            if (static_cast<unsigned char>(c) < 0x20) {
                error(m_locator.locate(text, tex, i),
                      "equation contains the control character " + quote(std::string_view(&c, 1)) +
                          ": in a \"...\" TOML string a backslash starts an escape (\\frac, \\times, \\beta); "
                          "double it (\\\\) or use a '...' literal string");
                return;
            }
            if (c == '\\') {
                ++i; // \{ and \} are literal braces
            } else if (c == '{') {
                open.push_back(i);
            } else if (c == '}') {
                if (open.empty()) {
                    error(m_locator.locate(text, tex, i), "unbalanced } in equation (no { before it)");
                    return;
                }
                open.pop_back();
            }
        }
        if (!open.empty()) error(m_locator.locate(text, tex, open.back()), "unclosed { in equation (needs a closing })");
    }

    // ------------------------------------------------ highlights and tensors

    bool knownTensor(const toml::node& at, const std::string& name) {
        if (m_vocabulary.hasTensor(name)) return true;
        error(at, "unknown tensor " + quote(name) + " (known: " + joined(m_vocabulary.tensorNames()) + ")");
        return false;
    }

    /// Checks a parsed highlight (or cell) against its tensor's shape.
    bool checkHighlight(const toml::node& at, std::string_view text, const Highlight& h) {
        if (!knownTensor(at, h.tensor)) return false;
        if (h.isSymbol) return true;
        const TensorShape shape = *m_vocabulary.tensorShape(h.tensor);
        const bool vectorForm = text.find(',') == std::string_view::npos;
        if (vectorForm && shape.cols != 1) {
            error(at, h.tensor + "[i] is only for vectors; " + h.tensor + " is " + shapeText(shape) + ": write " +
                          h.tensor + "[" + std::to_string(*h.row) + ", :] for a row or " + h.tensor + "[" +
                          std::to_string(*h.row) + ", 0] for a cell");
            return false;
        }
        if (h.row && *h.row >= shape.rows) {
            error(at, "row " + std::to_string(*h.row) + " is out of range for " + h.tensor + " (" + shapeText(shape) +
                          ", rows 0-" + std::to_string(shape.rows - 1) + ")");
            return false;
        }
        if (h.col && shape.cols && *h.col >= *shape.cols) {
            error(at, "column " + std::to_string(*h.col) + " is out of range for " + h.tensor + " (" +
                          shapeText(shape) + ", columns 0-" + std::to_string(*shape.cols - 1) + ")");
            return false;
        }
        if (h.followsFocusColumn && !shape.perSample()) {
            error(at, "j (the focused sample column) only fits tensors with one column per sample; " + h.tensor +
                          " is " + shapeText(shape));
            return false;
        }
        return true;
    }

    static std::string highlightForms() { return "write T[i, j], T[i, :], T[:, j], T[i] or symbol:T"; }

    // ------------------------------------------------ step

    LessonStep readStep(const toml::table& table, int number) {
        const std::string where = "step " + std::to_string(number);
        LessonStep step;
        step.location = locationOf(table);
        checkKeys(table, stepKeys, where);
        if (const auto* title = string(table, "title", where, true)) step.title = **title;
        if (const auto* narration = string(table, "narration", where, true)) {
            step.narration = **narration;
            checkMarkup(*narration);
            step.paragraphs = parseNarration(step.narration);
        }
        if (const auto* executes = string(table, "executes", where, false)) {
            if (m_vocabulary.equation(**executes)) {
                step.executes = **executes;
            } else {
                std::vector<std::string> ids;
                for (const auto& e : m_vocabulary.equations()) ids.push_back(e.id);
                error(*executes, "unknown equation id " + quote(**executes) + " (known: " + joined(ids) + ")");
            }
        }
        if (const auto* equation = string(table, "equation", where, false)) {
            step.equation = **equation;
            checkTex(*equation);
        }
        if (const auto* notes = string(table, "notes", where, false)) step.notes = **notes;
        if (const auto* list = node(table, "highlight", where, false)) readHighlights(*list, step);
        if (const auto* mode = string(table, "mode", where, false)) {
            if (**mode == "live") {
                step.mode = StepMode::Live;
                if (table.contains("executes"))
                    error(*mode, "a live step cannot execute an equation: drop executes, or drop mode = \"live\"");
            } else if (**mode != "step") {
                error(*mode, "mode must be \"step\" or \"live\", not " + quote(**mode));
            }
        }
        if (const auto* views = tableArray(table, "show", where)) {
            int k = 0;
            for (const auto& view : *views)
                step.views.push_back(readView(*view.as_table(), where + ", show " + std::to_string(++k)));
        }
        if (const auto* errata = tableArray(table, "erratum", where)) {
            int k = 0;
            for (const auto& erratum : *errata)
                step.errata.push_back(readErratum(*erratum.as_table(), where + ", erratum " + std::to_string(++k)));
        }
        if (const auto* actions = tableArray(table, "action", where)) {
            int k = 0;
            for (const auto& action : *actions)
                step.actions.push_back(readAction(*action.as_table(), where + ", action " + std::to_string(++k)));
        }
        return step;
    }

    void readHighlights(const toml::node& list, LessonStep& step) {
        const auto* array = list.as_array();
        if (!array) {
            wrongType(list, "highlight", "an array of strings, like [\"Z1[3, j]\", \"symbol:W1\"]");
            return;
        }
        for (const auto& item : *array) {
            const auto* text = item.as_string();
            if (!text) {
                error(item, "highlight entries must be strings, like \"Z1[3, j]\", not " +
                                std::string(typeName(item.type())));
                continue;
            }
            const auto h = parseHighlight(**text);
            if (!h) {
                error(item, "bad highlight " + quote(**text) + " (" + highlightForms() + ")");
                continue;
            }
            if (checkHighlight(item, **text, *h)) step.highlights.push_back(*h);
        }
    }

    // ------------------------------------------------ show

    ViewSpec readView(const toml::table& table, const std::string& where) {
        ViewSpec view;
        checkKeys(table, showKeys, where);
        const auto* kindNode = string(table, "view", where, true);
        std::optional<ViewKind> kind;
        if (kindNode) {
            kind = parseViewKind(**kindNode);
            if (kind) {
                view.kind = *kind;
            } else {
                std::vector<std::string> names;
                for (auto k : allViewKinds()) names.emplace_back(toString(k));
                error(*kindNode, "unknown view kind " + quote(**kindNode) + " (known: " + joined(names) + ")");
            }
        }
        std::optional<TensorShape> shape;
        if (const auto* tensor = string(table, "tensor", where, false)) {
            if (knownTensor(*tensor, **tensor)) {
                view.tensor = **tensor;
                shape = m_vocabulary.tensorShape(view.tensor);
                const auto rule = kind ? tensorRule(*kind) : ViewTensorRule{};
                if (!rule.allowed.empty() &&
                    std::find(rule.allowed.begin(), rule.allowed.end(), view.tensor) == rule.allowed.end())
                    error(*tensor, "view " + quote(toString(*kind)) + " cannot show " + quote(view.tensor) +
                                       " (it shows " + alternatives(rule.allowed) + ")");
            }
        } else if (kind && tensorRule(*kind).required) {
            const auto rule = tensorRule(*kind);
            error(table, "view " + quote(toString(*kind)) + " needs a tensor" +
                             (rule.allowed.empty() ? std::string(" (tensor = \"...\")")
                                                   : ": tensor = " + alternatives([&] {
                                                         KeyList q;
                                                         for (const auto& a : rule.allowed) q.push_back(quote(a));
                                                         return q;
                                                     }())));
        }
        if (const auto* columns = node(table, "columns", where, false)) readColumns(*columns, view, shape);
        if (const auto* cell = string(table, "cell", where, false)) {
            const auto h = parseHighlight(**cell);
            if (!h || h->isSymbol || !h->row || (!h->col && !h->followsFocusColumn && (**cell).find(',') != std::string::npos)) {
                error(*cell, "cell must name one cell, like \"Z1[3, 0]\" or \"Z1[3, j]\", not " + quote(**cell));
            } else if (checkHighlight(*cell, **cell, *h)) {
                if (!view.tensor.empty() && h->tensor != view.tensor)
                    error(*cell, "cell " + quote(**cell) + " is not in the view's tensor " + view.tensor);
                else
                    view.cell = *h;
            }
        }
        if (const auto* caption = string(table, "caption", where, false)) view.caption = **caption;
        return view;
    }

    void readColumns(const toml::node& columns, ViewSpec& view, const std::optional<TensorShape>& shape) {
        const auto* array = columns.as_array();
        if (!array || array->size() != 2 || !(*array)[0].is_integer() || !(*array)[1].is_integer()) {
            error(columns, "columns must be [first, count], two whole numbers, like [0, 16]");
            return;
        }
        const auto first = *(*array)[0].value<std::int64_t>();
        const auto count = *(*array)[1].value<std::int64_t>();
        if (first < 0 || first > 1'000'000'000) {
            error((*array)[0], "columns first must be 0 or more, not " + std::to_string(first));
        } else if (count < 1 || count > 1'000'000'000) {
            error((*array)[1], "columns count must be 1 or more, not " + std::to_string(count));
        } else if (shape && !shape->perSample()) {
            error(columns, "columns only fits tensors with one column per sample; " + view.tensor + " is " +
                               shapeText(*shape));
        } else {
            view.columns = ColumnWindow{static_cast<int>(first), static_cast<int>(count)};
        }
    }

    // ------------------------------------------------ erratum

    Erratum readErratum(const toml::table& table, const std::string& where) {
        Erratum erratum;
        checkKeys(table, erratumKeys, where);
        if (const auto* number = integer(table, "number", where, true)) {
            if (**number < 1 || **number > 10)
                error(*number, "erratum number must be 1 to 10 (the paper's ERRATA list), not " +
                                   std::to_string(**number));
            else
                erratum.number = static_cast<int>(**number);
        }
        if (const auto* paper = string(table, "paper", where, true)) {
            erratum.paper = **paper;
            checkMarkup(*paper);
        }
        if (const auto* right = string(table, "right", where, true)) {
            erratum.right = **right;
            checkMarkup(*right);
        }
        if (const auto* faithful = boolean(table, "paper_faithful", where)) erratum.paperFaithful = **faithful;
        return erratum;
    }

    // ------------------------------------------------ action

    StepAction readAction(const toml::table& table, const std::string& where) {
        StepAction action;
        checkKeys(table, actionKeys, where);
        if (const auto* label = string(table, "label", where, true)) action.label = **label;
        const auto* set = string(table, "set", where, true);
        std::optional<ActionKind> kind;
        if (set) {
            kind = parseActionKind(**set);
            if (!kind) {
                std::vector<std::string> names;
                for (auto k : {ActionKind::Alpha, ActionKind::PaperFaithful, ActionKind::Init, ActionKind::Activation,
                               ActionKind::Hidden, ActionKind::IterationsPerSecond, ActionKind::Reset})
                    names.emplace_back(toString(k));
                error(*set, "unknown action " + quote(**set) + " (known: " + joined(names) + ")");
                return action;
            }
            action.kind = *kind;
        }
        const auto* value = table.get("value");
        if (kind == ActionKind::Reset) {
            if (value) error(*value, "reset takes no value");
            return action;
        }
        if (!kind) return action;
        if (!node(table, "value", where, true)) return action;
        std::string text;
        if (const auto* s = value->as_string()) {
            text = **s;
        } else if (const auto* i = value->as_integer()) {
            text = std::to_string(**i);
        } else if (const auto* f = value->as_floating_point()) {
            char buffer[32];
            const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, **f);
            text.assign(buffer, ec == std::errc{} ? end : buffer);
        } else if (const auto* b = value->as_boolean()) {
            text = **b ? "on" : "off";
        } else {
            wrongType(*value, "value", "a string or a number");
            return action;
        }
        if (auto normalised = checkActionValue(*kind, text))
            action.value = std::move(*normalised);
        else
            error(*value, actionValueHint(*kind) + ", not " + quote(text));
        return action;
    }

    static std::string actionValueHint(ActionKind kind) {
        switch (kind) {
        case ActionKind::Alpha: return "alpha must be a positive number, like \"0.1\"";
        case ActionKind::PaperFaithful: return "paper-faithful must be \"on\" or \"off\"";
        case ActionKind::Init: return "init must be \"uniform\", \"positive\" or \"he\"";
        case ActionKind::Activation: return "activation must be \"relu\", \"sigmoid\" or \"tanh\"";
        case ActionKind::Hidden: return "hidden must be layer sizes, like \"10\" or \"128, 64\"";
        case ActionKind::IterationsPerSecond: return "iterations-per-second must be a positive number, like \"30\"";
        case ActionKind::Reset: return "reset takes no value";
        }
        return "bad value";
    }

    /// The value normalised for its kind, or empty when it does not fit.
    static std::optional<std::string> checkActionValue(ActionKind kind, std::string text) {
        const auto trimmed = [](std::string_view s) {
            while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
            while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
            return std::string(s);
        };
        text = trimmed(text);
        switch (kind) {
        case ActionKind::Alpha:
        case ActionKind::IterationsPerSecond: {
            double number = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
            if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(number) ||
                number <= 0)
                return std::nullopt;
            return text;
        }
        case ActionKind::PaperFaithful:
            if (text == "on" || text == "true") return std::string("on");
            if (text == "off" || text == "false") return std::string("off");
            return std::nullopt;
        case ActionKind::Init:
            return core::parseInit(text) ? std::optional(text) : std::nullopt;
        case ActionKind::Activation:
            return core::parseActivation(text) ? std::optional(text) : std::nullopt;
        case ActionKind::Hidden: {
            std::string normalised;
            std::stringstream parts(text);
            std::string part;
            while (std::getline(parts, part, ',')) {
                part = trimmed(part);
                int size = 0;
                const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), size);
                if (part.empty() || ec != std::errc{} || end != part.data() + part.size() || size < 1 || size > 100000)
                    return std::nullopt;
                normalised += (normalised.empty() ? "" : ",") + std::to_string(size);
            }
            if (normalised.empty() || text.back() == ',') return std::nullopt;
            return normalised;
        }
        case ActionKind::Reset: return std::string();
        }
        return std::nullopt;
    }

    std::filesystem::path m_file;
    TextLocator m_locator;
    const NetworkVocabulary& m_vocabulary;
    std::vector<LessonError> m_errors;
    std::set<std::pair<const toml::table*, std::string>> m_misspelled; // table, key a typo stood for
};

/// True when \p at is the end of its line in \p raw (where an unclosed "..." string stops).
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

std::optional<std::string> readWholeFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return std::move(content).str();
}

} // namespace

// ---------------------------------------------------------------- loadLesson

LessonParse parseLessonFile(const std::filesystem::path& file) {
    LessonParse result;
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) {
        result.errors.emplace_back(file, 0, 0, "is a folder, not a lesson file");
        return result;
    }
    const auto raw = readWholeFile(file);
    if (!raw) {
        result.errors.emplace_back(file, 0, 0, "cannot read the file");
        return result;
    }
    toml::table root;
    try {
        root = toml::parse(std::string_view(*raw), std::string_view(file.string()));
    } catch (const toml::parse_error& e) {
        std::string message;
        for (char c : e.description()) // keep the one-line promise whatever the parser quotes
            message += static_cast<unsigned char>(c) < 0x20 ? quote(std::string_view(&c, 1)) : std::string(1, c);
        const auto at = locationOf(e.source().begin);
        if (message.find("escape sequence") != std::string::npos)
            message += " (TeX in a \"...\" string? double the backslash or use a '...' literal string)";
        else if (message.find("control characters") != std::string::npos && endsLine(*raw, at))
            message += " (a \"...\" string must close on its line; use \"\"\"...\"\"\" for text over several lines)";
        result.errors.emplace_back(file, at.line, at.column, std::move(message));
        return result;
    }
    return LessonReader(file, *raw, defaultVocabulary()).read(root);
}

Lesson loadLesson(const std::filesystem::path& file) {
    auto parsed = parseLessonFile(file);
    if (!parsed.errors.empty()) throw parsed.errors.front();
    return std::move(*parsed.lesson);
}

// ---------------------------------------------------------------- loadLibrary

std::size_t LessonLibrary::stepCount() const {
    std::size_t steps = 0;
    for (const auto& lesson : lessons) steps += lesson.steps.size();
    return steps;
}

std::vector<LessonError> findConflicts(const Lesson& lesson, const std::vector<Lesson>& others) {
    const auto place = [](const Lesson& other, SourceLocation at) {
        return other.file.string() + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
    };
    std::vector<LessonError> errors;
    for (const auto& other : others) {
        if (!lesson.file.empty() && other.file.lexically_normal() == lesson.file.lexically_normal()) continue;
        if (other.id == lesson.id)
            errors.emplace_back(lesson.file, lesson.idLocation.line, lesson.idLocation.column,
                                "duplicate lesson id " + quote(lesson.id) + " (also in " +
                                    place(other, other.idLocation) + ")");
        if (other.order == lesson.order)
            errors.emplace_back(lesson.file, lesson.orderLocation.line, lesson.orderLocation.column,
                                "duplicate order " + std::to_string(lesson.order) + " (also used by " +
                                    quote(other.id) + " in " + place(other, other.orderLocation) + ")");
    }
    return errors;
}

LessonLibrary loadLibrary(const std::filesystem::path& dir) {
    LessonLibrary library;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        library.errors.emplace_back(dir, 0, 0, "no such folder");
        return library;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const auto name = entry.path().filename().string();
        if (entry.path().extension() == ".toml" && !name.starts_with('.') && entry.is_regular_file(ec))
            files.push_back(entry.path());
    }
    if (ec) library.errors.emplace_back(dir, 0, 0, "cannot list the folder: " + ec.message());
    std::sort(files.begin(), files.end());

    std::vector<Lesson> accepted;
    for (const auto& file : files) {
        auto parsed = parseLessonFile(file);
        library.errors.insert(library.errors.end(), parsed.errors.begin(), parsed.errors.end());
        if (!parsed.lesson) continue;
        const auto conflicts = findConflicts(*parsed.lesson, accepted);
        library.errors.insert(library.errors.end(), conflicts.begin(), conflicts.end());
        if (conflicts.empty()) accepted.push_back(std::move(*parsed.lesson));
    }
    std::stable_sort(accepted.begin(), accepted.end(),
                     [](const Lesson& a, const Lesson& b) { return a.order < b.order; });
    library.lessons = std::move(accepted);
    std::stable_sort(library.errors.begin(), library.errors.end(), [](const LessonError& a, const LessonError& b) {
        return std::tuple(a.file(), a.line(), a.column()) < std::tuple(b.file(), b.line(), b.column());
    });
    return library;
}

} // namespace stepwise::lessons

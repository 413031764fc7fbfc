// Narration placeholders (see placeholders.hpp): a small scanner for {dotted.name} and the table
// of values the equation catalogue answers.
#include "lessons/placeholders.hpp"

#include <optional>

namespace stepwise::lessons {

namespace {

bool isPathStart(char c) { return c >= 'a' && c <= 'z'; }
bool isPathChar(char c) { return isPathStart(c) || (c >= '0' && c <= '9') || c == '_'; }

/// Length of a dotted path `a.b` starting at text[i], or 0 when there is none there.
std::size_t pathLength(std::string_view text, std::size_t i) {
    std::size_t k = i;
    int parts = 0;
    while (k < text.size() && isPathStart(text[k])) {
        ++k;
        while (k < text.size() && isPathChar(text[k])) ++k;
        ++parts;
        if (k + 1 < text.size() && text[k] == '.' && isPathStart(text[k + 1])) ++k;
        else break;
    }
    return parts >= 2 ? k - i : 0;
}

std::vector<std::string> equationGroups(const NetworkVocabulary& v) {
    std::vector<std::string> groups;
    for (const auto& e : v.equations()) {
        const std::string g = e.id.substr(0, e.id.find('.'));
        if (groups.empty() || groups.back() != g) groups.push_back(g);
    }
    return groups;
}

std::optional<std::string> valueOf(std::string_view name, const NetworkVocabulary& v) {
    if (name == "equations.count") return std::to_string(v.equations().size());
    if (name == "parameters.count") {
        long long n = 0;
        for (const auto& t : v.tensorNames()) {
            const auto* info = v.tensor(t);
            const auto shape = v.tensorShape(t);
            if (info && shape && shape->cols && (info->kind == core::TensorKind::Weight || info->kind == core::TensorKind::Bias))
                n += static_cast<long long>(shape->rows) * *shape->cols;
        }
        return withThousands(n);
    }
    constexpr std::string_view prefix = "equations.", suffix = ".count";
    if (name.size() > prefix.size() + suffix.size() && name.substr(0, prefix.size()) == prefix &&
        name.substr(name.size() - suffix.size()) == suffix) {
        const std::string group(name.substr(prefix.size(), name.size() - prefix.size() - suffix.size()));
        std::size_t n = 0;
        for (const auto& e : v.equations())
            if (e.id.compare(0, group.size() + 1, group + ".") == 0) ++n;
        if (n > 0) return std::to_string(n);
    }
    return std::nullopt;
}

std::string knownNames(const NetworkVocabulary& v) {
    std::string known = "{equations.count}, {parameters.count}";
    for (const auto& g : equationGroups(v)) known += ", {equations." + g + ".count}";
    return known;
}

} // namespace

std::string withThousands(long long n) {
    std::string digits = std::to_string(n);
    for (auto i = static_cast<long long>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
    return digits;
}

FilledText fillPlaceholders(std::string_view text, const NetworkVocabulary& vocabulary) {
    FilledText out;
    out.text.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t length = text[i] == '{' ? pathLength(text, i + 1) : 0;
        if (length == 0 || i + 1 + length >= text.size() || text[i + 1 + length] != '}') {
            out.text += text[i++];
            continue;
        }
        const std::string_view name = text.substr(i + 1, length);
        if (const auto value = valueOf(name, vocabulary)) {
            out.text += *value;
        } else {
            out.issues.push_back({i, "unknown placeholder {" + std::string(name) + "} (known: " + knownNames(vocabulary) + ")"});
            out.text += text.substr(i, length + 2);
        }
        i += length + 2;
    }
    return out;
}

} // namespace stepwise::lessons

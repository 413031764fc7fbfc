// Lesson markup as Markdown or Doxygen text (see markup.hpp).
#include "app/markup.hpp"

#include <algorithm>

namespace stepwise::app {

const MarkupStyle& markdownStyle() {
    static const MarkupStyle style{&escapeMarkdown, "**", "**", "*", "*", "$", "$", "\\"};
    return style;
}

std::string escapeMarkdown(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
        case '#': case '$': case '|': case '~': case '&':
            out += '\\';
            out += c;
            break;
        case '\n': case '\r': case '\t': out += ' '; break;
        default: out += c;
        }
    }
    return out;
}

std::string inlineTex(std::string_view tex) {
    std::string out;
    for (char c : tex) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    return out;
}

std::string renderParagraph(const lessons::Paragraph& paragraph, const MarkupStyle& style) {
    std::string out;
    for (const lessons::TextRun& run : paragraph.runs) {
        if (run.math) {
            // `$ x $` is not math to pandoc: the TeX must touch its dollars.
            const std::string tex = inlineTex(run.text);
            const auto first = tex.find_first_not_of(' '), last = tex.find_last_not_of(' ');
            if (first == std::string::npos) continue;
            out.append(style.mathOpen).append(tex, first, last - first + 1).append(style.mathClose);
            continue;
        }
        const std::string words = style.escape(run.text);
        const auto first = words.find_first_not_of(' '), last = words.find_last_not_of(' ');
        if (first == std::string::npos || (!run.bold && !run.italic)) {
            out += words;
            continue;
        }
        std::string styled = words.substr(first, last - first + 1);
        if (run.italic) styled = std::string(style.italicOpen) + styled + std::string(style.italicClose);
        if (run.bold) styled = std::string(style.boldOpen) + styled + std::string(style.boldClose);
        out += words.substr(0, first) + styled + words.substr(last + 1);
    }
    // A paragraph that starts like a list item ("- ", "+ ", "3. ") must stay a paragraph.
    const auto first = out.find_first_not_of(' ');
    if (first == std::string::npos) return out;
    auto marker = first;
    while (marker < out.size() && out[marker] >= '0' && out[marker] <= '9') ++marker;
    const bool numbered = marker > first && marker < out.size() && out[marker] == '.';
    const bool bulleted = marker == first && (out[first] == '-' || out[first] == '+');
    if ((numbered || bulleted) && marker + 1 < out.size() && out[marker + 1] == ' ')
        out.insert(marker, style.listGuard);
    return out;
}

std::string renderMarkup(std::string_view text, const MarkupStyle& style, std::string_view separator) {
    std::string out;
    for (const lessons::Paragraph& paragraph : lessons::parseNarration(text)) {
        if (!out.empty()) out += separator;
        out += renderParagraph(paragraph, style);
    }
    return out;
}

} // namespace stepwise::app

// What the window, `stepwise render`, `stepwise export` and `stepwise docs` share (see
// session.hpp). Sections: lessons and trainer, sizes and themes, files, markup.
#include "app/session.hpp"

#include <algorithm>
#include <exception>
#include <system_error>

namespace stepwise::app {

// ---------------------------------------------------------------- lessons and trainer

std::filesystem::path lessonDir() { return std::filesystem::path(STEPWISE_SOURCE_DIR) / "lessons"; }

std::string errorLines(const std::vector<lessons::LessonError>& errors) {
    std::string out;
    for (const auto& e : errors) out += std::string(e.what()) + "\n";
    return out;
}

// Sends the trainer to the state the current step assumes: its equation executed (step mode),
// or training running (live mode).
void syncTrainer(const lessons::LessonPlayer& player, const core::NetworkConfig& network, training::Trainer& trainer,
                 bool autoplay) {
    if (player.empty()) return;
    if (const auto target = player.stepperTarget(network)) {
        trainer.send(training::command::SeekPosition{*target});
    } else if (player.isLiveStep()) {
        if (autoplay) trainer.send(training::command::Play{});
    }
}

// ---------------------------------------------------------------- sizes and themes

std::optional<sf::Vector2u> parseSize(const std::string& text) {
    const auto x = text.find('x');
    if (x == std::string::npos) return std::nullopt;
    try {
        const int w = std::stoi(text.substr(0, x)), h = std::stoi(text.substr(x + 1));
        if (w < 320 || h < 240 || w > 8192 || h > 8192) return std::nullopt;
        return sf::Vector2u(static_cast<unsigned>(w), static_cast<unsigned>(h));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

views::Theme themeFor(bool present, sf::Vector2u size) {
    if (present) return views::Theme::projector();
    // Text scales with the window: body 18 px at 1080 lines, never below 15 px.
    const float factor = std::max(0.85f, static_cast<float>(size.y) / 1080.f);
    return factor == 1.f ? views::Theme::dark() : views::Theme::dark().scaled(factor);
}

int focusColumn(const lessons::LessonStep& step, const core::NetworkConfig& network) {
    int column = 0;
    for (const lessons::Highlight& h : step.highlights) { // only columns that are samples count
        if (!h.col || h.isSymbol) continue;
        if (const auto tensor = core::findTensor(network, h.tensor); tensor && tensor->perSample()) column = *h.col;
    }
    return column;
}

// ---------------------------------------------------------------- files

void removeFiles(const std::filesystem::path& dir, std::string_view prefix, std::string_view extension) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return;
    std::vector<std::filesystem::path> stale;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file(ec) && name.starts_with(prefix) && entry.path().extension() == extension)
            stale.push_back(entry.path());
    }
    for (const auto& file : stale) std::filesystem::remove(file, ec);
}

// ---------------------------------------------------------------- markup

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

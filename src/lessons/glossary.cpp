// lessons/glossary.md: a heading and `- **term**: meaning` lines, checked line by line.
#include "lessons/glossary.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

namespace stepwise::lessons {

namespace {

std::string lowered(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    return s;
}

} // namespace

std::vector<GlossaryEntry> parseGlossary(std::string_view text, const std::filesystem::path& file) {
    std::vector<GlossaryEntry> entries;
    std::set<std::string> seen;
    int lineNumber = 0;
    bool heading = false;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const std::string_view raw = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        ++lineNumber;
        const std::string_view line = trimmed(raw);
        if (line.empty()) continue;
        const auto fail = [&](std::size_t column, const std::string& what) {
            throw LessonError(file, lineNumber, static_cast<int>(column) + 1, what);
        };
        if (!heading) {
            if (line != "# Glossary") fail(0, "expected the heading \"# Glossary\" first");
            heading = true;
            continue;
        }
        const std::string_view open = "- **";
        if (!line.starts_with(open)) fail(0, "expected an entry written - **term**: meaning");
        const auto close = line.find("**:", open.size());
        if (close == std::string_view::npos) fail(open.size(), "expected **: after the term");
        GlossaryEntry entry{std::string(trimmed(line.substr(open.size(), close - open.size()))),
                            std::string(trimmed(line.substr(close + 3)))};
        if (entry.term.empty()) fail(open.size(), "the term is empty");
        if (entry.meaning.empty()) fail(close + 3, "the meaning of \"" + entry.term + "\" is empty");
        if (!seen.insert(lowered(entry.term)).second) fail(open.size(), "\"" + entry.term + "\" is defined twice");
        entries.push_back(std::move(entry));
    }
    if (!heading) throw LessonError(file, 0, 0, "empty glossary: expected \"# Glossary\" and - **term**: meaning lines");
    return entries;
}

std::vector<GlossaryEntry> loadGlossary(const std::filesystem::path& file) {
    constexpr std::uintmax_t kMaxBytes = 1u << 20;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw LessonError(file, 0, 0, "not a readable file (the lessons folder should hold glossary.md)");
    if (std::filesystem::file_size(file, ec) > kMaxBytes)
        throw LessonError(file, 0, 0, "larger than 1 MiB: a glossary is a page of short lines");
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) throw LessonError(file, 0, 0, "cannot be read");
    return parseGlossary(text.str(), file);
}

} // namespace stepwise::lessons

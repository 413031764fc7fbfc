// Lesson files → lesson model: reading the file, toml++'s syntax errors made one-line and
// helpful, the schema check (lesson_reader.cpp), and whole folders with their id and order
// conflicts. Sections: loadLesson, loadLibrary.
#include "lessons/lesson_parser.hpp"

#include "lessons/diagnostics.hpp"
#include "lessons/lesson_reader.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <tuple>
#include <utility>

namespace stepwise::lessons {

namespace {

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
    return readLesson(file, *raw, root, defaultVocabulary());
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

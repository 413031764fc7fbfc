// libFuzzer harness for the lesson reader (src/lessons: toml++, then lesson_reader.cpp with its
// markup and TeX checks), for the TeX parser on its own (src/tex/parser.cpp) and for the glossary
// beside the lessons (src/lessons/glossary.cpp). Each input is read as a lesson file, as one
// equation and as a glossary, so TOML-, TeX- and Markdown-shaped seeds all count.
#include "fuzz_support.hpp"

#include "lessons/glossary.hpp"
#include "lessons/lesson_parser.hpp"
#include "tex/parser.hpp"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stepwise;
    const auto file = fuzz::scratch().file("01-fuzz.toml");
    fuzz::writeFile(file, data, size);
    // parseLessonFile collects problems instead of throwing: anything escaping is a finding.
    const lessons::LessonParse parse = lessons::parseLessonFile(file);
    if (parse.lesson.has_value() == !parse.errors.empty())
        fuzz::finding("parseLessonFile returned both a lesson and errors, or neither");
    for (const lessons::LessonError& error : parse.errors) fuzz::requireOneLine(error.what(), "parseLessonFile");

    const std::string_view tex(reinterpret_cast<const char*>(data), size);
    try {
        (void)tex::parseEquation(tex);
    } catch (const tex::EquationParseError& error) {
        if (error.offset() > size) fuzz::finding("parseEquation blamed an offset past the end of the TeX");
        fuzz::requireOneLine(error.message(), "parseEquation");
    }
    try {
        for (const lessons::GlossaryEntry& entry : lessons::parseGlossary(tex, "glossary.md"))
            if (entry.term.empty() || entry.meaning.empty()) fuzz::finding("parseGlossary accepted an empty term or meaning");
    } catch (const lessons::LessonError& error) {
        if (error.line() < 0 || error.column() < 0) fuzz::finding("parseGlossary blamed a negative line or column");
        fuzz::requireOneLine(error.what(), "parseGlossary");
    }
    return 0;
}

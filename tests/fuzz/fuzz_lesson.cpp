// libFuzzer harness for the lesson reader (src/lessons: toml++, then lesson_reader.cpp with its
// markup and TeX checks) and for the TeX parser on its own (src/tex/parser.cpp). Each input is
// read both as a lesson file and as one equation, so TOML-shaped and TeX-shaped seeds both count.
#include "fuzz_support.hpp"

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
    return 0;
}
